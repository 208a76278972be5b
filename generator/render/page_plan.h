#pragma once
// The page plan: every page a build of the site renders, in output order,
// made by the URL rules of the page table (page_table.h), and which of them
// the sitemap lists. Pure functions of the Site, safe from any thread.

#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/render/page_table.h"

namespace vetrina {

// Every page of `site`: the rows of the page table in order, rows of the
// taxonomy scope taxonomy by taxonomy.
std::vector<PageJob> plan_pages(const Site& site);

// The addresses of `plan` that search engines may index (the sitemap's):
// all but the pages whose row says noindex.
std::vector<std::string> indexed_urls(const Site& site, const std::vector<PageJob>& plan);

}  // namespace vetrina
