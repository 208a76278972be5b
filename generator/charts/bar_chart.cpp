#include "generator/charts/bar_chart.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "generator/charts/chart_layout.h"
#include "generator/charts/number_format.h"

namespace vetrina::charts {

namespace {

enum class BarMode { single, grouped, stacked };

BarMode bar_mode(ChartType type) {
  if (type == ChartType::stacked_bar) {
    return BarMode::stacked;
  }
  return type == ChartType::grouped_bar ? BarMode::grouped : BarMode::single;
}

// --- Vertical bars ---------------------------------------------------------

struct VerticalLayout {
  double left = 0;
  double slot = 0;
  double bar = 0;  // width of one bar
};

VerticalLayout vertical_layout(const ChartData& chart, BarMode mode, const Ticks& ticks) {
  VerticalLayout layout;
  layout.left = widest_tick(ticks, chart.unit) + 8;
  const double plot = k_width - layout.left - 4;
  layout.slot = plot / static_cast<double>(std::max<std::size_t>(1, chart.labels.size()));
  const double bars = mode == BarMode::grouped ? static_cast<double>(chart.series.size()) : 1.0;
  layout.bar = std::min(48.0, layout.slot * (mode == BarMode::grouped ? 0.86 : 0.64) / bars);
  return layout;
}

// Vertical when every category label fits its slot and every value label
// fits above its bar; otherwise the same chart is drawn horizontally.
bool fits_vertically(const ChartData& chart, BarMode mode) {
  const Extent e = extent(chart, mode == BarMode::stacked);
  const Ticks ticks = nice_ticks(e.lo, e.hi, 5);
  const VerticalLayout layout = vertical_layout(chart, mode, ticks);
  for (const auto& label : chart.labels) {
    if (text_width(label) > layout.slot - 4) {
      return false;
    }
  }
  const double room = mode == BarMode::grouped ? layout.slot / static_cast<double>(chart.series.size()) : layout.slot;
  return widest_value(chart, mode == BarMode::stacked) <= room - 2;
}

std::string vertical_bars(const ChartData& chart, BarMode mode) {
  SvgWriter svg;
  const double top = header(svg, chart) + k_line + 2;  // room for the value labels above the tallest bar
  const Extent e = extent(chart, mode == BarMode::stacked);
  const Ticks ticks = nice_ticks(e.lo, e.hi, 5);
  const VerticalLayout layout = vertical_layout(chart, mode, ticks);
  const LinearScale y{ticks.min, ticks.max, top + k_plot_height, top};
  value_axis(svg, ticks, y, layout.left, chart.unit);
  const double zero = y(std::clamp(0.0, ticks.min, ticks.max));
  const std::size_t groups = mode == BarMode::grouped ? chart.series.size() : 1;
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const double center = layout.left + layout.slot * (static_cast<double>(i) + 0.5);
    double stack = 0;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const auto value = value_at(chart.series[s], i);
      const double x = mode == BarMode::grouped
                           ? center - layout.bar * static_cast<double>(groups) / 2 + layout.bar * static_cast<double>(s)
                           : center - layout.bar / 2;
      if (!value) {
        if (mode != BarMode::stacked) {
          svg.text(x + layout.bar / 2, zero - 4, "n.d.", "value muted", "middle", tooltip(chart, i, s));
        }
        continue;
      }
      const double from = mode == BarMode::stacked ? stack : 0.0;
      const double to = from + (mode == BarMode::stacked ? std::max(0.0, *value) : *value);
      stack = to;
      const double y0 = y(std::max(from, to));
      const double height = std::abs(y(from) - y(to));
      svg.rect(x + (mode == BarMode::grouped ? 1 : 0), y0, layout.bar - (mode == BarMode::grouped ? 2 : 0), height,
               series_class(s, 'c') + " bar", tooltip(chart, i, s));
      const std::string text = format_value(*value, chart.decimals, chart.unit);
      if (mode == BarMode::stacked) {
        if (height >= k_font + 4 && value_width(text) <= layout.bar - 4) {
          svg.text(center, y0 + height / 2 + k_font * 0.35, text, "value " + series_class(s, 'n'), "middle");
        }
      } else if (*value >= 0) {
        svg.text(x + layout.bar / 2, y0 - 4, text, "value", "middle");
      } else {
        svg.text(x + layout.bar / 2, y0 + height + k_font, text, "value", "middle");
      }
    }
    if (mode == BarMode::stacked && chart.series.size() > 1) {
      svg.text(center, y(stack) - 4, format_value(stack, chart.decimals, chart.unit), "value total", "middle");
    }
    svg.text(center, top + k_plot_height + k_font + 6, chart.labels[i], "label", "middle");
  }
  return finish(chart, top + k_plot_height + k_font + 12, svg);
}

