#include "search/query/doc_set.h"

#include <algorithm>
#include <bit>
#if defined(__x86_64__)
#include <immintrin.h>
#endif
#include <string>

namespace vetrina::search {

namespace {

// Counting is most of the work of facet counts: let x86-64 machines with
// the POPCNT instruction (nearly all) use it, chosen when the program loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VETRINA_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define VETRINA_POPCNT_CLONES
#endif

VETRINA_POPCNT_CLONES std::size_t popcount_words(const std::uint64_t* words, std::size_t n) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    total += static_cast<std::size_t>(std::popcount(words[i]));
  }
  return total;
}

VETRINA_POPCNT_CLONES std::size_t popcount_common_words(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    total += static_cast<std::size_t>(std::popcount(a[i] & b[i]));
  }
  return total;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
// With AVX-512's vector population count (VPOPCNTQ: Ice Lake and later
// servers, such as the benchmark's machine), eight words at a time.
__attribute__((target("avx512f,avx512vpopcntdq"))) std::size_t popcount_common_avx512(const std::uint64_t* a,
                                                                                      const std::uint64_t* b,
                                                                                      std::size_t n) {
  __m512i sums = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512i both = _mm512_and_si512(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i));
    sums = _mm512_add_epi64(sums, _mm512_popcnt_epi64(both));
  }
  alignas(64) std::uint64_t lanes[8];
  _mm512_store_si512(lanes, sums);
  std::size_t total = popcount_common_words(a + i, b + i, n - i);
  for (const std::uint64_t lane : lanes) {
    total += static_cast<std::size_t>(lane);
  }
  return total;
}

const bool k_has_vpopcntq = [] {
  __builtin_cpu_init();  // static initialisers may run before the library's own
  return __builtin_cpu_supports("avx512vpopcntdq") != 0;
}();
#endif

std::size_t popcount_common(const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
  if (k_has_vpopcntq) {
    return popcount_common_avx512(a, b, n);
  }
#endif
  return popcount_common_words(a, b, n);
}

}  // namespace

DocSet::DocSet(Xapian::docid last) : m_words(last / 64 + 1, 0) {}

void DocSet::insert(Xapian::docid id) {
  const std::size_t word = id / 64;
  if (word >= m_words.size()) {
    m_words.resize(word + 1, 0);
  }
  m_words[word] |= std::uint64_t{1} << (id % 64);
}

bool DocSet::contains(Xapian::docid id) const {
  const std::size_t word = id / 64;
  return word < m_words.size() && (m_words[word] >> (id % 64) & 1U) != 0;
}

std::size_t DocSet::count() const {
  return popcount_words(m_words.data(), m_words.size());
}

std::size_t DocSet::count_common(const DocSet& other) const {
  return popcount_common(m_words.data(), other.m_words.data(), std::min(m_words.size(), other.m_words.size()));
}

std::vector<Xapian::docid> DocSet::members(std::size_t skip, std::size_t limit) const {
  std::vector<Xapian::docid> out;
  for (std::size_t i = 0; i < m_words.size() && out.size() < limit; ++i) {
    const auto bits = static_cast<std::size_t>(std::popcount(m_words[i]));
    if (skip >= bits) {
      skip -= bits;
      continue;
    }
    for (std::uint64_t word = m_words[i]; word != 0 && out.size() < limit; word &= word - 1) {
      if (skip > 0) {
        --skip;
        continue;
      }
      out.push_back(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(word))));
    }
  }
  return out;
}

Xapian::docid DocSet::first_from(Xapian::docid id) const {
  std::size_t i = id / 64;
  if (i >= m_words.size()) {
    return 0;
  }
  std::uint64_t word = m_words[i] & (~std::uint64_t{0} << (id % 64));
  while (word == 0) {
    if (++i == m_words.size()) {
      return 0;
    }
    word = m_words[i];
  }
  return static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(word)));
}

DocSet& DocSet::operator&=(const DocSet& other) {
  const std::size_t n = std::min(m_words.size(), other.m_words.size());
  for (std::size_t i = 0; i < n; ++i) {
    m_words[i] &= other.m_words[i];
  }
  std::fill(m_words.begin() + static_cast<std::ptrdiff_t>(n), m_words.end(), 0);
  return *this;
}

DocSet& DocSet::operator|=(const DocSet& other) {
  if (other.m_words.size() > m_words.size()) {
    m_words.resize(other.m_words.size(), 0);
  }
  for (std::size_t i = 0; i < other.m_words.size(); ++i) {
    m_words[i] |= other.m_words[i];
  }
  return *this;
}

DocSet& DocSet::operator^=(const DocSet& other) {
  if (other.m_words.size() > m_words.size()) {
    m_words.resize(other.m_words.size(), 0);
  }
  for (std::size_t i = 0; i < other.m_words.size(); ++i) {
    m_words[i] ^= other.m_words[i];
  }
  return *this;
}

DocSet& DocSet::subtract(const DocSet& other) {
  const std::size_t n = std::min(m_words.size(), other.m_words.size());
  for (std::size_t i = 0; i < n; ++i) {
    m_words[i] &= ~other.m_words[i];
  }
  return *this;
}

bool DocSet::operator==(const DocSet& other) const {
  const std::size_t n = std::max(m_words.size(), other.m_words.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t a = i < m_words.size() ? m_words[i] : 0;
    const std::uint64_t b = i < other.m_words.size() ? other.m_words[i] : 0;
    if (a != b) {
      return false;
    }
  }
  return true;
}

DocSetSource::DocSetSource(DocSet documents)
    : m_documents(std::move(documents)), m_count(static_cast<Xapian::doccount>(m_documents.count())) {}

