#pragma once
// The exact total and facet counts of a request. Facet semantics: values of
// one facet are OR-ed, facets are AND-ed; each facet's counts are computed
// with its own selection removed (so a visitor can widen a choice). Over a
// local database every number is set algebra on document bitsets (doc_set.h,
// bitset_index.h): the text matches, each selection's documents, each facet
// value's documents. Over a stub (remote shards: xapian-tcpsrv runs only
// Xapian's built-in spies) one ValueCountMatchSpy per facet slot is summed,
// in one pass for the facets without a selection and one pass per facet
// with a selection.
//
// Thread-safety: a FacetCounter reads its Xapian::Database handle, which is
// not thread-safe: one per thread (each Searcher owns one). The BitsetIndex
// it shares is thread-safe.

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <xapian.h>

#include "search/index/schema.h"
#include "search/query/bitset_index.h"
#include "search/query/doc_set.h"
#include "search/query/search_request.h"

namespace vetrina::search {

struct FacetTally {
  std::size_t total = 0;
  // Per facet, value id -> count (values counted 0 are left out).
  std::array<std::map<std::string, std::size_t>, k_facets.size()> counts;
  // widened[f]: the total with facet f's selection removed (facets with a
  // selection only; 0 for the others).
  std::array<std::size_t, k_facets.size()> widened{};
  // The matching documents (a local index only; empty over remote shards).
  DocSet matches;
};

class FacetCounter {
 public:
  // `bitsets` is null for a stub (remote shards); `slots` is how many value
  // slots each facet uses (IndexInfo::slots).
  FacetCounter(const Xapian::Database& db, std::shared_ptr<BitsetIndex> bitsets,
               const std::array<std::size_t, k_facets.size()>& slots);

  // The total, counts and matches of `text` (MatchAll for the empty query)
  // filtered by `request`'s selections. Throws Xapian::Error.
  FacetTally count(const SearchRequest& request, const Xapian::Query& text) const;
  // The boolean query of `request`'s selections, leaving out facet
  // `except`'s; an empty Query when nothing is selected.
  Xapian::Query filter_query(const SearchRequest& request, std::optional<std::size_t> except) const;

 private:
  FacetTally count_local(const SearchRequest& request, const Xapian::Query& text) const;
  FacetTally count_with_spies(const SearchRequest& request, const Xapian::Query& text) const;

  Xapian::Database m_db;
  std::shared_ptr<BitsetIndex> m_bitsets;
  std::array<std::size_t, k_facets.size()> m_slots;
};

}  // namespace vetrina::search
