#pragma once
// The sentence that describes a chart to a screen reader (the SVG's <desc>)
// when the statistic gives none: kind, values or their range, the highest.
// Pure, thread-safe.

#include <string>

#include "generator/charts/chart_data.h"

namespace vetrina {

// The sentence render_chart() puts in <desc> when `description` is empty.
std::string describe_chart(const ChartData& chart);

}  // namespace vetrina
