#include "generator/charts/chart_layout.h"

#include <algorithm>

#include "generator/charts/chart_description.h"
#include "generator/charts/number_format.h"
#include "generator/util/strings.h"

namespace vetrina::charts {

std::string series_class(std::size_t index, char kind) {
  return std::string(1, kind) + std::to_string(index % k_max_chart_series + 1);
}

namespace {

// The legend of a multi-series chart: swatch and name, wrapped in rows.
// Returns the height used.
double legend(SvgWriter& svg, const ChartData& chart, double top) {
  double x = 0;
  double y = top;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    const std::string& name = chart.series[s].name;
    const double item = k_swatch + 5 + std::min(text_width(name), k_width - k_swatch - 5);
    if (x > 0 && x + item > k_width) {
      x = 0;
      y += k_legend_row;
    }
    svg.rect(x, y + 3, k_swatch, k_swatch, series_class(s, 'c'));
    svg.text(x + k_swatch + 5, y + 14, wrap_label(name, k_width - k_swatch - 5).front(), "legend", "start");
    x += item + 14;
  }
  return y - top + k_legend_row + 4;
}

// The unit above the plot ("progetti"); "%" is printed with each value instead.
double unit_caption(SvgWriter& svg, const ChartData& chart, double top) {
  if (chart.unit.empty() || chart.unit == "%") {
    return 0;
  }
  svg.text(0, top + k_font, chart.unit, "unit", "start");
  return k_line + 4;
}

std::string open_svg(const ChartData& chart, double height) {
  const std::string id = "chart-" + chart.id;
  SvgWriter svg;
  svg.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                   {"class", "chart chart--" + chart_type_name(chart.type)},
                   {"viewBox", "0 0 " + coord(k_width) + " " + coord(height)},
                   {"width", coord(k_width)},
                   {"height", coord(height)},
                   {"role", "img"},
                   {"aria-labelledby", id + "-title " + id + "-desc"},
                   {"font-size", coord(k_font)}});
  svg.open("title", {{"id", id + "-title"}});
  svg.raw(util::xml_escape(chart.title));
  svg.close("title");
  svg.open("desc", {{"id", id + "-desc"}});
  svg.raw(util::xml_escape(chart.description.empty() ? describe_chart(chart) : chart.description));
  svg.close("desc");
  return svg.take();
}

}  // namespace

double header(SvgWriter& svg, const ChartData& chart) {
  double top = 0;
  if (chart.series.size() > 1) {
    top += legend(svg, chart, top);
  }
  return top + unit_caption(svg, chart, top);
}

void value_axis(SvgWriter& svg, const Ticks& ticks, const LinearScale& y, double left, const std::string& unit) {
  for (const double t : ticks.values) {
    svg.line(left, y(t), k_width, y(t), t == 0 ? "axis" : "grid");
    svg.text(left - 6, y(t) + k_font * 0.35, format_value(t, ticks.decimals, unit), "tick", "end");
  }
}

Extent extent(const ChartData& chart, bool stacked) {
  Extent e;
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    double sum = 0;
    for (const auto& series : chart.series) {
      if (const auto v = value_at(series, i)) {
        if (stacked) {
          sum += std::max(0.0, *v);
        } else {
          e.lo = std::min(e.lo, *v);
          e.hi = std::max(e.hi, *v);
        }
      }
    }
    e.hi = std::max(e.hi, sum);
  }
  return e;
}

double widest_tick(const Ticks& ticks, const std::string& unit) {
  double widest = 0;
  for (const double t : ticks.values) {
    widest = std::max(widest, text_width(format_value(t, ticks.decimals, unit)));
  }
  return widest;
}

double widest_value(const ChartData& chart, bool stacked) {
  double widest = value_width("n.d.");
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    double sum = 0;
    for (const auto& series : chart.series) {
      if (const auto v = value_at(series, i)) {
        sum += *v;
        widest = std::max(widest, value_width(format_value(*v, chart.decimals, chart.unit)));
      }
    }
    if (stacked) {
      widest = std::max(widest, value_width(format_value(sum, chart.decimals, chart.unit)));
    }
  }
  return widest;
}

std::string finish(const ChartData& chart, double height, SvgWriter& body) {
  return open_svg(chart, height) + body.take() + "</svg>";
}

}  // namespace vetrina::charts
