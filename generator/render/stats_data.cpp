#include "generator/render/stats_data.h"

#include "generator/util/strings.h"

namespace vetrina {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",;\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  return "\"" + util::replace_all(text, "\"", "\"\"") + "\"";
}

std::string dataset_label(const Dataset& dataset, std::size_t index) {
  if (dataset.chart == ChartType::region_map) {
    if (const RegionTile* region = find_region(dataset.labels[index].value)) {
      return region->name;
    }
  }
  return dataset.labels[index].value;
}

ChartData dataset_chart(const Dataset& dataset) {
  ChartData data;
  data.id = dataset.id;
  data.type = dataset.chart;
  data.title = dataset.title;
  data.description = dataset.description;
  data.unit = dataset.unit;
  data.decimals = dataset.decimals;
  for (const auto& label : dataset.labels) {
    data.labels.push_back(label.value);
  }
  for (const auto& s : dataset.series) {
    data.series.push_back({s.name, s.values});
  }
  return data;
}

std::string dataset_csv(const Dataset& dataset) {
  // Italian Excel opens a double-clicked .csv with the list separator of
  // the Italian locale (';') and reads '4,99' as a number; it takes UTF-8
  // only after a byte order mark. LibreOffice detects both in its import
  // dialog. The title, source and note lead, one per row, so the caveats
  // travel with the figures (docs/content-format.md).
  std::string out = "\xEF\xBB\xBF" + csv_field(dataset.title) + "\r\n";
  out += csv_field("Fonte: " + dataset.source) + "\r\n";
  if (!dataset.note.empty()) {
    out += csv_field("Nota: " + dataset.note) + "\r\n";
  }
  out += "\r\n";
  out += csv_field(dataset.labels_title);
  for (const auto& s : dataset.series) {
    out += ";" + csv_field(s.name);
  }
  out += "\r\n";
  for (std::size_t i = 0; i < dataset.labels.size(); ++i) {
    out += csv_field(dataset_label(dataset, i));
    for (const auto& s : dataset.series) {
      out += ";";
      if (i < s.values.size() && s.values[i]) {
        out += util::replace_all(format_plain(*s.values[i], dataset.decimals), ".", ",");
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace vetrina
