#pragma once
// What the chart kinds share: the viewBox constants, the classes of a
// series, the legend and unit caption above the plot, the value axis, the
// value range and the widest labels, and the <svg> element around a drawn
// body (title, desc, viewBox). Pure functions, thread-safe; an SvgWriter
// passed in is written to.

#include <cstddef>
#include <string>

#include "generator/charts/chart_data.h"
#include "generator/charts/svg_writer.h"
#include "generator/charts/text_metrics.h"
#include "generator/charts/ticks.h"

namespace vetrina::charts {

// Layout constants, in viewBox units. The viewBox is always 320 wide: on a
// 320 px phone (288 px of content) one unit is 0.9 px, so 13-unit text reads
// as ~11.7 px; on a desktop the theme caps the width (style.css).
constexpr double k_width = 320;
constexpr double k_line = 16;  // line height of wrapped labels
constexpr double k_legend_row = 20;
constexpr double k_swatch = 12;
constexpr double k_plot_height = 170;  // vertical charts: height of the plotting area
constexpr double k_bar = 18;           // horizontal charts: thickness of a lone bar
constexpr double k_group_bar = 14;     // ... of a bar in a group
constexpr double k_row_gap = 8;

// "c1".."c6" (kind 'c'), "n1".., "s1"..: the theme colours series by class.
std::string series_class(std::size_t index, char kind);

// The legend (several series) and the unit: returns where the plot may start.
double header(SvgWriter& svg, const ChartData& chart);

// The value axis of a chart with vertical bars or lines: a grid line per
// tick (the zero line darker) and the tick labels right-aligned at `left`.
void value_axis(SvgWriter& svg, const Ticks& ticks, const LinearScale& y, double left, const std::string& unit);

struct Extent {
  double lo = 0;
  double hi = 0;
};
// The value range to plot: always including zero (bars start there), the
// sums for stacked bars.
Extent extent(const ChartData& chart, bool stacked);

// The widest tick label, and the widest value label ("n.d." at least).
double widest_tick(const Ticks& ticks, const std::string& unit);
double widest_value(const ChartData& chart, bool stacked);

// The whole chart: the <svg> element of `height` with title and desc, then
// the body drawn in `body` (taken from it).
std::string finish(const ChartData& chart, double height, SvgWriter& body);

}  // namespace vetrina::charts
