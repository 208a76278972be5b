#pragma once
// Loading the statistics (content/stats/<id>.yaml and content/stats/index.yaml)
// into the model of model/stats.h. Decoding and validation are one pass, every
// problem a located diagnostic (file:line:col) through the same MapReader as
// the rest of the content: required fields, known chart type, one value per
// label, numeric values, the number of series a chart type can show, region
// ids for the map, every dataset on exactly one theme. Formats:
// docs/content-format.md; messages explained in Italian in
// docs/guida-redazione.md.

#include <optional>
#include <string>
#include <string_view>

#include "generator/model/stats.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Reads content_dir/stats/ (absent folder: an empty catalog, no /numeri/).
// Every problem becomes a diagnostic; what could be decoded is kept.
StatsCatalog load_stats(const util::FileSystem& fs, const std::string& content_dir, DiagnosticBag& diagnostics);

// Pieces, exposed for tests. `path` names the file in diagnostics; its last
// component (without .yaml) is the dataset id.
std::optional<Dataset> decode_dataset(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);
StatsCatalog decode_stats_index(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);
// Rules across files: every dataset on exactly one theme, every theme entry an
// existing dataset.
void check_stats_catalog(const StatsCatalog& catalog, DiagnosticBag& diagnostics);

// "4592" -> 4592, "4.99" -> 4.99 (decimals 2), "-3" -> -3. Digits with an
// optional '-' and one decimal point only: "4,99", "4.592.000", "1e3" and
// "inf" are not numbers here.
std::optional<double> parse_stat_number(std::string_view text, int* decimals = nullptr);

}  // namespace vetrina
