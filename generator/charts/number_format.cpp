#include "generator/charts/number_format.h"

#include <algorithm>
#include <cmath>

#include "generator/util/strings.h"

namespace vetrina {

namespace {

const char* const k_nbsp = "\xC2\xA0";

double pow10(int exponent) {
  return std::pow(10.0, exponent);
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

}  // namespace vetrina
