#pragma once
// A statistics dataset as visitors get it: its labels as shown (region ids
// become region names), its chart's data for charts/charts.h, its CSV file.
// Pure functions, safe from any thread.

#include <cstddef>
#include <string>
#include <string_view>

#include "generator/charts/charts.h"
#include "generator/model/stats.h"

namespace vetrina {

// A label as shown to visitors (region ids become region names).
std::string dataset_label(const Dataset& dataset, std::size_t index);
// What render_chart() draws for the dataset.
ChartData dataset_chart(const Dataset& dataset);
// For Italian spreadsheets: UTF-8 with a byte order mark, ';' between
// fields, ',' decimals, RFC 4180 quoting and CRLF. Leading rows: the title,
// "Fonte: ...", "Nota: ..." (when there is a note) and an empty row; then a
// header row (labels_title, series names) and one row per label, an empty
// field for a missing value.
std::string dataset_csv(const Dataset& dataset);
// One CSV field, quoted when it holds a comma, a semicolon, a quote or a line break.
std::string csv_field(std::string_view text);

}  // namespace vetrina
