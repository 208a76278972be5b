#include "generator/render/stats_views.h"

#include "generator/charts/charts.h"
#include "generator/render/stats_data.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

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
    row.set("label", dataset_label(dataset, i));
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
  view.set("svg", render_chart(dataset_chart(dataset)));
  set_if(view, "note", dataset.note);
  view.set("source", dataset.source);
  view.set("csv_url", dataset.csv_url());
  view.set("table", table_view(dataset));
  return view;
}

}  // namespace

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

}  // namespace vetrina
