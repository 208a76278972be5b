#include "generator/charts/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "generator/util/strings.h"

namespace vetrina {

namespace {

// Layout constants, in viewBox units. The viewBox is always 320 wide: on a
// 320 px phone (288 px of content) one unit is 0.9 px, so 13-unit text reads
// as ~11.7 px; on a desktop the theme caps the width (style.css).
constexpr double k_width = 320;
constexpr double k_font = 13;
constexpr double k_line = 16;  // line height of wrapped labels
constexpr double k_legend_row = 20;
constexpr double k_swatch = 12;
constexpr double k_plot_height = 170;  // vertical charts: height of the plotting area
constexpr double k_bar = 18;           // horizontal charts: thickness of a lone bar
constexpr double k_group_bar = 14;     // ... of a bar in a group
constexpr double k_row_gap = 8;
const char* const k_nbsp = "\xC2\xA0";
const char* const k_ellipsis = "\xE2\x80\xA6";

double pow10(int exponent) {
  return std::pow(10.0, exponent);
}

// A coordinate with at most one decimal: "12", "12.5" (never "-0").
std::string coord(double value) {
  double rounded = std::round(value * 10.0) / 10.0;
  if (rounded == 0.0) {
    rounded = 0.0;  // turns -0 into 0
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", rounded);
  std::string text = buffer;
  if (text.ends_with(".0")) {
    text.resize(text.size() - 2);
  }
  return text;
}

// Estimated advance of `text`, per character class, from the widest common
// system sans-serif (DejaVu Sans; Roboto and San Francisco are narrower), so
// that labels judged to fit do fit.
double text_width(std::string_view text, double size = k_font) {
  double em = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) == 0x80) {
      continue;  // UTF-8 continuation byte: counted with its lead byte
    }
    if (c == '.' || c == ',' || c == ':' || c == ';' || c == '\'' || c == 'i' || c == 'l' || c == 'j' || c == 'I' ||
        c == '!' || c == '|' || c == ' ') {
      em += 0.32;
    } else if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')') {
      em += 0.42;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%') {
      em += 0.96;
    } else if (c >= 'A' && c <= 'Z') {
      em += 0.74;
    } else {
      em += 0.64;  // digits, other lowercase letters, accented letters
    }
  }
  return em * size;
}

// Value labels are semi-bold (style.css): wider than regular text.
double value_width(std::string_view text) {
  return text_width(text) * 1.1;
}

const char* type_label(ChartType type) {
  switch (type) {
    case ChartType::bar:
      return "Grafico a barre";
    case ChartType::line:
      return "Grafico a linee";
    case ChartType::stacked_bar:
      return "Grafico a barre sovrapposte";
    case ChartType::grouped_bar:
      return "Grafico a barre affiancate";
    case ChartType::hbar:
      return "Grafico a barre orizzontali";
    case ChartType::donut:
      return "Grafico ad anello";
    case ChartType::region_map:
      return "Mappa delle regioni italiane";
  }
  return "Grafico";
}

std::string series_class(std::size_t index, char kind) {
  return std::string(1, kind) + std::to_string(index % k_max_chart_series + 1);
}

// Minimal SVG writer: every attribute value and text goes through xml_escape.
class Svg {
 public:
  void raw(std::string_view text) { m_out += text; }
  using Attributes = std::vector<std::pair<const char*, std::string>>;
  // Attributes with an empty value are left out.
  void open(const std::string& tag, const Attributes& attributes, bool self_close = false) {
    m_out += "<" + tag;
    for (const auto& [name, value] : attributes) {
      if (!value.empty()) {
        m_out += std::string(" ") + name + "=\"" + util::xml_escape(value) + "\"";
      }
    }
    m_out += self_close ? "/>" : ">";
  }
  void close(const std::string& tag) { m_out += "</" + tag + ">"; }
  void text(double x, double y, const std::string& content, const std::string& css, const char* anchor,
            const std::string& tooltip = {}) {
    open("text", {{"x", coord(x)}, {"y", coord(y)}, {"class", css}, {"text-anchor", anchor}});
    m_out += util::xml_escape(content);
    if (!tooltip.empty()) {
      title(tooltip);
    }
    close("text");
  }
  void title(const std::string& content) { m_out += "<title>" + util::xml_escape(content) + "</title>"; }
  void rect(double x, double y, double w, double h, const std::string& css, const std::string& tooltip = {}) {
    const Attributes attributes = {{"x", coord(x)},
                                   {"y", coord(y)},
                                   {"width", coord(std::max(0.0, w))},
                                   {"height", coord(std::max(0.0, h))},
                                   {"class", css}};
    if (tooltip.empty()) {
      open("rect", attributes, true);
    } else {
      open("rect", attributes);
      title(tooltip);
      close("rect");
    }
  }
  void line(double x1, double y1, double x2, double y2, const std::string& css) {
    open("line", {{"x1", coord(x1)}, {"y1", coord(y1)}, {"x2", coord(x2)}, {"y2", coord(y2)}, {"class", css}}, true);
  }
  std::string take() { return std::move(m_out); }

