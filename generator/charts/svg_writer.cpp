#include "generator/charts/svg_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "generator/util/strings.h"

namespace vetrina::charts {

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

void SvgWriter::open(const std::string& tag, const Attributes& attributes, bool self_close) {
  m_out += "<" + tag;
  for (const auto& [name, value] : attributes) {
    if (!value.empty()) {
      m_out += std::string(" ") + name + "=\"" + util::xml_escape(value) + "\"";
    }
  }
  m_out += self_close ? "/>" : ">";
}

void SvgWriter::text(double x, double y, const std::string& content, const std::string& css, const char* anchor,
                     const std::string& tooltip) {
  open("text", {{"x", coord(x)}, {"y", coord(y)}, {"class", css}, {"text-anchor", anchor}});
  m_out += util::xml_escape(content);
  if (!tooltip.empty()) {
    title(tooltip);
  }
  close("text");
}

void SvgWriter::title(const std::string& content) {
  m_out += "<title>" + util::xml_escape(content) + "</title>";
}

void SvgWriter::rect(double x, double y, double w, double h, const std::string& css, const std::string& tooltip) {
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

void SvgWriter::line(double x1, double y1, double x2, double y2, const std::string& css) {
  open("line", {{"x1", coord(x1)}, {"y1", coord(y1)}, {"x2", coord(x2)}, {"y2", coord(y2)}, {"class", css}}, true);
}

}  // namespace vetrina::charts
