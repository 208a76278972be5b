#pragma once
// Axes of the charts: the "nice" step (1, 2 or 5 x 10^n), the ticks covering
// a range with it, and the linear scale from values to viewBox units. Pure
// functions and plain values, thread-safe.

#include <vector>

namespace vetrina {

// The "nice" step (1, 2 or 5 x 10^n) that cuts `span` into at most
// `max_intervals` intervals. span <= 0 gives 1.
double nice_step(double span, int max_intervals);

struct Ticks {
  double min = 0;  // first tick, <= the data minimum
  double max = 1;  // last tick, >= the data maximum
  double step = 1;
  int decimals = 0;            // needed to print the step exactly
  std::vector<double> values;  // min, min + step, ..., max
};
// Ticks covering [lo, hi] with at most `max_intervals` intervals of a nice
// step. lo == hi gets a unit-wide range around the value.
Ticks nice_ticks(double lo, double hi, int max_intervals);

// Maps [domain_min, domain_max] linearly onto [range_min, range_max].
struct LinearScale {
  double domain_min = 0;
  double domain_max = 1;
  double range_min = 0;
  double range_max = 1;
  double operator()(double value) const;
};

}  // namespace vetrina
