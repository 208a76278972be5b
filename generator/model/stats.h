#pragma once
// Statistics as data: the datasets of content/stats/ (DESIGN.md "Statistics",
// one dataset = one chart + its table and CSV) and the /numeri/ page of
// content/stats/index.yaml (title, headline figures, themes listing their
// datasets in page order). Decoding lives in content/stats_loader.h, drawing
// in charts/ and render/stats_data.h. Immutable after loading; safe to read
// from several threads.

#include <optional>
#include <string>
#include <vector>

#include "generator/model/chart_type.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

struct StatSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // nullopt: the figure is missing (~ in YAML)
  Location location;                          // of the series
};

// content/stats/<id>.yaml
struct Dataset {
  std::string id;  // the file name without .yaml: anchor /numeri/#<id>, file /numeri/<id>.csv
  std::string source_path;
  std::string title;         // required
  std::string source;        // required: who published the figures
  std::string note;          // optional, shown under the chart (e.g. an uncertain order in the source)
  std::string description;   // optional <desc> of the chart; default: a summary of the data
  std::string unit;          // optional: "progetti", "%"
  std::string labels_title;  // heading of the labels column; default "Anno", "Regione" or "Voce"
  ChartType chart = ChartType::bar;
  int decimals = 0;  // the most decimals any value is written with
  std::vector<Located<std::string>> labels;
  std::vector<StatSeries> series;

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

}  // namespace vetrina
