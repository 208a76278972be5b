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

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
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

  DocSet& operator&=(const DocSet& other);
  DocSet& operator|=(const DocSet& other);
  DocSet& operator^=(const DocSet& other);
  // Removes the members of `other`.
  DocSet& subtract(const DocSet& other);

  bool operator==(const DocSet& other) const;

 private:
  std::vector<std::uint64_t> m_words;
};

// Every document of `db` with `term` (empty if none).
DocSet documents_with_term(const Xapian::Database& db, const std::string& term);

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
