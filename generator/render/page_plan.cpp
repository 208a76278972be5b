#include "generator/render/page_plan.h"

namespace vetrina {

std::vector<PageJob> plan_pages(const Site& site) {
  std::vector<PageJob> jobs;
  const auto table = page_table();
  for (std::size_t r = 0; r < table.size();) {
    if (table[r].scope == PageScope::site) {
      table[r].plan(site, 0, jobs);
      ++r;
      continue;
    }
    // A group of taxonomy rows: each taxonomy's pages of every row of the group.
    std::size_t end = r;
    while (end < table.size() && table[end].scope == PageScope::taxonomy) {
      ++end;
    }
    for (std::size_t t = 0; t < site.taxonomies.size(); ++t) {
      for (std::size_t g = r; g < end; ++g) {
        table[g].plan(site, t, jobs);
      }
    }
    r = end;
  }
  return jobs;
}

std::vector<std::string> indexed_urls(const Site& site, const std::vector<PageJob>& plan) {
  std::vector<std::string> urls;
  for (const auto& job : plan) {
    const PageKindRow& row = page_row(job.kind);
    if (row.noindex == nullptr || !row.noindex(site, job)) {
      urls.push_back(job.url);
    }
  }
  return urls;
}

}  // namespace vetrina
