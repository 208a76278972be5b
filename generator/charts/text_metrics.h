#pragma once
// How wide chart text is, estimated without a font file (DejaVu Sans, the
// widest common system sans-serif, per character class), and labels wrapped
// to a width with an ellipsis. Pure functions, thread-safe.

#include <string>
#include <string_view>
#include <vector>

namespace vetrina::charts {

// The font size of chart text, in viewBox units (13 units read as ~11.7 px
// on a 320 px phone).
constexpr double k_font = 13;

// Estimated advance of `text` at `size`, so that labels judged to fit do fit.
double text_width(std::string_view text, double size = k_font);
// Value labels are semi-bold (style.css): wider than regular text.
double value_width(std::string_view text);
// Splits a label into at most two lines of at most `max_width`; a longer
// label ends with an ellipsis (the full text is in the tooltip and table).
std::vector<std::string> wrap_label(const std::string& label, double max_width);

}  // namespace vetrina::charts
