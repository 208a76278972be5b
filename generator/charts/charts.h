#pragma once
// Charts: build-time inline SVG for the statistics (DESIGN.md "Theme": no
// JavaScript). Given the numbers of one chart, render_chart() lays it out in a
// fixed 320-unit-wide viewBox (so it scales with its container and text stays
// at least 13 units, ~11.7 px on a 320 px phone) and returns one <svg> element
// with role="img", <title> and <desc> (aria-labelledby), value labels, nice
// axis ticks and Italian number formatting. Colours are never written into the
// SVG: shapes carry classes (c1..c6 per series, q1..q5 for the map's scale)
// and the theme's CSS maps them to custom properties (--chart-1, ...).
// Also here, reachable by tests: Italian number formatting, nice ticks, the
// linear scale and the tile grid of the 20 Italian regions. Everything is pure
// and thread-safe; output depends only on the input (deterministic).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/model/chart_type.h"

namespace vetrina {

// --- Italian numbers -------------------------------------------------------

// 4592 -> "4.592"; 4.99 with 2 decimals -> "4,99"; -1234.5 with 1 -> "-1.234,5".
// Rounds half away from zero; never prints "-0".
std::string format_number(double value, int decimals);
// A value as a label: the number, and for the unit "%" a no-break space and
// "%" ("4,99 %"); other units are shown elsewhere (axis, caption).
std::string format_value(double value, int decimals, std::string_view unit);
// A value in a sentence: "4.592 progetti", "4,99 %", "12" (no unit).
std::string format_quantity(double value, int decimals, std::string_view unit);
// Machine form for CSV: '.' decimals, no grouping ("4592", "4.99").
std::string format_plain(double value, int decimals);

// --- Scales and ticks ------------------------------------------------------

// The "nice" step (1, 2 or 5 x 10^n) that cuts `span` into at most
// `max_intervals` intervals. span <= 0 gives 1.
double nice_step(double span, int max_intervals);

struct Ticks {
  double min = 0;  // first tick, <= the data minimum
  double max = 1;  // last tick, >= the data maximum
  double step = 1;
  int decimals = 0;            // needed to print the step exactly
  std::vector<double> values;  // min, min + step, ..., max
};
// Ticks covering [lo, hi] with at most `max_intervals` intervals of a nice
// step. lo == hi gets a unit-wide range around the value.
Ticks nice_ticks(double lo, double hi, int max_intervals);

// Maps [domain_min, domain_max] linearly onto [range_min, range_max].
struct LinearScale {
  double domain_min = 0;
  double domain_max = 1;
  double range_min = 0;
  double range_max = 1;
  double operator()(double value) const;
};

// --- Regions ---------------------------------------------------------------

// A tile of the region map: ids are those of the taxonomy `regione`.
struct RegionTile {
  const char* id;    // "valle-d-aosta"
  const char* code;  // "VDA", printed on the tile
  const char* name;  // "Valle d'Aosta"
  int column;
  int row;
};
// The 20 regions, north to south, placed roughly where they are.
const std::vector<RegionTile>& region_tiles();
const RegionTile* find_region(std::string_view id);

// --- Rendering -------------------------------------------------------------

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // one per label; nullopt = no data ("n.d.")
};

struct ChartData {
  std::string id;  // unique on the page: prefixes the element ids
  ChartType type = ChartType::bar;
  std::string title;
  std::string description;          // the <desc>; empty = a summary is written from the data
  std::string unit;                 // "progetti", "%", or empty
  int decimals = 0;                 // decimals of the value labels
  std::vector<std::string> labels;  // categories (region-map: region ids)
  std::vector<ChartSeries> series;
};

// The chart as one <svg> element (well-formed XML, all text escaped). The
// data must be consistent (labels and values of equal length, the series
// count the type allows: see stats.h); anything else renders what it can.
std::string render_chart(const ChartData& chart);

// The sentence render_chart() puts in <desc> when `description` is empty.
std::string describe_chart(const ChartData& chart);

}  // namespace vetrina
