#pragma once
// /numeri/ ("eTwinning in numeri"): the statistics of the site as one page,
// rendered through the theme's `numeri.mustache` inside the usual frame. The
// headline figures first, then one section per theme of
// content/stats/index.yaml; every dataset shows its chart (inline SVG from
// charts.h), its note, its source, its data as an accessible table and a link
// to its CSV file, published beside the page as /numeri/<id>.csv. A site
// without statistics publishes none of this. Pure functions of the Site and
// the Theme, safe to call from any thread.

#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/render/page_views.h"
#include "generator/render/theme.h"

namespace vetrina {

// The template numeri.mustache: every theme must provide it.
inline constexpr const char* k_stats_template = "numeri";
// Where numbers_page's data goes in the template's data.
inline constexpr const char* k_stats_key = "numbers";

// One file of the output tree.
struct StatsFile {
  std::string path;  // relative to the output root, e.g. "numeri/index.html"
  std::string content;
};

// The pages the statistics publish: {"/numeri/"}, or none without statistics.
std::vector<std::string> stats_page_urls(const Site& site);

// The view of /numeri/ (the page table's `stats` row): what
// numeri.mustache receives under `numbers`. Only for a site with statistics.
PageView numbers_page(const PageContext& context, const PageJob& job);

// One CSV file per dataset, published beside /numeri/.
std::vector<StatsFile> stats_csv_files(const Site& site);

// /numeri/index.html and one CSV per dataset, sorted by path.
std::vector<StatsFile> render_stats_pages(const Site& site, const Theme& theme);

}  // namespace vetrina
