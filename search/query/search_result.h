#pragma once
// What a search answers (DESIGN.md's JSON, written by result_json.h; the
// /cerca/ page renders the same): the hits of one page with their
// snippets, the exact total, every facet's counts, and what the search did
// when the query as typed found nothing (corrections, most of the words,
// filters to widen).
//
// Thread-safety: plain values.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "search/index/schema.h"
#include "search/query/index_info.h"
#include "search/query/search_request.h"

namespace vetrina::search {

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

}  // namespace vetrina::search
