#pragma once
// The region map: a tile per Italian region (region_grid.h) shaded by its
// value in five classes of nice ticks, and the legend of the classes. Pure,
// thread-safe.

#include <string>

#include "generator/charts/chart_data.h"

namespace vetrina::charts {

// A chart of type region_map as one <svg>; labels are region ids.
std::string region_map(const ChartData& chart);

}  // namespace vetrina::charts