 private:
  std::string m_out;
};

std::string label_at(const ChartData& chart, std::size_t index) {
  if (chart.type == ChartType::region_map) {
    if (const RegionTile* region = find_region(chart.labels[index])) {
      return region->name;
    }
  }
  return chart.labels[index];
}

std::optional<double> value_at(const ChartSeries& series, std::size_t index) {
  return index < series.values.size() ? series.values[index] : std::nullopt;
}

std::string quantity(const ChartData& chart, const std::optional<double>& value) {
  return value ? format_quantity(*value, chart.decimals, chart.unit) : "n.d.";
}

// "2018: 4.592 progetti" (one series) or "2018, Nazionali: 1.091".
std::string tooltip(const ChartData& chart, std::size_t label, std::size_t series) {
  std::string text = label_at(chart, label);
  if (chart.series.size() > 1) {
    text += ", " + chart.series[series].name;
  }
  return text + ": " + quantity(chart, value_at(chart.series[series], label));
}

// Splits a label into at most two lines of at most `max_width`; a longer
// label ends with an ellipsis (the full text is in the tooltip and table).
std::vector<std::string> wrap_label(const std::string& label, double max_width) {
  if (text_width(label) <= max_width) {
    return {label};
  }
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= label.size()) {
    const auto space = label.find(' ', start);
    words.push_back(label.substr(start, space == std::string::npos ? std::string::npos : space - start));
    if (space == std::string::npos) {
      break;
    }
    start = space + 1;
  }
  std::vector<std::string> lines(1);
  for (const auto& word : words) {
    const std::string candidate = lines.back().empty() ? word : lines.back() + " " + word;
    if (text_width(candidate) <= max_width || lines.back().empty()) {
      lines.back() = candidate;
    } else if (lines.size() < 2) {
      lines.push_back(word);
    } else {
      lines.back() = candidate;  // the rest goes on the last line, cut below
    }
  }
  for (auto& line : lines) {
    if (text_width(line) <= max_width) {
      continue;
    }
    while (!line.empty() && text_width(line + k_ellipsis) > max_width) {
      line.pop_back();
      while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) {
        line.pop_back();
      }
      if (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0xC0) {
        line.pop_back();  // a lead byte left without its continuation
      }
    }
    line += k_ellipsis;
  }
  return lines;
}

