#include "generator/charts/chart_data.h"

#include "generator/charts/number_format.h"
#include "generator/charts/region_grid.h"

namespace vetrina::charts {

std::string label_at(const ChartData& chart, std::size_t index) {
  if (chart.type == ChartType::region_map) {
    if (const RegionTile* region = find_region(chart.labels[index])) {
      return region->name;
    }
  }
  return chart.labels[index];
}

std::optional<double> value_at(const ChartSeries& series, std::size_t index) {
  return index < series.values.size() ? series.values[index] : std::nullopt;
}

std::string quantity(const ChartData& chart, const std::optional<double>& value) {
  return value ? format_quantity(*value, chart.decimals, chart.unit) : "n.d.";
}

std::string tooltip(const ChartData& chart, std::size_t label, std::size_t series) {
  std::string text = label_at(chart, label);
  if (chart.series.size() > 1) {
    text += ", " + chart.series[series].name;
  }
  return text + ": " + quantity(chart, value_at(chart.series[series], label));
}

}  // namespace vetrina::charts
