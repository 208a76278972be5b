#pragma once
// The minimal SVG writer of the charts: elements, attributes and text, every
// value escaped, coordinates printed with at most one decimal. One writer
// builds one string; not thread-safe (each chart uses its own).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vetrina::charts {

// A coordinate with at most one decimal: "12", "12.5" (never "-0").
std::string coord(double value);

// Minimal SVG writer: every attribute value and text goes through xml_escape.
class SvgWriter {
 public:
  using Attributes = std::vector<std::pair<const char*, std::string>>;
  // Appends `text` as it is (already well-formed SVG).
  void raw(std::string_view text) { m_out += text; }
  // Attributes with an empty value are left out.
  void open(const std::string& tag, const Attributes& attributes, bool self_close = false);
  void close(const std::string& tag) { m_out += "</" + tag + ">"; }
  void text(double x, double y, const std::string& content, const std::string& css, const char* anchor,
            const std::string& tooltip = {});
  void title(const std::string& content);
  void rect(double x, double y, double w, double h, const std::string& css, const std::string& tooltip = {});
  void line(double x1, double y1, double x2, double y2, const std::string& css);
  // The text written so far; the writer is empty afterwards.
  std::string take() { return std::move(m_out); }

 private:
  std::string m_out;
};

}  // namespace vetrina::charts