// --- Horizontal bars -------------------------------------------------------

std::string horizontal_bars(const ChartData& chart, BarMode mode) {
  SvgWriter svg;
  const double top = header(svg, chart) + 2;
  std::vector<std::vector<std::string>> labels;
  double label_width = 0;
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    labels.push_back(wrap_label(label_at(chart, i), k_width * 0.36));
    for (const auto& line : labels.back()) {
      label_width = std::max(label_width, text_width(line));
    }
  }
  const double left = label_width + 8;
  const double right = k_width - widest_value(chart, mode == BarMode::stacked) - 6;
  const Extent e = extent(chart, mode == BarMode::stacked);
  const Ticks ticks = nice_ticks(e.lo, e.hi, 4);
  // Every tick gets a grid line; when the labels would touch, only every
  // other one is labelled (always zero), rather than stretching the scale.
  const double tick_gap = (right - left) / static_cast<double>(ticks.values.size() - 1);
  const std::size_t label_every = widest_tick(ticks, chart.unit) + 10 > tick_gap ? 2 : 1;
  const LinearScale x{ticks.min, ticks.max, left, right};
  const std::size_t bars = mode == BarMode::grouped ? chart.series.size() : 1;
  const double bar = bars > 1 ? k_group_bar : k_bar;
  double row_top = top;
  SvgWriter rows;
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const double band = std::max(bar * static_cast<double>(bars) + 2 * static_cast<double>(bars - 1),
                                 k_line * static_cast<double>(labels[i].size()));
    const double middle = row_top + band / 2;
    const double first_line = middle - k_line * (static_cast<double>(labels[i].size()) - 1) / 2 + k_font * 0.35;
    for (std::size_t l = 0; l < labels[i].size(); ++l) {
      rows.text(left - 6, first_line + k_line * static_cast<double>(l), labels[i][l], "label", "end",
                labels[i].size() > 1 || labels[i][0] != label_at(chart, i) ? label_at(chart, i) : std::string());
    }
    const double bars_top = middle - (bar * static_cast<double>(bars) + 2 * static_cast<double>(bars - 1)) / 2;
    double stack = 0;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const auto value = value_at(chart.series[s], i);
      const double y = mode == BarMode::grouped ? bars_top + (bar + 2) * static_cast<double>(s) : bars_top;
      if (!value) {
        if (mode != BarMode::stacked) {
          rows.text(x(0) + 4, y + bar / 2 + k_font * 0.35, "n.d.", "value muted", "start", tooltip(chart, i, s));
        }
        continue;
      }
      const double from = mode == BarMode::stacked ? stack : 0.0;
      const double to = from + (mode == BarMode::stacked ? std::max(0.0, *value) : *value);
      stack = to;
      const double x0 = x(std::min(from, to));
      const double width = std::abs(x(to) - x(from));
      rows.rect(x0, y, width, bar, series_class(s, 'c') + " bar", tooltip(chart, i, s));
      const std::string text = format_value(*value, chart.decimals, chart.unit);
      if (mode == BarMode::stacked) {
        if (value_width(text) <= width - 6) {
          rows.text(x0 + width / 2, y + bar / 2 + k_font * 0.35, text, "value " + series_class(s, 'n'), "middle");
        }
      } else if (*value >= 0) {
        rows.text(x0 + width + 4, y + bar / 2 + k_font * 0.35, text, "value", "start");
      } else {
        rows.text(x0 - 4, y + bar / 2 + k_font * 0.35, text, "value", "end");
      }
    }
    if (mode == BarMode::stacked && chart.series.size() > 1) {
      rows.text(x(stack) + 4, bars_top + bar / 2 + k_font * 0.35, format_value(stack, chart.decimals, chart.unit),
                "value total", "start");
    }
    row_top += band + k_row_gap;
  }
  const double bottom = row_top - k_row_gap / 2;
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    const double t = ticks.values[i];
    svg.line(x(t), top, x(t), bottom, t == 0 ? "axis" : "grid");
    const auto steps_from_zero = static_cast<long long>(std::llround(std::abs(t) / ticks.step));
    if (steps_from_zero % static_cast<long long>(label_every) == 0) {
      svg.text(x(t), bottom + k_font + 4, format_value(t, ticks.decimals, chart.unit), "tick", "middle");
    }
  }
  svg.raw(rows.take());
  return finish(chart, bottom + k_font + 10, svg);
}

}  // namespace

std::string bar_chart(const ChartData& chart) {
  if (chart.type == ChartType::hbar) {
    return horizontal_bars(chart, BarMode::single);
  }
  const BarMode mode = bar_mode(chart.type);
  return fits_vertically(chart, mode) ? vertical_bars(chart, mode) : horizontal_bars(chart, mode);
}

}  // namespace vetrina::charts
