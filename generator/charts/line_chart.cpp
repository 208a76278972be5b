#include "generator/charts/line_chart.h"

#include <algorithm>
#include <vector>

#include "generator/charts/chart_layout.h"
#include "generator/charts/number_format.h"

namespace vetrina::charts {

namespace {

// Shows every `step`-th label counting back from the last one, the smallest
// step at which the labels do not touch.
std::size_t label_step(const ChartData& chart, double slot) {
  double widest = 0;
  for (const auto& label : chart.labels) {
    widest = std::max(widest, text_width(label));
  }
  std::size_t step = 1;
  while (slot * static_cast<double>(step) < widest + 8 && step < chart.labels.size()) {
    ++step;
  }
  return step;
}

}  // namespace

std::string line_chart(const ChartData& chart) {
  SvgWriter svg;
  const double top = header(svg, chart) + k_line + 2;
  const Extent e = extent(chart, false);
  const Ticks ticks = nice_ticks(e.lo, e.hi, 5);
  const std::size_t n = chart.labels.size();
  const double first_half = n > 0 ? text_width(chart.labels.front()) / 2 : 0;
  const double last_half = std::max(n > 0 ? text_width(chart.labels.back()) / 2 : 0, widest_value(chart, false) / 2);
  const double left = std::max(widest_tick(ticks, chart.unit) + 8, 0.0) + std::max(6.0, first_half - 4);
  const double right = k_width - std::max(6.0, last_half + 2);
  const double slot = n > 1 ? (right - left) / static_cast<double>(n - 1) : 0;
  auto x = [&](std::size_t i) { return n > 1 ? left + slot * static_cast<double>(i) : (left + right) / 2; };
  const LinearScale y{ticks.min, ticks.max, top + k_plot_height, top};
  const double axis_left = widest_tick(ticks, chart.unit) + 8;
  value_axis(svg, ticks, y, axis_left, chart.unit);
  const std::size_t step = n > 1 ? label_step(chart, slot) : 1;
  auto shown = [&](std::size_t i) { return (n - 1 - i) % step == 0; };
  for (std::size_t i = 0; i < n; ++i) {
    if (shown(i)) {
      svg.text(x(i), top + k_plot_height + k_font + 6, chart.labels[i], "label", "middle");
    }
  }
  // Value labels are placed after every line is drawn, most important first
  // (each series' last value, its highest and lowest, then the others from
  // right to left), and a label that would overlap one already placed or
  // leave the chart is left out: the table has every value.
  struct Candidate {
    std::size_t series;
    std::size_t index;
    int priority;
  };
  std::vector<Candidate> candidates;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    // One path per run of known values: a missing value breaks the line.
    std::string d;
    bool pen_down = false;
    std::size_t last = n;
    std::size_t highest = n;
    std::size_t lowest = n;
    for (std::size_t i = 0; i < n; ++i) {
      const auto value = value_at(chart.series[s], i);
      if (!value) {
        pen_down = false;
        continue;
      }
      d += (pen_down ? " L" : (d.empty() ? "M" : " M")) + coord(x(i)) + " " + coord(y(*value));
      pen_down = true;
      last = i;
      highest = highest == n || *value > *value_at(chart.series[s], highest) ? i : highest;
      lowest = lowest == n || *value < *value_at(chart.series[s], lowest) ? i : lowest;
    }
    if (!d.empty()) {
      svg.open("path", {{"d", d}, {"class", "line " + series_class(s, 's')}}, true);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto value = value_at(chart.series[s], i);
      if (!value) {
        continue;
      }
      svg.open(
          "circle",
          {{"cx", coord(x(i))}, {"cy", coord(y(*value))}, {"r", "3.5"}, {"class", series_class(s, 'c') + " point"}});
      svg.title(tooltip(chart, i, s));
      svg.close("circle");
      const int priority = i == last ? 0 : i == highest ? 1 : i == lowest ? 2 : shown(i) ? 3 : 4;
      if (priority < 3 || chart.series.size() == 1) {
        candidates.push_back({s, i, priority});
      }
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.index > b.index;
  });
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> placed;
  for (const Candidate& c : candidates) {
    const ChartSeries& series = chart.series[c.series];
    const double value = *value_at(series, c.index);
    // Beside the point, on the side the line leaves free: above-left on a
    // rise, above-right on a fall, above a peak, below a valley.
    const auto before = c.index > 0 ? value_at(series, c.index - 1) : std::nullopt;
    const auto after = value_at(series, c.index + 1);
    const int in = before ? (value > *before) - (value < *before) : 0;
    const int out = after ? (*after > value) - (*after < value) : 0;
    const std::string text = format_value(value, chart.decimals, chart.unit);
    const double width = value_width(text);
    const double px = x(c.index);
    const double py = y(value);
    double tx = px;
    double ty = py - 9;
    const char* anchor = "middle";
    if (in < 0 && (out > 0 || !after)) {
      ty = py + k_font + 6;
    } else if (in > 0 && out >= 0 && px - 5 - width >= axis_left) {
      tx = px - 5;
      ty = py - 6;
      anchor = "end";
    } else if (in <= 0 && out < 0 && px + 5 + width <= k_width) {
      tx = px + 5;
      ty = py - 6;
      anchor = "start";
    }
    const double x0 = anchor[0] == 'e' ? tx - width : anchor[0] == 's' ? tx : tx - width / 2;
    const Box box{x0 - 2, ty - k_font * 0.8, x0 + width + 2, ty + k_font * 0.25};
    const bool inside =
        box.x0 >= axis_left - 4 && box.x1 <= k_width + 1 && box.y0 >= 0 && box.y1 <= top + k_plot_height;
    const bool overlaps = std::any_of(placed.begin(), placed.end(), [&](const Box& other) {
      return box.x0 < other.x1 && other.x0 < box.x1 && box.y0 < other.y1 && other.y0 < box.y1;
    });
    if (inside && !overlaps) {
      placed.push_back(box);
      svg.text(tx, ty, text, "value halo", anchor);
    }
  }
  return finish(chart, top + k_plot_height + k_font + 12, svg);
}

}  // namespace vetrina::charts