// The legend of a multi-series chart: swatch and name, wrapped in rows.
// Returns the height used.
double legend(Svg& svg, const ChartData& chart, double top) {
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
double unit_caption(Svg& svg, const ChartData& chart, double top) {
  if (chart.unit.empty() || chart.unit == "%") {
    return 0;
  }
  svg.text(0, top + k_font, chart.unit, "unit", "start");
  return k_line + 4;
}

// The legend (several series) and the unit: returns where the plot may start.
double header(Svg& svg, const ChartData& chart) {
  double top = 0;
  if (chart.series.size() > 1) {
    top += legend(svg, chart, top);
  }
  return top + unit_caption(svg, chart, top);
}

// The value axis of a chart with vertical bars or lines: a grid line per
// tick (the zero line darker) and the tick labels right-aligned at `left`.
void value_axis(Svg& svg, const Ticks& ticks, const LinearScale& y, double left, const std::string& unit) {
  for (const double t : ticks.values) {
    svg.line(left, y(t), k_width, y(t), t == 0 ? "axis" : "grid");
    svg.text(left - 6, y(t) + k_font * 0.35, format_value(t, ticks.decimals, unit), "tick", "end");
  }
}

struct Extent {
  double lo = 0;
  double hi = 0;
};

// The value range to plot: always including zero (bars start there), the
// sums for stacked bars.
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

std::string open_svg(const ChartData& chart, double height) {
  const std::string id = "chart-" + chart.id;
  Svg svg;
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

std::string finish(const ChartData& chart, double height, Svg& body) {
  return open_svg(chart, height) + body.take() + "</svg>";
}

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
  Svg svg;
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
  Svg svg;
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
  Svg rows;
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

// --- Line ------------------------------------------------------------------

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

std::string line_chart(const ChartData& chart) {
  Svg svg;
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

// --- Donut -----------------------------------------------------------------

std::string donut(const ChartData& chart) {
  Svg svg;
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
  Svg labels;
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

// --- Region map ------------------------------------------------------------

std::string region_map(const ChartData& chart) {
  Svg svg;
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

}  // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) {
    return "n.d.";
  }
  decimals = std::clamp(decimals, 0, 9);
  const double scale = pow10(decimals);
  const long long scaled = std::llround(std::abs(value) * scale);
  const auto unit = static_cast<long long>(scale);
  std::string text = util::format_thousands(scaled / unit);
  if (decimals > 0) {
    std::string fraction = std::to_string(scaled % unit);
    fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
    text += "," + fraction;
  }
  return value < 0 && scaled != 0 ? "-" + text : text;
}

std::string format_plain(double value, int decimals) {
  std::string text = format_number(value, decimals);
  text = util::replace_all(text, ".", "");
  return util::replace_all(text, ",", ".");
}

std::string format_value(double value, int decimals, std::string_view unit) {
  std::string text = format_number(value, decimals);
  if (unit == "%") {
    text += k_nbsp;
    text += "%";
  }
  return text;
}

std::string format_quantity(double value, int decimals, std::string_view unit) {
  if (unit.empty() || unit == "%") {
    return format_value(value, decimals, unit);
  }
  return format_number(value, decimals) + " " + std::string(unit);
}

double nice_step(double span, int max_intervals) {
  if (!(span > 0) || max_intervals < 1) {
    return 1;
  }
  const double raw = span / max_intervals;
  const double magnitude = pow10(static_cast<int>(std::floor(std::log10(raw))));
  const double normalized = raw / magnitude;
  // A tolerance keeps 2.0000000001 (floating noise) from becoming 5.
  const double nice = normalized <= 1 + 1e-9 ? 1 : normalized <= 2 + 1e-9 ? 2 : normalized <= 5 + 1e-9 ? 5 : 10;
  return nice * magnitude;
}

Ticks nice_ticks(double lo, double hi, int max_intervals) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) {
    std::swap(lo, hi);
  }
  if (hi == lo) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    if (hi == lo) {
      hi = lo + 1;
    }
  }
  max_intervals = std::max(1, max_intervals);
  Ticks ticks;
  double step = nice_step(hi - lo, max_intervals);
  long long first = 0;
  long long last = 0;
  for (;;) {
    first = static_cast<long long>(std::floor(lo / step + 1e-9));
    last = static_cast<long long>(std::ceil(hi / step - 1e-9));
    if (last - first <= max_intervals) {
      break;
    }
    // Rounding outwards added an interval: take the next nice step.
    const double magnitude = pow10(static_cast<int>(std::floor(std::log10(step) + 1e-9)));
    const double mantissa = std::round(step / magnitude);
    step = (mantissa == 1 ? 2 : mantissa == 2 ? 5 : 10) * magnitude;
  }
  ticks.step = step;
  ticks.decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  const double precision = pow10(ticks.decimals);
  for (long long i = first; i <= last; ++i) {
    ticks.values.push_back(std::round(static_cast<double>(i) * step * precision) / precision);
  }
  ticks.min = ticks.values.front();
  ticks.max = ticks.values.back();
  return ticks;
}

double LinearScale::operator()(double value) const {
  if (domain_max == domain_min) {
    return (range_min + range_max) / 2;
  }
  return range_min + (value - domain_min) * (range_max - range_min) / (domain_max - domain_min);
}

