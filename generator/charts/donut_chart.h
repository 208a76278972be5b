#pragma once
// Donut charts: one ring of slices of a single series, values on the slices
// that have room, and a legend naming every slice with its value. Pure,
// thread-safe.

#include <string>

#include "generator/charts/chart_data.h"

namespace vetrina::charts {

// A chart of type donut as one <svg>.
std::string donut_chart(const ChartData& chart);

}  // namespace vetrina::charts
