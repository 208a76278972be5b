#pragma once
// Helpers shared by the search tests (unit and integration alike): the facet
// semantics spelled out the slow way, for comparing the service's totals and
// counts with a brute-force count (values of one facet OR-ed, facets
// AND-ed), and the URLs of a result page.

#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "search/index/schema.h"
#include "search/query/query.h"

namespace vetrina::testing {

// A story's or document's values, per facet.
using FacetValues = std::array<std::set<std::string>, search::k_facets.size()>;

// Does a document with `values` satisfy every selection of `request`, except
// facet `except`'s (nullopt: every selection)?
inline bool satisfies_selections(const FacetValues& values, const search::SearchRequest& request,
                                 std::optional<std::size_t> except) {
  for (std::size_t f = 0; f < search::k_facets.size(); ++f) {
    if (request.selected[f].empty() || (except && *except == f)) {
      continue;
    }
    bool any = false;
    for (const auto& id : request.selected[f]) {
      any = any || values[f].count(id) > 0;
    }
    if (!any) {
      return false;
    }
  }
  return true;
}

// The URLs of a result's hits, in order.
inline std::vector<std::string> result_urls(const search::SearchResult& result) {
  std::vector<std::string> out;
  for (const auto& hit : result.hits) {
    out.push_back(hit.url);
  }
  return out;
}

}  // namespace vetrina::testing