void DocSetSource::init(const Xapian::Database& /*db*/) {
  m_current = 0;
  m_at_end = false;
}

void DocSetSource::next(double /*min_weight*/) {
  m_current = m_documents.first_from(m_current + 1);
  m_at_end = m_current == 0;
}

void DocSetSource::skip_to(Xapian::docid id, double /*min_weight*/) {
  if (id > m_current) {
    m_current = m_documents.first_from(id);
    m_at_end = m_current == 0;
  }
}

std::string DocSetSource::get_description() const {
  return "DocSetSource(" + std::to_string(m_count) + " documents)";
}

DocSet documents_with_term(const Xapian::Database& db, const std::string& term) {
  DocSet set(db.get_lastdocid());
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    set.insert(*it);
  }
  return set;
}

TermPostings read_postings(const Xapian::Database& db, const std::string& term, bool dense) {
  TermPostings postings;
  const Xapian::docid last = db.get_lastdocid();
  postings.documents = DocSet(last);
  if (dense) {
    postings.dense.assign(static_cast<std::size_t>(last) + 1, 0);
  }
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    const Xapian::docid id = *it;
    const Xapian::termcount wdf = it.get_wdf();
    postings.documents.insert(id);
    ++postings.termfreq;
    if (dense) {
      postings.dense[id] = static_cast<std::uint8_t>(std::min<Xapian::termcount>(wdf, TermPostings::k_saturated));
    } else {
      postings.sparse.emplace_back(id, wdf);
    }
  }
  return postings;
}

namespace {

// Collects the document ids an Enquire pass sees.
class Collector : public Xapian::MatchSpy {
 public:
  explicit Collector(DocSet& set) : m_set(set) {}
  void operator()(const Xapian::Document& doc, double /*weight*/) override { m_set.insert(doc.get_docid()); }

 private:
  DocSet& m_set;
};

DocSet by_enquire(const Xapian::Database& db, const Xapian::Query& query) {
  DocSet set(db.get_lastdocid());
  Collector collector(set);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&collector);
  // check_at_least = every document: the spy sees every match.
  enquire.get_mset(0, 0, db.get_doccount());
  return set;
}

bool is_term(const Xapian::Query& query) {
  return query.get_type() == Xapian::Query::LEAF_TERM;
}

std::string term_of(const Xapian::Query& query) {
  return *query.get_terms_begin();
}

DocSet evaluate(const Xapian::Database& db, const Xapian::Query& query, const DocSet& all, const TermReader& read);

// AND of `parts`: the smallest first; a term much more frequent than what is
// left is checked by skipping through its postings instead of reading them all.
DocSet evaluate_and(const Xapian::Database& db, std::vector<Xapian::Query> parts, const DocSet& all,
                    const TermReader& read) {
  auto estimate = [&](const Xapian::Query& part) {
    return is_term(part) ? db.get_termfreq(term_of(part)) : db.get_doccount();
  };
  std::stable_sort(parts.begin(), parts.end(),
                   [&](const Xapian::Query& a, const Xapian::Query& b) { return estimate(a) < estimate(b); });
  DocSet result = evaluate(db, parts.front(), all, read);
  std::size_t size = result.count();
  for (std::size_t i = 1; i < parts.size() && size > 0; ++i) {
    if (is_term(parts[i]) && estimate(parts[i]) / 16 > size) {
      const std::string term = term_of(parts[i]);
      DocSet kept(db.get_lastdocid());
      auto it = db.postlist_begin(term);
      const auto end = db.postlist_end(term);
      for (const Xapian::docid id : result.members(0, size)) {
        it.skip_to(id);
        if (it == end) {
          break;
        }
        if (*it == id) {
          kept.insert(id);
        }
      }
      result = std::move(kept);
    } else {
      result &= evaluate(db, parts[i], all, read);
    }
    size = result.count();
  }
  return result;
}

DocSet evaluate(const Xapian::Database& db, const Xapian::Query& query, const DocSet& all, const TermReader& read) {
  std::vector<Xapian::Query> parts;
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    parts.push_back(query.get_subquery(i));
  }
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return read(term_of(query));
    case Xapian::Query::LEAF_MATCH_ALL:
      return all;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return DocSet(db.get_lastdocid());
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      return parts.empty() ? DocSet(db.get_lastdocid()) : evaluate_and(db, std::move(parts), all, read);
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      // The optional parts (AND_MAYBE) only change weights.
      return parts.empty() ? DocSet(db.get_lastdocid()) : evaluate(db, parts.front(), all, read);
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: {
      DocSet result(db.get_lastdocid());
      for (const auto& part : parts) {
        result |= evaluate(db, part, all, read);
      }
      return result;
    }
    case Xapian::Query::OP_XOR: {
      DocSet result(db.get_lastdocid());
      for (const auto& part : parts) {
        result ^= evaluate(db, part, all, read);
      }
      return result;
    }
    case Xapian::Query::OP_AND_NOT: {
      if (parts.empty()) {
        return DocSet(db.get_lastdocid());
      }
      DocSet result = evaluate(db, parts.front(), all, read);
      for (std::size_t i = 1; i < parts.size(); ++i) {
        result.subtract(evaluate(db, parts[i], all, read));
      }
      return result;
    }
    default:
      // Positions (phrases, NEAR), wildcards, value ranges, ELITE_SET,
      // posting sources: Xapian decides.
      return by_enquire(db, query);
  }
}

}  // namespace

DocSet matching_documents(const Xapian::Database& db, const Xapian::Query& query, const DocSet& all,
                          const TermReader& read_term) {
  return evaluate(db, query, all, read_term);
}

}  // namespace vetrina::search
