#include "generator/model/chart_type.h"

namespace vetrina {

const std::vector<std::string>& chart_type_names() {
  static const std::vector<std::string> k_names = {"bar",  "line",  "stacked-bar", "grouped-bar",
                                                   "hbar", "donut", "region-map"};
  return k_names;
}

std::optional<ChartType> parse_chart_type(std::string_view name) {
  const auto& names = chart_type_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      return static_cast<ChartType>(i);
    }
  }
  return std::nullopt;
}

std::string chart_type_name(ChartType type) {
  return chart_type_names()[static_cast<std::size_t>(type)];
}

}  // namespace vetrina
