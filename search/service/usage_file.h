#pragma once
// The search service's daily usage file (docs/usage-report.md,
// docs/privacy.md): what one line counts (a search: device class, number of
// results, filters, normalised query; an opened result: device class, story
// URL, query), how a query is normalised before it is counted, and the text
// format of a day, written by UsageRecorder (usage_recorder.h) and read back
// by `vetrina report`. Pure functions and plain data; thread-safe.

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "generator/util/result.h"
#include "search/query/query.h"
#include "search/service/user_agent.h"

namespace vetrina::search {

// --- What is counted (the documented limits) ---------------------------------

// Longest normalised query kept, in code points.
inline constexpr std::size_t k_max_recorded_query_chars = 80;

// The text of a query as counted: invalid UTF-8 bytes dropped, control
// characters and tabs turned into spaces, spaces collapsed and trimmed,
// ASCII and Latin-1 capitals lowercased, a word containing '@' replaced by
// "[email]", a word with 6 or more digits by "[numero]" (phone numbers,
// tax codes), then cut to k_max_recorded_query_chars code points.
std::string normalise_query(std::string_view text);

// The filters of a request as counted: "livello=primaria,infanzia;competenza=stem"
// (facets in k_facets order, values as selected), "" without filters.
std::string filters_key(const SearchRequest& request);

// --- The daily file ----------------------------------------------------------
//
//   vetrina-usage<TAB>1<TAB>2026-12-06
//   search<TAB>count<TAB>device<TAB>results<TAB>filters<TAB>query
//   click<TAB>count<TAB>device<TAB>url<TAB>query
//   other<TAB>count<TAB>search|click
//
// UTF-8, one record a line, '\n' line ends, sorted; no field holds a tab or a
// newline (normalisation removes them). Counts are positive decimals.

inline constexpr std::size_t k_max_usage_entries = 20000;  // lines a day, beyond them "other"
inline constexpr int k_usage_format_version = 1;

// Counts of one day: key (a line without its count, "search\t<device>\t...")
// -> count.
struct UsageDay {
  std::string day;  // YYYY-MM-DD
  std::unordered_map<std::string, std::uint64_t> counts;
};

// Key of one search or one opened result.
std::string search_key(DeviceClass device, std::size_t results, std::string_view filters, std::string_view query);
std::string click_key(DeviceClass device, std::string_view url, std::string_view query);

// One decoded line.
struct UsageRecord {
  enum class Kind { search, click, other } kind = Kind::search;
  std::uint64_t count = 0;
  DeviceClass device = DeviceClass::altro;
  std::size_t results = 0;  // search
  std::string filters;      // search
  std::string url;          // click
  std::string query;        // search, click
  std::string other_kind;   // other: "search" or "click"
};
// Decodes a key as made by search_key / click_key ("other\t<kind>" too).
std::optional<UsageRecord> decode_usage_key(std::string_view key, std::uint64_t count);

// The file text of a day (sorted, bounded: beyond k_max_usage_entries the
// smallest counts are summed into "other" lines).
std::string format_usage_file(const UsageDay& day);
// Parses a file; fails with "line N: ..." when it is not one.
Result<UsageDay> parse_usage_file(std::string_view text);
// "usage-2026-12-06.tsv" -> "2026-12-06"; nullopt for any other name.
std::optional<std::string> usage_file_day(std::string_view file_name);
// The local calendar day of `time` (as nginx's $time_local), YYYY-MM-DD.
std::string local_day(std::time_t time);
// Days since 1970-01-01 of "YYYY-MM-DD" (nullopt if not a date).
std::optional<long> day_number(std::string_view day);

}  // namespace vetrina::search
