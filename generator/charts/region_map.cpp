#include "generator/charts/region_map.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "generator/charts/region_grid.h"

#include "generator/charts/chart_layout.h"
#include "generator/charts/number_format.h"

namespace vetrina::charts {

std::string region_map(const ChartData& chart) {
  SvgWriter svg;
  const ChartSeries empty;
  const ChartSeries& series = chart.series.empty() ? empty : chart.series.front();
  double lo = 0;
  double hi = 0;
  std::vector<std::optional<double>> by_region(region_tiles().size());
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const RegionTile* region = find_region(chart.labels[i]);
    const auto value = value_at(series, i);
    if (region == nullptr || !value) {
      continue;
    }
    by_region[static_cast<std::size_t>(region - region_tiles().data())] = value;
    lo = std::min(lo, *value);
    hi = std::max(hi, *value);
  }
  const Ticks ticks = nice_ticks(lo, hi, 5);
  const std::size_t classes = ticks.values.size() - 1;
  auto class_of = [&](double value) {
    const auto index = std::min<std::size_t>(
        classes - 1, static_cast<std::size_t>(std::max(0.0, std::floor((value - ticks.min) / ticks.step))));
    // Spread over the five shades, lightest to darkest.
    const std::size_t shade = classes <= 1 ? 3 : 1 + (index * 4 + (classes - 1) / 2) / (classes - 1);
    return "q" + std::to_string(shade);
  };
  constexpr double k_tile_w = 72;
  constexpr double k_tile_h = 48;
  constexpr double k_gap = 4;
  constexpr double k_margin = 10;
  int rows = 0;
  bool missing = false;
  for (std::size_t r = 0; r < region_tiles().size(); ++r) {
    const RegionTile& region = region_tiles()[r];
    rows = std::max(rows, region.row + 1);
    const double x = k_margin + (k_tile_w + k_gap) * region.column;
    const double y = (k_tile_h + k_gap) * region.row;
    const auto& value = by_region[r];
    missing = missing || !value;
    svg.open("g", {{"class", "tile " + (value ? class_of(*value) : std::string("nd"))}});
    svg.title(std::string(region.name) + ": " + quantity(chart, value));
    svg.rect(x, y, k_tile_w, k_tile_h, "");
    svg.text(x + k_tile_w / 2, y + 18, region.code, "code", "middle");
    svg.text(x + k_tile_w / 2, y + 38, value ? format_value(*value, chart.decimals, chart.unit) : "n.d.", "value",
             "middle");
    svg.close("g");
  }
  // The legend: one swatch per class of the scale, and "n.d." when needed.
  double y = (k_tile_h + k_gap) * rows + 6;
  double x = 0;
  if (!chart.unit.empty() && chart.unit != "%") {
    svg.text(0, y + 14, chart.unit + ":", "legend", "start");
    x = text_width(chart.unit + ":") + 8;
  }
  auto item = [&](const std::string& css, const std::string& text) {
    const double width = k_swatch + 4 + text_width(text) + 12;
    if (x > 0 && x + width > k_width) {
      x = 0;
      y += k_legend_row;
    }
    svg.open("g", {{"class", "tile " + css}});
    svg.rect(x, y + 3, k_swatch, k_swatch, "");
    svg.close("g");
    svg.text(x + k_swatch + 4, y + 14, text, "legend", "start");
    x += width;
  };
  const bool whole = chart.decimals == 0 && ticks.decimals == 0;
  for (std::size_t c = 0; c < classes; ++c) {
    const double from = ticks.values[c];
    const double to = ticks.values[c + 1];
    // Whole numbers: "0–4", "5–9", ... and the last class includes its end.
    const double shown_to = whole && c + 1 < classes ? to - 1 : to;
    const std::string text = whole && shown_to <= from ? format_number(from, 0)
                                                       : format_number(from, ticks.decimals) + "\xE2\x80\x93" +
                                                             format_number(shown_to, ticks.decimals);
    item(class_of(from), text);
  }
  if (missing) {
    item("nd", "n.d.");
  }
  return finish(chart, y + k_legend_row + 2, svg);
}

}  // namespace vetrina::charts
