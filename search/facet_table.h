#pragma once
// The facet values of one local index snapshot held in memory: for every
// facet value, the set of documents carrying its boolean term (prefix + id,
// schema.h), read once from the posting lists; every document; and whether
// document ids follow date order (newest first), which lets the empty query
// be listed without sorting.
//
// Facet counts then are exact by construction: facet f's count for value v is
// |scope ∩ documents(v)|, each document counted once per value it carries
// (multi-valued fields included), where scope is the text matches filtered by
// every selection but f's own (query.cpp).
//
// Thread-safety: immutable after construction. FacetTable::of shares one
// table between the threads that opened the same snapshot (same database
// UUID and revision), so a swapped index is read once.

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/doc_set.h"
#include "search/schema.h"

namespace vetrina::search {

class FacetTable {
 public:
  struct Value {
    std::string id;
    DocSet documents;
  };

  // Reads the table of `db` (a single local database). Throws Xapian::Error.
  explicit FacetTable(const Xapian::Database& db);
  FacetTable(const FacetTable&) = delete;
  FacetTable& operator=(const FacetTable&) = delete;

  // The table of `db`'s snapshot, shared with other threads that opened it.
  static std::shared_ptr<const FacetTable> of(const Xapian::Database& db);

  // Facet f's values present in some document, in term order.
  const std::vector<Value>& values(std::size_t facet) const { return m_values[facet]; }
  // Documents with at least one of `ids` in facet f.
  DocSet with_any(std::size_t facet, const std::vector<std::string>& ids) const;
  const DocSet& all() const { return m_all; }
  // True when every document has a date (value slot 0) and a larger id never
  // has a later date: listing by id is then listing newest first, exactly
  // as Xapian's sort by date (ties by id) would.
  bool ids_in_date_order() const { return m_ids_in_date_order; }

 private:
  std::array<std::vector<Value>, k_facets.size()> m_values;
  DocSet m_all;
  bool m_ids_in_date_order = false;
};

}  // namespace vetrina::search
