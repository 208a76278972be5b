#pragma once
// A page of the plan: its kind (a row of the page table, page_table.h), its
// address and which story, page, award year, taxonomy or term it shows.
// Plain data.

#include <cstddef>
#include <string>

namespace vetrina {

// One per row of the page table, in its order; the value is part of each
// page's address hash (incremental builds), so new kinds go at the end.
enum class PageKind {
  home,
  story_list,
  term_list,
  term_stories,
  story,
  page,
  awards,
  award_year,
  events,
  not_found,
  stats,
};

struct PageJob {
  PageKind kind;
  std::string url;
  std::size_t index = 0;  // story, page, award year or taxonomy index
  std::string term;       // term id (term_stories)
  int page = 1;           // page number of a paginated list
};

}  // namespace vetrina
