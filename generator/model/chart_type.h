#pragma once
// The kinds of chart a statistics dataset can ask for (`chart:` in
// content/stats/<id>.yaml) and the names editors write for them. Part of the
// model: the loader reads these names, the charts layer draws each kind.
// Pure and thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vetrina {

enum class ChartType { bar, line, stacked_bar, grouped_bar, hbar, donut, region_map };

// The names editors write after `chart:`, in documentation order.
const std::vector<std::string>& chart_type_names();
std::optional<ChartType> parse_chart_type(std::string_view name);
std::string chart_type_name(ChartType type);
// Most series (or donut slices) a chart shows: one colour each.
inline constexpr std::size_t k_max_chart_series = 6;

}  // namespace vetrina