const std::vector<RegionTile>& region_tiles() {
  // Four columns, nine rows: the boot from the Alps to Sicily, islands to the side.
  static const std::vector<RegionTile> k_regions = {
      {"valle-d-aosta", "VDA", "Valle d'Aosta", 0, 0},
      {"trentino-alto-adige", "TAA", "Trentino-Alto Adige", 2, 0},
      {"friuli-venezia-giulia", "FVG", "Friuli-Venezia Giulia", 3, 0},
      {"piemonte", "PIE", "Piemonte", 0, 1},
      {"lombardia", "LOM", "Lombardia", 1, 1},
      {"veneto", "VEN", "Veneto", 2, 1},
      {"liguria", "LIG", "Liguria", 0, 2},
      {"emilia-romagna", "EMR", "Emilia-Romagna", 1, 2},
      {"toscana", "TOS", "Toscana", 1, 3},
      {"marche", "MAR", "Marche", 2, 3},
      {"umbria", "UMB", "Umbria", 1, 4},
      {"abruzzo", "ABR", "Abruzzo", 2, 4},
      {"sardegna", "SAR", "Sardegna", 0, 5},
      {"lazio", "LAZ", "Lazio", 1, 5},
      {"molise", "MOL", "Molise", 2, 5},
      {"puglia", "PUG", "Puglia", 3, 5},
      {"campania", "CAM", "Campania", 2, 6},
      {"basilicata", "BAS", "Basilicata", 3, 6},
      {"calabria", "CAL", "Calabria", 3, 7},
      {"sicilia", "SIC", "Sicilia", 2, 8},
  };
  return k_regions;
}

const RegionTile* find_region(std::string_view id) {
  for (const auto& region : region_tiles()) {
    if (id == region.id) {
      return &region;
    }
  }
  return nullptr;
}

std::string describe_chart(const ChartData& chart) {
  const std::size_t n = chart.labels.size();
  std::string text = type_label(chart.type);
  if (n == 0 || chart.series.empty()) {
    return text + " senza dati.";
  }
  auto item = [&](std::size_t i, std::size_t s) {
    return label_at(chart, i) + " " + quantity(chart, value_at(chart.series[s], i));
  };
  if (chart.type == ChartType::region_map) {
    std::size_t best = n;
    std::size_t least = n;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto v = value_at(chart.series[0], i);
      if (!v) {
        ++missing;
        continue;
      }
      best = best == n || *v > *value_at(chart.series[0], best) ? i : best;
      least = least == n || *v < *value_at(chart.series[0], least) ? i : least;
    }
    text += ", a tessere colorate secondo il valore";
    if (best < n) {
      text += ": il più alto è " + item(best, 0) + ", il più basso " + item(least, 0);
    }
    if (missing > 0) {
      text += "; " + std::to_string(missing) + (missing == 1 ? " regione senza dato" : " regioni senza dato");
    }
    return text + ".";
  }
  if (chart.series.size() == 1 && n <= 8) {
    text += ": ";
    for (std::size_t i = 0; i < n; ++i) {
      text += (i > 0 ? ", " : "") + item(i, 0);
    }
    return text + ".";
  }
  if (chart.series.size() == 1) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < n; ++i) {
      const auto v = value_at(chart.series[0], i);
      const auto b = value_at(chart.series[0], best);
      best = v && (!b || *v > *b) ? i : best;
    }
    return text + " con " + std::to_string(n) + " valori, da " + item(0, 0) + " a " + item(n - 1, 0) +
           "; il più alto è " + item(best, 0) + ".";
  }
  std::string names;
  for (std::size_t s = 0; s < chart.series.size(); ++s) {
    names += (s == 0 ? "" : s + 1 == chart.series.size() ? " e " : ", ") + chart.series[s].name;
  }
  text += " con " + std::to_string(chart.series.size()) + " serie (" + names + ")";
  if (n * chart.series.size() <= 9) {
    text += ": ";
    for (std::size_t i = 0; i < n; ++i) {
      text += (i > 0 ? "; " : "") + label_at(chart, i) + ": ";
      for (std::size_t s = 0; s < chart.series.size(); ++s) {
        text += (s > 0 ? ", " : "") + chart.series[s].name + " " + quantity(chart, value_at(chart.series[s], i));
      }
    }
    return text + ".";
  }
  return text + " per " + std::to_string(n) + " voci, da " + label_at(chart, 0) + " a " + label_at(chart, n - 1) +
         ". I valori sono nella tabella dei dati.";
}

std::string render_chart(const ChartData& chart) {
  switch (chart.type) {
    case ChartType::bar:
    case ChartType::grouped_bar:
    case ChartType::stacked_bar: {
      const BarMode mode = bar_mode(chart.type);
      return fits_vertically(chart, mode) ? vertical_bars(chart, mode) : horizontal_bars(chart, mode);
    }
    case ChartType::hbar:
      return horizontal_bars(chart, BarMode::single);
    case ChartType::line:
      return line_chart(chart);
    case ChartType::donut:
      return donut(chart);
    case ChartType::region_map:
      return region_map(chart);
  }
  return {};
}

}  // namespace vetrina
