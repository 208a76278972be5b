#pragma once
// What the search service counts about its own use (docs/usage-report.md,
// docs/privacy.md): per day, aggregated counts of searches (normalised query
// text, filters, number of results) and of opened results (query and story
// URL), each with a coarse device class. Never an IP address, a cookie, a
// user agent string or a time finer than the day: a request is reduced to
// one key here and the rest of it is dropped.
//
// UsageRecorder keeps the counts of the current days in memory (a
// mutex-protected hash map: recording is one lookup and one increment) and
// merges them into one file per day, `usage-YYYY-MM-DD.tsv` in its folder,
// every few minutes and when it stops; raw events never reach the disk.
// Files are bounded (k_max_usage_entries lines a day, the rest summed in an
// "other" line) and rotated (files older than `keep_days` are deleted).
// The file format (below) is read back by `vetrina report`.
// All UsageRecorder methods are thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "search/query/query.h"
#include "search/service/service_log.h"

namespace vetrina::search {

// --- Visitors, coarsely ------------------------------------------------------

enum class DeviceClass { computer, telefono, tablet, altro };
inline constexpr std::size_t k_device_classes = 4;
// "computer", "telefono", "tablet", "altro": ids in files and reports.
const char* device_class_id(DeviceClass device);
std::optional<DeviceClass> parse_device_class(std::string_view id);
// The class of a User-Agent header (tablets before phones, "altro" when the
// string says nothing known). The string itself is never kept.
DeviceClass device_class(std::string_view user_agent);

// What the service and the report keep of a user agent: is_bot() and
// device_class() of it, remembered per thread for the last few thousand
// distinct strings (a hash lookup instead of a scan of every bot pattern).
struct AgentClass {
  bool bot = false;
  DeviceClass device = DeviceClass::altro;
};
AgentClass classify_agent(std::string_view user_agent);

// True when the user agent is a crawler, a monitor or a script: it contains
// (ASCII case-insensitively) one of the patterns of search/service/bots.txt, or it is
// empty or "-". The list is compiled in; `extra` patterns (one a line, '#'
// comments) can be added with add_bot_patterns.
bool is_bot(std::string_view user_agent);
// The compiled-in patterns, lowercase, in file order.
const std::vector<std::string>& bot_patterns();
// Parses a bots file (one pattern a line, blank lines and '#' comments
// ignored) into lowercase patterns.
std::vector<std::string> parse_bot_patterns(std::string_view text);

// --- Normalisation (the documented limits) -----------------------------------

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
// Parses a file; nullopt with `error` ("line N: ...") when it is not one.
std::optional<UsageDay> parse_usage_file(std::string_view text, std::string* error);
// "usage-2026-12-06.tsv" -> "2026-12-06"; nullopt for any other name.
std::optional<std::string> usage_file_day(std::string_view file_name);
// The local calendar day of `time` (as nginx's $time_local), YYYY-MM-DD.
std::string local_day(std::time_t time);
// Days since 1970-01-01 of "YYYY-MM-DD" (nullopt if not a date).
std::optional<long> day_number(std::string_view day);

struct UsageOptions {
  std::string dir;      // where the daily files go (created)
  int keep_days = 366;  // files older than this many days are deleted
  std::chrono::seconds flush_every = std::chrono::seconds(300);
  std::function<std::time_t()> clock;  // tests; default std::time
  std::shared_ptr<ServiceLog> log;     // where a failed periodic or final flush is told; null = nowhere
};

class UsageRecorder {
 public:
  // Starts the periodic flush. Throws std::runtime_error when `dir` cannot be created.
  explicit UsageRecorder(UsageOptions options);
  // Stops the periodic flush and flushes.
  ~UsageRecorder();
  UsageRecorder(const UsageRecorder&) = delete;
  UsageRecorder& operator=(const UsageRecorder&) = delete;

  // One search answered (page 1 only; the caller decides). Cheap: a key
  // built from the normalised query, one locked map increment.
  void record_search(const SearchRequest& request, std::size_t results, std::string_view user_agent);
  // One result opened from the results of `query`.
  void record_click(std::string_view query, std::string_view url, std::string_view user_agent);
  // Merges the counts in memory into the daily files now and deletes files
  // past retention. Returns false with `error` when a file could not be
  // written (the counts are kept for the next attempt).
  bool flush(std::string* error);

 private:
  void add(std::string key);
  void flush_loop();

  UsageOptions m_options;
  std::mutex m_mutex;                                                               // guards m_pending
  std::map<std::string, std::unordered_map<std::string, std::uint64_t>> m_pending;  // day -> counts
  std::mutex m_flush_mutex;                                                         // one flush at a time
  std::mutex m_stop_mutex;
  std::condition_variable m_stop_signal;
  bool m_stopping = false;
  std::thread m_flusher;
};

}  // namespace vetrina::search
