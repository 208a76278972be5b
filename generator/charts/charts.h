#pragma once
// Charts: build-time inline SVG for the statistics (DESIGN.md "Theme": no
// JavaScript). Given the numbers of one chart, render_chart() lays it out in a
// fixed 320-unit-wide viewBox (so it scales with its container and text stays
// at least 13 units, ~11.7 px on a 320 px phone) and returns one <svg> element
// with role="img", <title> and <desc> (aria-labelledby), value labels, nice
// axis ticks and Italian number formatting. Colours are never written into the
// SVG: shapes carry classes (c1..c6 per series, q1..q5 for the map's scale)
// and the theme's CSS maps them to custom properties (--chart-1, ...).
// This header is the folder's entry point: it also brings the chart's data
// (chart_data.h), its description, Italian number formatting, nice ticks and
// the region grid, which callers of the charts use. Everything is pure and
// thread-safe; output depends only on the input (deterministic).

#include <string>

#include "generator/charts/chart_data.h"
#include "generator/charts/chart_description.h"
#include "generator/charts/number_format.h"
#include "generator/charts/region_grid.h"
#include "generator/charts/ticks.h"

namespace vetrina {

// The chart as one <svg> element (well-formed XML, all text escaped). The
// data must be consistent (labels and values of equal length, the series
// count the type allows: see stats.h); anything else renders what it can.
std::string render_chart(const ChartData& chart);

}  // namespace vetrina
