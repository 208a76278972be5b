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

std::vector<StatsFile> render_stats_pages(const Site& site, const Theme& theme) {
  std::vector<StatsFile> files;
  if (site.stats.empty()) {
    return files;
  }
  const Views views(site, theme);
  PageMeta meta;
  meta.url = k_url;
  meta.title = site.stats.title;
  meta.description = site.stats.intro.empty()
                         ? "I numeri di eTwinning in Italia, con i grafici, le tabelle e i dati da scaricare."
                         : site.stats.intro;
  meta.crumbs = {{"Home", "/"}};
  data context = views.frame(meta);
  context.set("numbers", stats_view(site.stats));
  TemplateSet templates(theme);
  files.push_back({output_path(k_url), templates.get(k_stats_template).render(context)});
  for (const auto& dataset : site.stats.datasets) {
    files.push_back({dataset.csv_url().substr(1), dataset_csv(dataset)});
  }
  std::sort(files.begin(), files.end(), [](const StatsFile& a, const StatsFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace vetrina
