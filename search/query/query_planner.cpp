#include "search/query/query_planner.h"

#include <algorithm>
#include <utility>

#include "search/index/schema.h"
#include "search/query/query_words.h"
#include "search/query/stem_cache.h"

namespace vetrina::search {

namespace {

// How much more an exact word weighs than its stem, and a prefix expansion
// than... less: a word the visitor has not finished typing.
constexpr double k_exact_boost = 2.0;
constexpr double k_prefix_weight = 0.5;
// The last word matches as a prefix from this many characters, through the
// most frequent indexed words it starts (at most k_prefix_terms, chosen
// among the first k_prefix_scan in alphabetical order).
constexpr std::size_t k_prefix_min_chars = 2;
constexpr std::size_t k_prefix_terms = 24;
constexpr std::size_t k_prefix_scan = 4000;
// Words whose queries a planner keeps (emptied when full; up to about 1 MB
// with prefix expansions, one planner per worker thread).
constexpr std::size_t k_word_cache_entries = 1024;
// Spelling lookups cost more than a search: at most this many per query.
constexpr std::size_t k_max_corrections = 4;

std::size_t utf8_chars(const std::string& word) {
  std::size_t count = 0;
  for (const char c : word) {
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

}  // namespace

QueryPlanner::QueryPlanner(const Xapian::Database& db) : m_db(db), m_stemmer(cached_stemmer("italian")) {
  for (const auto& word : italian_stop_words()) {
    m_stopper.add(word);
  }
}

Xapian::QueryParser QueryPlanner::make_parser() const {
  Xapian::QueryParser parser;
  parser.set_database(m_db);
  parser.set_stemmer(m_stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.set_stopper(&m_stopper);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("titolo", k_prefix_title);
  return parser;
}

std::size_t combinations(std::size_t n, std::size_t k) {
  std::size_t result = 1;
  for (std::size_t i = 1; i <= k; ++i) {
    result = result * (n - k + i) / i;
    if (result > k_max_combinations) {
      return result;
    }
  }
  return result;
}

Xapian::Query at_least(const std::vector<Xapian::Query>& words, std::size_t k) {
  std::vector<Xapian::Query> alternatives;
  std::vector<std::size_t> pick(k);
  for (std::size_t i = 0; i < k; ++i) {
    pick[i] = i;
  }
  const std::size_t n = words.size();
  while (true) {
    std::vector<Xapian::Query> parts;
    for (const std::size_t i : pick) {
      parts.push_back(words[i]);
    }
    alternatives.emplace_back(Xapian::Query::OP_AND, parts.begin(), parts.end());
    std::size_t i = k;
    while (i > 0 && pick[i - 1] == n - k + i - 1) {
      --i;
    }
    if (i == 0) {
      break;
    }
    ++pick[i - 1];
    for (std::size_t j = i; j < k; ++j) {
      pick[j] = pick[j - 1] + 1;
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

QueryPlanner::WordQuery QueryPlanner::word_query(const std::string& word, bool prefix, bool stop_word) const {
  std::vector<Xapian::Query> parts;
  WordQuery out;
  if (!stop_word) {
    if (m_db.term_exists(word)) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(word), k_exact_boost);
      out.leaves.push_back({{word}, k_exact_boost, false});
    }
    std::string stem = "Z";  // (not "Z" + ...: GCC 12's -Wrestrict false positive at -O3)
    stem += m_stemmer(word);
    if (m_db.term_exists(stem)) {
      parts.emplace_back(stem);
      out.leaves.push_back({{stem}, 1.0, false});
    }
  }
  if (prefix && utf8_chars(word) >= k_prefix_min_chars) {
    // The most frequent words starting with `word` (unprefixed terms are
    // the words as written; prefixed terms start with a capital letter).
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    std::size_t scanned = 0;
    for (auto it = m_db.allterms_begin(word); it != m_db.allterms_end(word) && scanned < k_prefix_scan;
         ++it, ++scanned) {
      if (*it != word) {
        found.emplace_back(it.get_termfreq(), *it);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (found.size() > k_prefix_terms) {
      found.resize(k_prefix_terms);
    }
    std::vector<Xapian::Query> expansions;
    WeightedLeaf leaf{{}, k_prefix_weight, true};
    for (const auto& [freq, term] : found) {
      expansions.emplace_back(term);
      leaf.terms.push_back(term);
    }
    if (!expansions.empty()) {
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_SYNONYM, expansions.begin(), expansions.end()),
                         k_prefix_weight);
      out.leaves.push_back(std::move(leaf));
    }
  }
  if (!parts.empty()) {
    out.query = parts.size() == 1 ? parts.front() : Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
  return out;
}

const QueryPlanner::WordQuery& QueryPlanner::cached_word_query(const std::string& word, bool prefix, bool stop_word) {
  std::string key;
  key.reserve(word.size() + 1);
  key.push_back(static_cast<char>('0' + (prefix ? 1 : 0) + (stop_word ? 2 : 0)));
  key.append(word);
  if (const auto it = m_words.find(key); it != m_words.end()) {
    return it->second;
  }
  if (m_words.size() >= k_word_cache_entries) {
    m_words.clear();
  }
  return m_words.emplace(std::move(key), word_query(word, prefix, stop_word)).first->second;
}

// The nearest word of the spelling table (titles, summaries, labels, names)
// to a word the index does not hold, or "".
std::string QueryPlanner::word_correction(const std::string& word) {
  if (!m_spelling || utf8_chars(word) < 3) {
    return "";
  }
  try {
    return m_db.get_spelling_suggestion(word, utf8_chars(word) <= 4 ? 1 : 2);
  } catch (const Xapian::Error&) {
    m_spelling = false;  // e.g. remote shards carry no spelling data
    return "";
  }
}

TextPlan QueryPlanner::plan(const std::string& text) {
  TextPlan plan;
  // Case is kept for the parser: AND, OR and NOT are operators only in
  // capitals, and the query parser lowercases words itself.
  if (has_query_syntax(text)) {
    Xapian::QueryParser parser = make_parser();
    const std::string normalized = normalize_text(text);
    try {
      plan.all = parser.parse_query(normalized, Xapian::QueryParser::FLAG_DEFAULT);
    } catch (const Xapian::QueryParserError&) {
      // Broken syntax ("a AND", unbalanced quotes): fall back to plain words.
      plan.all = parser.parse_query(normalized, 0);
    }
    return plan;
  }
  const QueryWords parsed = query_words(text);
  bool only_stop_words = true;
  for (const auto& word : parsed.words) {
    only_stop_words = only_stop_words && m_stopper(word);
  }
  std::size_t corrections = 0;
  for (std::size_t i = 0; i < parsed.words.size(); ++i) {
    const std::string& word = parsed.words[i];
    const bool prefix = parsed.last_open && i + 1 == parsed.words.size();
    // Stop words are not indexed; one still counts as the start of a word
    // being typed, and a query of stop words only is searched as written.
    const bool stop_word = m_stopper(word) && !only_stop_words;
    if (stop_word && !prefix) {
      continue;
    }
    WordQuery found = cached_word_query(word, prefix, stop_word);
    std::string searched = word;
    if (found.query.empty() && !stop_word && corrections++ < k_max_corrections) {
      const std::string correction = word_correction(word);
      if (!correction.empty() && correction != word) {
        found = cached_word_query(correction, false, false);
        if (!found.query.empty()) {
          searched = correction;
          plan.corrected = true;
        }
      }
    }
    const Xapian::Query& query = found.query;
    if (query.empty() && stop_word) {
      continue;
    }
    for (auto& leaf : found.leaves) {
      plan.leaves.push_back(std::move(leaf));
    }
    // A word found nowhere stays: every word together then finds nothing,
    // and the results with most of the words are shown instead.
    plan.words.push_back(query.empty() ? Xapian::Query::MatchNothing : query);
    plan.searched.push_back(searched);
  }
  if (plan.words.empty()) {
    plan.all = Xapian::Query::MatchNothing;
  } else {
    plan.all = plan.words.size() == 1 ? plan.words.front()
                                      : Xapian::Query(Xapian::Query::OP_AND, plan.words.begin(), plan.words.end());
  }
  return plan;
}

// Xapian's spelling correction of `text`, or "" (none, broken syntax, or no
// spelling data). Asked only when nothing was found: looking words up in the
// spelling table costs more than the whole search.
std::string QueryPlanner::spelling_correction(const std::string& text) {
  if (!m_spelling) {
    return "";
  }
  try {
    Xapian::QueryParser parser = make_parser();
    parser.parse_query(normalize_text(text),
                       Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    return parser.get_corrected_query_string();
  } catch (const Xapian::QueryParserError&) {
    return "";
  } catch (const Xapian::Error&) {
    m_spelling = false;  // e.g. remote shards carry no spelling data
    return "";
  }
}

}  // namespace vetrina::search
