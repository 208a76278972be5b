#include "generator/charts/charts.h"

#include "generator/charts/bar_chart.h"
#include "generator/charts/donut_chart.h"
#include "generator/charts/line_chart.h"
#include "generator/charts/region_map.h"

namespace vetrina {

std::string render_chart(const ChartData& chart) {
  switch (chart.type) {
    case ChartType::bar:
    case ChartType::grouped_bar:
    case ChartType::stacked_bar:
    case ChartType::hbar:
      return charts::bar_chart(chart);
    case ChartType::line:
      return charts::line_chart(chart);
    case ChartType::donut:
      return charts::donut_chart(chart);
    case ChartType::region_map:
      return charts::region_map(chart);
  }
  return {};
}

}  // namespace vetrina
