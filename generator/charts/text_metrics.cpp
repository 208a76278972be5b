#include "generator/charts/text_metrics.h"

namespace vetrina::charts {

namespace {

const char* const k_ellipsis = "\xE2\x80\xA6";

}  // namespace

// Estimated advance of `text`, per character class, from the widest common
// system sans-serif (DejaVu Sans; Roboto and San Francisco are narrower), so
// that labels judged to fit do fit.
double text_width(std::string_view text, double size) {
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

double value_width(std::string_view text) {
  return text_width(text) * 1.1;
}

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

}  // namespace vetrina::charts
