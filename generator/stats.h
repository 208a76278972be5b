#pragma once
// Statistics: the datasets of content/stats/ (DESIGN.md "Statistics", one
// dataset = one chart + its table and CSV) and content/stats/index.yaml, which
// gives the page /numeri/ its title, its headline figures and its themes (each
// theme lists its datasets in page order). Loading decodes and validates in
// one pass, reporting every problem as a located diagnostic (file:line:col)
// through the same MapReader as the rest of the content: required fields,
// known chart type, one value per label, numeric values, the number of series
// a chart type can show, region ids for the map, every dataset on exactly one
// theme. Formats: docs/content-format.md; messages explained in Italian in
// docs/guida-redazione.md. The model is immutable after loading and safe to
// read from several threads.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/charts.h"
#include "generator/diagnostics.h"
#include "generator/util/file_system.h"
#include "generator/yaml_reader.h"

namespace vetrina {

struct StatSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // nullopt: the figure is missing (~ in YAML)
  Location location;                          // of the series
};

// content/stats/<id>.yaml
struct Dataset {
  std::string id;            // the file name without .yaml: anchor /numeri/#<id>, file /numeri/<id>.csv
  std::string source_path;
  std::string title;         // required
  std::string source;        // required: who published the figures
  std::string note;          // optional, shown under the chart (e.g. an uncertain order in the source)
  std::string description;   // optional <desc> of the chart; default: a summary of the data
  std::string unit;          // optional: "progetti", "%"
  std::string labels_title;  // heading of the labels column; default "Anno", "Regione" or "Voce"
  ChartType chart = ChartType::bar;
  int decimals = 0;          // the most decimals any value is written with
  std::vector<Located<std::string>> labels;
  std::vector<StatSeries> series;

  // A label as shown to visitors (region ids become region names).
  std::string display_label(std::size_t index) const;
  ChartData chart_data() const;
  // For Italian spreadsheets: UTF-8 with a byte order mark, ';' between
  // fields, ',' decimals, RFC 4180 quoting and CRLF. Leading rows: the title,
  // "Fonte: ...", "Nota: ..." (when there is a note) and an empty row; then a
  // header row (labels_title, series names) and one row per label, an empty
  // field for a missing value.
  std::string csv() const;
  std::string csv_url() const { return "/numeri/" + id + ".csv"; }
};

// A figure of the "in breve" list: "oltre 32.000 progetti attivati".
struct Highlight {
  double value = 0;
  int decimals = 0;
  std::string prefix;  // "oltre", or empty
  std::string unit;    // "%" is printed after the number; anything else is part of the label
  std::string label;
};

struct StatsTheme {
  std::string id;  // anchor of its section
  std::string title;
  std::string description;
  std::vector<Located<std::string>> datasets;  // dataset ids, in page order
  Location location;
};

struct StatsCatalog {
  std::string index_path;  // content/stats/index.yaml
  std::string title;
  std::string intro;
  std::vector<Highlight> highlights;
  std::string highlights_source;
  std::vector<StatsTheme> themes;
  std::vector<Dataset> datasets;  // sorted by id
  // Files whose YAML could not be read (reported already): a theme naming
  // them gets no second error.
  std::vector<std::string> broken_ids;

  bool empty() const { return datasets.empty() && themes.empty(); }
  const Dataset* find(const std::string& id) const;
};

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

// One CSV field, quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string_view text);

}  // namespace vetrina
