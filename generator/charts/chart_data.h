#pragma once
// The numbers of one chart (ChartData: labels, series, unit, decimals) and
// the read-only questions every chart kind asks of them: a label's display
// name, a value that may be missing, the text of a tooltip. Plain values and
// pure functions, thread-safe.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/chart_type.h"

namespace vetrina {

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // one per label; nullopt = no data ("n.d.")
};

struct ChartData {
  std::string id;  // unique on the page: prefixes the element ids
  ChartType type = ChartType::bar;
  std::string title;
  std::string description;          // the <desc>; empty = a summary is written from the data
  std::string unit;                 // "progetti", "%", or empty
  int decimals = 0;                 // decimals of the value labels
  std::vector<std::string> labels;  // categories (region-map: region ids)
  std::vector<ChartSeries> series;
};

namespace charts {

// The label shown for category `index` (a region map shows the region's name).
std::string label_at(const ChartData& chart, std::size_t index);
// The value of a series at `index`; nullopt when missing or past its end.
std::optional<double> value_at(const ChartSeries& series, std::size_t index);
// A value in a sentence, "n.d." when missing.
std::string quantity(const ChartData& chart, const std::optional<double>& value);
// "2018: 4.592 progetti" (one series) or "2018, Nazionali: 1.091".
std::string tooltip(const ChartData& chart, std::size_t label, std::size_t series);

}  // namespace charts

}  // namespace vetrina
