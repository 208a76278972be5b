#include "generator/charts/donut_chart.h"

#include <algorithm>
#include <cmath>

#include "generator/charts/chart_layout.h"
#include "generator/charts/number_format.h"

namespace vetrina::charts {

std::string donut_chart(const ChartData& chart) {
  SvgWriter svg;
  const double cx = k_width / 2;
  const double cy = 96;
  const double outer = 88;
  const double inner = 52;
  double total = 0;
  const ChartSeries empty;
  const ChartSeries& series = chart.series.empty() ? empty : chart.series.front();
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    total += std::max(0.0, value_at(series, i).value_or(0));
  }
  constexpr double k_pi = 3.14159265358979323846;
  double angle = -k_pi / 2;
  auto point = [&](double radius, double a) {
    return coord(cx + radius * std::cos(a)) + " " + coord(cy + radius * std::sin(a));
  };
  SvgWriter labels;
  for (std::size_t i = 0; i < chart.labels.size() && total > 0; ++i) {
    const double value = std::max(0.0, value_at(series, i).value_or(0));
    if (value <= 0) {
      continue;
    }
    const double sweep = 2 * k_pi * value / total;
    const double end = angle + sweep;
    const std::string css = series_class(i, 'c') + " slice";
    if (sweep >= 2 * k_pi - 1e-9) {
      // A full ring cannot be one arc: two circles with the hole cut out.
      svg.open("path", {{"d", "M" + point(outer, 0) + " A" + coord(outer) + " " + coord(outer) + " 0 1 1 " +
                                  point(outer, k_pi) + " A" + coord(outer) + " " + coord(outer) + " 0 1 1 " +
                                  point(outer, 0) + " Z M" + point(inner, 0) + " A" + coord(inner) + " " +
                                  coord(inner) + " 0 1 0 " + point(inner, k_pi) + " A" + coord(inner) + " " +
                                  coord(inner) + " 0 1 0 " + point(inner, 0) + " Z"},
                        {"class", css},
                        {"fill-rule", "evenodd"}});
    } else {
      const std::string large = sweep > k_pi ? "1" : "0";
      svg.open("path", {{"d", "M" + point(outer, angle) + " A" + coord(outer) + " " + coord(outer) + " 0 " + large +
                                  " 1 " + point(outer, end) + " L" + point(inner, end) + " A" + coord(inner) + " " +
                                  coord(inner) + " 0 " + large + " 0 " + point(inner, angle) + " Z"},
                        {"class", css}});
    }
    svg.title(tooltip(chart, i, 0));
    svg.close("path");
    const std::string text = format_value(value, chart.decimals, chart.unit);
    const double middle = angle + sweep / 2;
    const double radius = (outer + inner) / 2;
    // On the slice when the arc there is long enough for the text.
    if (sweep * radius >= value_width(text) + 6) {
      labels.text(cx + radius * std::cos(middle), cy + radius * std::sin(middle) + k_font * 0.35, text,
                  "value " + series_class(i, 'n'), "middle");
    }
    angle = end;
  }
  svg.raw(labels.take());
  // The legend names every slice with its value: it is the key and the labels.
  double y = cy + outer + 14;
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const std::string text =
        label_at(chart, i) + ": " +
        (value_at(series, i) ? format_value(*value_at(series, i), chart.decimals, chart.unit) : std::string("n.d."));
    svg.rect(0, y + 3, k_swatch, k_swatch, series_class(i, 'c'));
    svg.text(k_swatch + 6, y + 14, wrap_label(text, k_width - k_swatch - 6).front(), "legend", "start");
    y += k_legend_row;
  }
  return finish(chart, y + 4, svg);
}

}  // namespace vetrina::charts
