#pragma once
// A visitor's search as the service runs it, and its parsing from the query
// parameters of /api/search and /cerca/ (q, page, sort and one parameter per
// facet of schema.h). Every problem with the parameters is a message for
// the visitor (HTTP 400).
//
// Thread-safety: plain values and a pure function.

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "generator/util/result.h"
#include "search/index/schema.h"
#include "search/query/index_info.h"

namespace vetrina::search {

struct SearchRequest {
  std::string query;  // as typed (trimmed)
  std::array<std::vector<std::string>, k_facets.size()> selected;
  int page = 1;
  bool sort_recent = false;  // sort=recenti
};

inline constexpr int k_results_per_page = 10;
inline constexpr int k_max_page = 1000;

// Validates query parameters (in request order; repeated names allowed)
// against the facet terms of `info`. Fails with a message for the visitor
// (HTTP 400). Unknown parameter names are ignored (tracking tags, cache
// busters).
Result<SearchRequest> parse_request(const std::vector<std::pair<std::string, std::string>>& params,
                                    const IndexInfo& info);

}  // namespace vetrina::search
