#pragma once
// Faceted search over the index of schema.h: turns visitor parameters into a
// validated SearchRequest (every problem is a message for HTTP 400), runs it
// with Xapian, and shapes the answer as DESIGN.md's JSON.
//
// Facet semantics: values of one facet are OR-ed, facets are AND-ed; each
// facet's counts are computed with its own selection removed (so a visitor
// can widen a choice). Over a local database the total and every count are
// set algebra on document bitsets (doc_set.h, bitset_index.h): the text
// matches, each selection's documents, each facet value's documents. Over a
// stub (remote shards: xapian-tcpsrv runs only Xapian's built-in spies) one
// ValueCountMatchSpy per facet slot is summed, in one pass for the facets
// without a selection and one pass per facet with a selection.
//
// A Searcher owns a Xapian::Database, which is not thread-safe: use one per
// thread. Opening an index made by another schema version fails clearly.

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <xapian.h>

#include "search/index/schema.h"
#include "search/query/bitset_index.h"

namespace vetrina::search {

struct FacetTerm {
  std::string id;
  std::string label;
};

// What the index says about itself (its metadata): facet terms with labels,
// in display order, and how many value slots each facet uses.
struct IndexInfo {
  std::array<std::vector<FacetTerm>, k_facets.size()> terms;
  std::array<std::size_t, k_facets.size()> slots{};
  const FacetTerm* find(std::size_t facet, const std::string& id) const;
};

struct SearchRequest {
  std::string query;  // as typed (trimmed)
  std::array<std::vector<std::string>, k_facets.size()> selected;
  int page = 1;
  bool sort_recent = false;  // sort=recenti
};

inline constexpr int k_results_per_page = 10;
inline constexpr int k_max_page = 1000;

// Validates query parameters (in request order; repeated names allowed).
// Returns the request or a message for the visitor (HTTP 400). Unknown
// parameter names are ignored (tracking tags, cache busters).
std::variant<SearchRequest, std::string> parse_request(const std::vector<std::pair<std::string, std::string>>& params,
                                                       const IndexInfo& info);

struct FacetCount {
  std::string id;
  std::string label;
  std::size_t count = 0;
  bool selected = false;
};

struct SearchHit {
  std::string url;
  std::string title;
  std::string summary;
  std::string snippet;  // HTML: escaped text with <mark> around matches
  std::string school_year;
  std::vector<FacetTerm> levels;
  std::string cover;     // thumbnail URL, or empty
  bool example = false;  // an invented example story (Story::example)
};

struct SearchResult {
  std::string query;
  std::size_t total = 0;
  int page = 1;
  int per_page = k_results_per_page;
  std::vector<SearchHit> hits;
  std::array<std::vector<FacetCount>, k_facets.size()> facets;
  std::optional<std::string> suggestion;  // "Forse cercavi": a correction that finds something
  // The words the results were found with, when a word of the query matched
  // nothing and was replaced by its nearest word of the index ("ambinte" ->
  // "ambiente"); nullopt when the query was searched as typed.
  std::optional<std::string> corrected_query;
  // When every word together found nothing: the results have at least
  // `matched` of the query's `words` words.
  struct Relaxed {
    std::size_t matched = 0;
    std::size_t words = 0;
  };
  std::optional<Relaxed> relaxed;
  // When nothing was found with filters: how many results each selected
  // facet's filter hides (the total with that facet's selection removed).
  struct Widen {
    std::size_t facet = 0;  // index in k_facets
    std::size_t total = 0;
  };
  std::vector<Widen> widen;
};

// Plain words of a query as the search reads them: accent-folded,
// lowercase, split as Xapian's TermGenerator splits text. `last_open` says
// whether the text ends inside its last word (no space after it): that word
// is then also matched as a prefix. Exposed for tests.
struct QueryWords {
  std::vector<std::string> words;
  bool last_open = false;
};
QueryWords query_words(const std::string& text);
// True when `text` uses Xapian's query syntax (quotes, AND/OR/NOT, +/-,
// parentheses, titolo:, a trailing *): it is then parsed by Xapian's
// QueryParser instead of read as plain words.
bool has_query_syntax(const std::string& text);

class Searcher {
 public:
  // Opens the index at `path` (a database folder, or a stub file listing
  // remote shards). `term_cache_entries` sizes the shared term cache of a
  // local index (bitset_index.h) when this is the first Searcher of its
  // snapshot; 0 reads every term from its posting list. Throws
  // std::runtime_error with a readable message.
  explicit Searcher(const std::string& path, std::size_t term_cache_entries = k_term_cache_entries);

  SearchResult search(const SearchRequest& request);
  const IndexInfo& info() const { return m_info; }
  std::size_t document_count() const { return m_db.get_doccount(); }
  // The database's commit revision ("" over remote shards, which have none).
  std::string revision() const;
  // True for a local database folder; false for a stub (remote shards).
  bool is_local() const { return m_bitsets != nullptr; }

 private:
  // The text query of a request: either Xapian's parse of query syntax, or
  // (plain words) one query per word, AND-ed.
  struct TextPlan {
    Xapian::Query all;                  // the query of every word together
    std::vector<Xapian::Query> words;   // one query per plain word (empty for query syntax)
    std::vector<std::string> searched;  // the words as searched (after corrections)
    bool corrected = false;             // a word was replaced by its spelling correction
  };
  Xapian::QueryParser make_parser() const;
  TextPlan text_plan(const std::string& text);
  // One plain word: exact form (boosted) OR its stem, plus (when `prefix`)
  // the most frequent indexed words it starts; an empty Query when none of
  // them is in the index.
  Xapian::Query word_query(const std::string& word, bool prefix, bool stop_word) const;
  std::string spelling_correction(const std::string& text);
  std::string word_correction(const std::string& word);
  Xapian::Query filter_query(const SearchRequest& request, std::optional<std::size_t> except) const;
  // Per facet, value id -> count.
  using FacetCounts = std::array<std::map<std::string, std::size_t>, k_facets.size()>;
  // Exact facet counts and total of `request` (see the header comment);
  // count_local also gives the matching documents.
  // `widened[f]`: the total with facet f's selection removed (facets with a selection only).
  using Widened = std::array<std::size_t, k_facets.size()>;
  FacetCounts count_local(const SearchRequest& request, const Xapian::Query& text, std::size_t* total, DocSet* matches,
                          Widened* widened) const;
  FacetCounts count_with_spies(const SearchRequest& request, const Xapian::Query& text, std::size_t* total,
                               Widened* widened) const;
  SearchHit hit_of(const std::string& stored) const;

  Xapian::Database m_db;
  IndexInfo m_info;
  std::shared_ptr<BitsetIndex> m_bitsets;  // a single local database; null for a stub
  Xapian::Stem m_stemmer;
  Xapian::SimpleStopper m_stopper;
  bool m_spelling = true;  // spelling data is local only (none over remote shards)
};

// DESIGN.md's JSON for a result; `{"error": message}` for an error.
std::string to_json(const SearchResult& result);
std::string error_json(const std::string& message);

// The index metadata decoded (used by Searcher; exposed for tests).
IndexInfo read_index_info(const Xapian::Database& db);

}  // namespace vetrina::search
