#pragma once
// The usage report's files: one static Italian page (index.html: summary,
// days and months, stories, taxonomies, page kinds, entries, referrers,
// devices, searches) with SVG charts (generator/charts/charts.h), and the CSV
// file of every table, like /numeri/. Everything a visitor sent is escaped
// (report_table.h). A pure function of the counts.

#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/report/report_counts.h"

namespace vetrina {

struct ReportFile {
  std::string path;  // relative to the report folder: "index.html", "storie.csv"
  std::string content;
};

// The report of `counts`, made from `site` (the one UsageReport read the logs
// with: story_views is indexed by its stories): index.html and the CSV files,
// sorted by path. `sources` (the files read) are listed on the page.
std::vector<ReportFile> render_report(const Site& site, const ReportCounts& counts,
                                      const std::vector<std::string>& sources);

}  // namespace vetrina
