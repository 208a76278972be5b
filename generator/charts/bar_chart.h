#pragma once
// Bar charts: single, grouped and stacked, drawn vertically when every
// label and value fits its slot and horizontally otherwise (hbar always).
// Pure, thread-safe.

#include <string>

#include "generator/charts/chart_data.h"

namespace vetrina::charts {

// A chart of type bar, grouped_bar, stacked_bar or hbar as one <svg>.
std::string bar_chart(const ChartData& chart);

}  // namespace vetrina::charts
