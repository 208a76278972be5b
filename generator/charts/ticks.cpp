#include "generator/charts/ticks.h"

#include <algorithm>
#include <cmath>

namespace vetrina {

namespace {

double pow10(int exponent) {
  return std::pow(10.0, exponent);
}

}  // namespace

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

}  // namespace vetrina
