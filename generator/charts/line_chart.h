#pragma once
// Line charts: one path per run of known values, points with tooltips, and
// value labels placed without overlap, most important first. Pure,
// thread-safe.

#include <string>

#include "generator/charts/chart_data.h"

namespace vetrina::charts {

// A chart of type line as one <svg>.
std::string line_chart(const ChartData& chart);

}  // namespace vetrina::charts
