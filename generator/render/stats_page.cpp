#include "generator/render/stats_page.h"

#include <kainjow/mustache.hpp>

#include "generator/output/output_writer.h"
#include "generator/render/stats_data.h"
#include "generator/render/stats_views.h"
#include "generator/render/views.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

const std::string k_url = "/numeri/";

}  // namespace

std::vector<std::string> stats_page_urls(const Site& site) {
  if (site.stats.empty()) {
    return {};
  }
  return {k_url};
}

PageView numbers_page(const PageContext& context, const PageJob& /*job*/) {
  const StatsCatalog& stats = context.site.stats;
  PageView page;
  page.meta.title = stats.title;
  page.meta.description = stats.intro.empty()
                              ? "I numeri di eTwinning in Italia, con i grafici, le tabelle e i dati da scaricare."
                              : stats.intro;
  page.meta.crumbs = {{"Home", "/"}};
  page.meta.stylesheet = "charts";
  page.data = stats_view(stats);
  return page;
}

std::vector<StatsFile> stats_csv_files(const Site& site) {
  std::vector<StatsFile> files;
  for (const auto& dataset : site.stats.datasets) {
    files.push_back({dataset.csv_url().substr(1), dataset_csv(dataset)});
  }
  return files;
}

std::vector<StatsFile> render_stats_pages(const Site& site, const Theme& theme) {
  std::vector<StatsFile> files;
  if (site.stats.empty()) {
    return files;
  }
  const Views views(site, theme);
  const std::vector<std::size_t> all_stories;  // /numeri/ lists no story
  const PageContext context{site, views, all_stories};
  const PageJob job{PageKind::stats, k_url, 0, "", 1};
  PageView page = numbers_page(context, job);
  page.meta.url = k_url;
  data frame = views.frame(page.meta);
  frame.set(k_stats_key, page.data);
  TemplateSet templates(theme);
  files.push_back({output_path(k_url), templates.get(k_stats_template).render(frame)});
  for (auto& file : stats_csv_files(site)) {
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const StatsFile& a, const StatsFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace vetrina
