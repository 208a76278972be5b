#pragma once
// Sets of documents of one Xapian database as bitsets (bit d is document id
// d), and the set of documents a query matches. The local search path counts
// totals and facets with them (query.cpp): intersections and population
// counts over a few thousand machine words cost the same however many
// documents match, where visiting every match through Xapian's matcher costs
// a fraction of a microsecond per match.
//
// Thread-safety: a DocSet is a plain value. matching_documents reads the
// Database it is given, which must not be used by another thread meanwhile.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace vetrina::search {

class DocSet {
 public:
  DocSet() = default;
  // An empty set that can hold document ids 1..last.
  explicit DocSet(Xapian::docid last);

  void insert(Xapian::docid id);
  bool contains(Xapian::docid id) const;
  std::size_t count() const;
  // |*this ∩ other|, without building the intersection.
  std::size_t count_common(const DocSet& other) const;
  // Up to `limit` members in increasing order, skipping the first `skip`.
  std::vector<Xapian::docid> members(std::size_t skip, std::size_t limit) const;
  // Calls `visit(id)` for every member, in increasing order.
  template <typename Visit>
  void for_each(Visit visit) const {
    for (std::size_t i = 0; i < m_words.size(); ++i) {
      for (std::uint64_t word = m_words[i]; word != 0; word &= word - 1) {
        visit(static_cast<Xapian::docid>(i * 64 + static_cast<std::size_t>(std::countr_zero(word))));
      }
    }
  }
  // The smallest member >= `id`, or 0 if there is none.
  Xapian::docid first_from(Xapian::docid id) const;

  DocSet& operator&=(const DocSet& other);
  DocSet& operator|=(const DocSet& other);
  DocSet& operator^=(const DocSet& other);
  // Removes the members of `other`.
  DocSet& subtract(const DocSet& other);

  bool operator==(const DocSet& other) const;

 private:
  std::vector<std::uint64_t> m_words;
};

// A DocSet as a Xapian posting source (weight 0), so a query can be
// restricted to documents counted here: filtering Xapian's ranked page by
// the exact matches is cheaper than by the facet terms again.
class DocSetSource : public Xapian::PostingSource {
 public:
  explicit DocSetSource(DocSet documents);

  Xapian::doccount get_termfreq_min() const override { return m_count; }
  Xapian::doccount get_termfreq_est() const override { return m_count; }
  Xapian::doccount get_termfreq_max() const override { return m_count; }
  void init(const Xapian::Database& db) override;
  void next(double min_weight) override;
  void skip_to(Xapian::docid id, double min_weight) override;
  bool at_end() const override { return m_at_end; }
  Xapian::docid get_docid() const override { return m_current; }
  std::string get_description() const override;

 private:
  DocSet m_documents;
  Xapian::doccount m_count;
  Xapian::docid m_current = 0;  // 0: before the first
  bool m_at_end = false;
};

// Every document of `db` with `term` (empty if none).
DocSet documents_with_term(const Xapian::Database& db, const std::string& term);

// A term's documents and how often it occurs in each (wdf), for ranking
// (page_candidates.h): dense (one byte per document id, 255 meaning "255 or
// more") for frequent terms, sorted (id, wdf) pairs otherwise.
struct TermPostings {
  static constexpr std::uint8_t k_saturated = 255;
  Xapian::doccount termfreq = 0;  // how many documents have the term
  DocSet documents;
  std::vector<std::uint8_t> dense;                                  // empty unless dense
  std::vector<std::pair<Xapian::docid, Xapian::termcount>> sparse;  // empty when dense
};

// `term`'s postings in `db`, dense or sparse.
TermPostings read_postings(const Xapian::Database& db, const std::string& term, bool dense);

// Reads the documents with a term (documents_with_term, or a cache of it).
using TermReader = std::function<DocSet(const std::string& term)>;

// The documents `query` matches in `db`, exactly the ones Xapian's Enquire
// would return. Terms and the boolean operators (AND, OR, AND_NOT, XOR,
// FILTER, AND_MAYBE, SYNONYM, MAX, SCALE_WEIGHT) are evaluated from posting
// lists (through `read_term`); any other subquery (phrases, NEAR,
// wildcards, value ranges, ...) runs through one unweighted Enquire pass.
// `all` is every document of `db`. Throws Xapian::Error.
DocSet matching_documents(const Xapian::Database& db, const Xapian::Query& query, const DocSet& all,
                          const TermReader& read_term);

}  // namespace vetrina::search
