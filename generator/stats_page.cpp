#include "generator/stats_page.h"

#include <kainjow/mustache.hpp>

#include "generator/renderer.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

const std::string k_url = "/numeri/";

data table_view(const Dataset& dataset) {
  data table;
  std::string caption = dataset.title;
  if (!dataset.unit.empty() && dataset.unit != "%") {
    caption += " (" + dataset.unit + ")";
  }
  table.set("caption", caption);
  table.set("labels_title", dataset.labels_title);
  data columns{data::type::list};
  for (const auto& series : dataset.series) {
    columns.push_back(data{"name", series.name});
  }
  table.set("columns", columns);
  data rows{data::type::list};
  for (std::size_t i = 0; i < dataset.labels.size(); ++i) {
    data row;
    row.set("label", dataset.display_label(i));
    data cells{data::type::list};
    for (const auto& series : dataset.series) {
      const auto& value = i < series.values.size() ? series.values[i] : std::nullopt;
      cells.push_back(data{"value", value ? format_value(*value, dataset.decimals, dataset.unit) : "n.d."});
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  table.set("rows", rows);
  return table;
}

data dataset_view(const Dataset& dataset) {
  data view;
  view.set("id", dataset.id);
  view.set("title", dataset.title);
  view.set("svg", render_chart(dataset.chart_data()));
  set_if(view, "note", dataset.note);
  view.set("source", dataset.source);
  view.set("csv_url", dataset.csv_url());
  view.set("table", table_view(dataset));
  return view;
}

}  // namespace

std::vector<std::string> stats_page_urls(const Site& site) {
  if (site.stats.empty()) {
    return {};
  }
  return {k_url};
}

data highlights_view(const StatsCatalog& stats, std::size_t limit) {
  data highlights{data::type::list};
  for (std::size_t i = 0; i < stats.highlights.size() && i < limit; ++i) {
    const Highlight& highlight = stats.highlights[i];
    data item;
    set_if(item, "prefix", highlight.prefix);
    item.set("value", format_value(highlight.value, highlight.decimals, highlight.unit));
    item.set("label", highlight.label);
    highlights.push_back(item);
  }
  return highlights;
}

data stats_view(const StatsCatalog& stats) {
  data view;
  view.set("title", stats.title);
  set_if(view, "intro", stats.intro);
  if (!stats.highlights.empty()) {
    view.set("highlights", highlights_view(stats, stats.highlights.size()));
    view.set("has_highlights", true);
    set_if(view, "highlights_source", stats.highlights_source);
  }
  data themes{data::type::list};
  for (const auto& theme : stats.themes) {
    data section;
    section.set("id", theme.id);
    section.set("title", theme.title);
    set_if(section, "description", theme.description);
    data datasets{data::type::list};
    for (const auto& entry : theme.datasets) {
      if (const Dataset* dataset = stats.find(entry.value)) {
        datasets.push_back(dataset_view(*dataset));
      }
    }
    section.set("datasets", datasets);
    themes.push_back(section);
  }
  view.set("themes", themes);
  return view;
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
    files.push_back({dataset.csv_url().substr(1), dataset.csv()});
  }
  std::sort(files.begin(), files.end(), [](const StatsFile& a, const StatsFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace vetrina
