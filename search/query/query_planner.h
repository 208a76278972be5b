#pragma once
// Turns the text a visitor typed into the Xapian query the search runs:
// Xapian's QueryParser for query syntax, otherwise one query per plain word
// (its exact form, boosted, OR its stem; the last word, while it is being
// typed, also as a prefix of the index's most frequent words), with a word
// the index does not hold replaced by its nearest spelling. Also builds the
// "most of the words" queries used when every word together finds nothing.
//
// Thread-safety: a QueryPlanner reads its Xapian::Database handle, which is
// not thread-safe: one per thread (each Searcher owns one).

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace vetrina::search {

// "Most of the words" fallback: at most this many word combinations, and
// queries with more words than k_max_relaxed_words go straight to "any".
inline constexpr std::size_t k_max_combinations = 128;
inline constexpr std::size_t k_max_relaxed_words = 8;

// A weighted part of a plain-word query, as Xapian's BM25Weight sees it: one
// term, or a synonym of several (their wdf summed, a termfreq Xapian
// estimates), its weight scaled by `factor`. page_candidates.h bounds the
// weights of documents from these.
struct WeightedLeaf {
  std::vector<std::string> terms;
  double factor = 1.0;
  bool synonym = false;
};

// The text query of a request.
struct TextPlan {
  Xapian::Query all;                  // the query of every word together
  std::vector<Xapian::Query> words;   // one query per plain word (empty for query syntax)
  std::vector<std::string> searched;  // the words as searched (after corrections)
  bool corrected = false;             // a word was replaced by its spelling correction
  // Every weighted part of `words`: a document's weight for `all`, and for
  // any OR / AND of `words`, is the sum of its leaves' weights (a leaf whose
  // terms the document lacks weighs 0). Empty for query syntax.
  std::vector<WeightedLeaf> leaves;
};

class QueryPlanner {
 public:
  // `db` is a handle the planner keeps (Xapian handles share the database).
  explicit QueryPlanner(const Xapian::Database& db);

  // The plan of `text` (not empty). Throws Xapian::Error.
  TextPlan plan(const std::string& text);
  // Xapian's spelling correction of the whole `text`, or "" (none, broken
  // syntax, or no spelling data). Costs more than a search: ask it only
  // when nothing was found.
  std::string spelling_correction(const std::string& text);
  const Xapian::Stem& stemmer() const { return m_stemmer; }

 private:
  Xapian::QueryParser make_parser() const;
  // One plain word: exact form (boosted) OR its stem, plus (when `prefix`)
  // the most frequent indexed words it starts; an empty Query when none of
  // them is in the index.
  struct WordQuery {
    Xapian::Query query;
    std::vector<WeightedLeaf> leaves;
  };
  // word_query's answers for this snapshot (the planner's database never
  // changes): a request's words are mostly words asked before, and the
  // prefix expansion scans up to k_prefix_scan terms.
  const WordQuery& cached_word_query(const std::string& word, bool prefix, bool stop_word);
  WordQuery word_query(const std::string& word, bool prefix, bool stop_word) const;
  // The nearest word of the spelling table to `word`, or "".
  std::string word_correction(const std::string& word);

  Xapian::Database m_db;
  Xapian::Stem m_stemmer;
  Xapian::SimpleStopper m_stopper;
  bool m_spelling = true;                              // spelling data is local only (none over remote shards)
  std::unordered_map<std::string, WordQuery> m_words;  // by flags + word; emptied when full
};

// n choose k, or any number above k_max_combinations once it exceeds it.
std::size_t combinations(std::size_t n, std::size_t k);
// The documents matching at least `k` of `words` (every word query is
// non-empty): OR of the ANDs of each k-combination.
Xapian::Query at_least(const std::vector<Xapian::Query>& words, std::size_t k);

}  // namespace vetrina::search
