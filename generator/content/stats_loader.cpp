#include "generator/content/stats_loader.h"

#include "generator/charts/charts.h"
#include "generator/content/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

const char* const k_index_file = "index.yaml";

std::string file_stem(const std::string& path) {
  const auto slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.ends_with(".yaml")) {
    name.resize(name.size() - 5);
  }
  return name;
}

std::vector<std::string> region_ids() {
  std::vector<std::string> ids;
  for (const auto& region : region_tiles()) {
    ids.emplace_back(region.id);
  }
  return ids;
}

// "(did you mean 'donut'?)" also for the Italian names editors may try.
std::string chart_type_hint(const std::string& name) {
  static const std::pair<const char*, const char*> k_italian[] = {{"barre", "bar"},
                                                                  {"barra", "bar"},
                                                                  {"colonne", "bar"},
                                                                  {"istogramma", "bar"},
                                                                  {"linea", "line"},
                                                                  {"linee", "line"},
                                                                  {"torta", "donut"},
                                                                  {"anello", "donut"},
                                                                  {"ciambella", "donut"},
                                                                  {"mappa", "region-map"},
                                                                  {"regioni", "region-map"},
                                                                  {"barre-orizzontali", "hbar"},
                                                                  {"barre-affiancate", "grouped-bar"},
                                                                  {"barre-sovrapposte", "stacked-bar"}};
  const std::string lower = util::to_lower_ascii(name);
  for (const auto& [italian, type] : k_italian) {
    if (lower == italian) {
      return tr(" (did you mean '{}'?)", type);
    }
  }
  return util::did_you_mean_suffix(name, chart_type_names());
}

bool is_year(const std::string& label) {
  return label.size() == 4 && std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string default_labels_title(const Dataset& dataset) {
  if (dataset.chart == ChartType::region_map) {
    return "Regione";
  }
  const bool years =
      !dataset.labels.empty() && std::all_of(dataset.labels.begin(), dataset.labels.end(),
                                             [](const Located<std::string>& label) { return is_year(label.value); });
  return years ? "Anno" : "Voce";
}

// "4.592" is a YAML number with three decimals, and also how an Italian
// writes four thousand five hundred and ninety-two: say so (a warning: the
// decimals may be meant).
void warn_thousands(const std::string& text, int decimals, const Location& where, DiagnosticBag& diagnostics) {
  if (decimals == 3) {
    std::string whole = text;
    whole.erase(std::remove(whole.begin(), whole.end(), '.'), whole.end());
    diagnostics.warning(where, tr("value '{}' is read as a number with three decimals: if you mean {}, write it "
                                  "without the point (no thousands separator in YAML)",
                                  text, whole));
  }
}

// `values:` of a series. Reports items that are no numbers, and a decimal
// comma in a flow list ("[4,99]" is two values for YAML).
std::vector<std::optional<double>> decode_values(const YAML::Node& node, const std::string& series_name,
                                                 const YamlSource& source, DiagnosticBag& diagnostics, int& decimals,
                                                 bool& split_by_comma) {
  std::vector<std::optional<double>> values;
  std::optional<YAML::Mark> previous_mark;
  std::size_t previous_length = 0;
  for (const auto& item : node) {
    const Location where = source.at(item);
    if (item.IsNull()) {
      values.emplace_back(std::nullopt);
      previous_mark.reset();
      continue;
    }
    if (!item.IsScalar()) {
      diagnostics.error(where, _("every item of 'values' must be a single number"));
      values.emplace_back(std::nullopt);
      previous_mark.reset();
      continue;
    }
    const std::string text(util::trim(item.Scalar()));
    const YAML::Mark mark = item.Mark();
    if (!split_by_comma && previous_mark && previous_mark->line == mark.line &&
        static_cast<std::size_t>(mark.column) ==
            static_cast<std::size_t>(previous_mark->column) + previous_length + 1 &&
        parse_stat_number(text)) {
      // "4,99" in a flow list: two plain scalars with only a comma between.
      split_by_comma = true;
      diagnostics.error(
          source.at(*previous_mark),
          _("a number with a decimal comma is read as two values: write decimals with a point (4.99, not 4,99)"));
    }
    previous_mark = mark;
    previous_length = item.Scalar().size();
    int written_decimals = 0;
    const auto number = parse_stat_number(text, &written_decimals);
    if (!number) {
      const bool comma = text.find(',') != std::string::npos;
      diagnostics.error(where, tr("value '{}' of series '{}' is not a number: {}", text, series_name,
                                  std::string(comma ? _("write decimals with a point (4.99, not 4,99)")
                                                    : _("write digits only, a point for decimals (4.99), no thousands "
                                                        "separator (4592), or ~ for a missing figure"))));
      values.emplace_back(std::nullopt);
      continue;
    }
    warn_thousands(text, written_decimals, where, diagnostics);
    decimals = std::max(decimals, written_decimals);
    values.emplace_back(*number);
  }
  return values;
}

}  // namespace

std::optional<double> parse_stat_number(std::string_view text, int* decimals) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') {
    ++i;
  }
  const std::size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    ++i;
  }
  if (i == digits_start) {
    return std::nullopt;
  }
  int fraction = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t fraction_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    fraction = static_cast<int>(i - fraction_start);
    if (fraction == 0) {
      return std::nullopt;
    }
  }
  if (i != text.size() || i - digits_start > 18) {
    return std::nullopt;
  }
  if (decimals != nullptr) {
    *decimals = fraction;
  }
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);  // locale-independent
  return value;
}

std::optional<Dataset> decode_dataset(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  Dataset dataset;
  dataset.source_path = path;
  dataset.id = file_stem(path);
  if (!util::is_slug(dataset.id)) {
    const std::string better = util::slugify(dataset.id);
    diagnostics.error(
        {path, 1, 1},
        tr("the file name '{}.yaml' cannot be part of an address: use lowercase letters, digits and hyphens{}",
           dataset.id, (better.empty() ? std::string() : tr(" (rename it to '{}.yaml')", better))));
  }
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  MapReader r(*root, source, diagnostics, _("dataset"),
              {"title", "source", "note", "description", "chart", "unit", "labels", "labels_title", "series"});
  if (!r.is_map()) {
    return std::nullopt;
  }
  dataset.title = value_or(r.text("title", true));
  dataset.source = value_or(r.text("source", true));
  dataset.note = value_or(r.text("note", false));
  dataset.description = value_or(r.text("description", false));
  dataset.unit = value_or(r.text("unit", false));
  if (auto chart = r.text("chart", true)) {
    if (auto type = parse_chart_type(chart->value)) {
      dataset.chart = *type;
    } else {
      std::string names;
      for (const auto& name : chart_type_names()) {
        if (name != chart_type_names().back()) {
          names += (names.empty() ? "" : ", ") + name;
        }
      }
      names = tr("{} or {}", names, chart_type_names().back());
      diagnostics.error(chart->location,
                        tr("unknown chart type '{}': use {}{}", chart->value, names, chart_type_hint(chart->value)));
    }
  }
  dataset.labels = r.text_list("labels", 1);
  std::set<std::string> seen;
  for (const auto& label : dataset.labels) {
    if (!seen.insert(label.value).second) {
      diagnostics.error(label.location,
                        tr("label '{}' appears twice: each label is one bar, point, slice or region", label.value));
    }
  }
  if (dataset.chart == ChartType::region_map) {
    const std::vector<std::string> ids = region_ids();
    for (const auto& label : dataset.labels) {
      if (find_region(label.value) == nullptr) {
        diagnostics.error(
            label.location,
            tr("'{}' is not a region: the labels of a region-map are region ids like emilia-romagna or valle-d-aosta{}",
               label.value, util::did_you_mean_suffix(label.value, ids)));
      }
    }
  }
  dataset.labels_title = value_or(r.text("labels_title", false));
  if (dataset.labels_title.empty()) {
    dataset.labels_title = default_labels_title(dataset);
  }

  if (!r.has("series")) {
    diagnostics.error(r.location(), _("missing required field 'series' in dataset"));
  }
  const auto series_nodes = r.map_list("series");
  std::set<std::string> names;
  const std::string chart_name = chart_type_name(dataset.chart);
  for (std::size_t k = 0; k < series_nodes.size(); ++k) {
    MapReader s(series_nodes[k], source, diagnostics, tr("series {}", std::to_string(k + 1)), {"name", "values"});
    StatSeries series;
    series.location = s.location();
    if (auto name = s.text("name", true)) {
      series.name = name->value;
      if (!names.insert(series.name).second) {
        diagnostics.error(
            name->location,
            tr("two series are called '{}': give each its own name (it heads its column in the table)", series.name));
      }
    }
    if (!s.has("values")) {
      if (s.is_map()) {
        diagnostics.error(s.location(), tr("missing required field 'values' in series {}", std::to_string(k + 1)));
      }
      dataset.series.push_back(std::move(series));
      continue;
    }
    const YAML::Node values = s.node("values");
    if (!values.IsSequence()) {
      diagnostics.error(source.at(values), _("field 'values' must be a list like [249, 630, 789]"));
      dataset.series.push_back(std::move(series));
      continue;
    }
    bool split_by_comma = false;
    series.values = decode_values(values, series.name, source, diagnostics, dataset.decimals, split_by_comma);
    if (!split_by_comma && !dataset.labels.empty() && series.values.size() != dataset.labels.size()) {
      diagnostics.error(
          source.at(values),
          tr("series '{}' has {} for {}: write one value per label, in the same order (~ for a missing figure)",
             series.name, i18n::plural("{} value", "{} values", series.values.size()),
             i18n::plural("{} label", "{} labels", dataset.labels.size())));
    }
    if (dataset.chart == ChartType::donut || dataset.chart == ChartType::stacked_bar) {
      for (std::size_t i = 0; i < series.values.size(); ++i) {
        if (series.values[i] && *series.values[i] < 0) {
          diagnostics.error(source.at(values[i]),
                            tr("value '{}' of series '{}': a {} chart cannot show negative values",
                               format_plain(*series.values[i], dataset.decimals), series.name, chart_name));
        }
      }
    }
    dataset.series.push_back(std::move(series));
  }

  const bool single = dataset.chart == ChartType::bar || dataset.chart == ChartType::hbar ||
                      dataset.chart == ChartType::donut || dataset.chart == ChartType::region_map;
  if (single && dataset.series.size() > 1) {
    diagnostics.error(r.location_of("series"), tr("a {} chart shows one series, this one has {}: use grouped-bar (side "
                                                  "by side), stacked-bar (one on top of the other) or line",
                                                  chart_name, std::to_string(dataset.series.size())));
  } else if (dataset.series.size() > k_max_chart_series) {
    diagnostics.error(
        r.location_of("series"),
        tr("a chart shows at most {} series (one colour each), this one has {}: split the data into two files",
           std::to_string(k_max_chart_series), std::to_string(dataset.series.size())));
  }
  if (dataset.chart == ChartType::donut && dataset.labels.size() > k_max_chart_series) {
    diagnostics.error(r.location_of("labels"),
                      tr("a donut chart shows at most {} slices (one colour each), this one has {} labels: use hbar",
                         std::to_string(k_max_chart_series), std::to_string(dataset.labels.size())));
  }
  return dataset;
}

StatsCatalog decode_stats_index(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  StatsCatalog catalog;
  catalog.index_path = path;
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return catalog;
  }
  MapReader r(*root, source, diagnostics, "index.yaml",
              {"title", "intro", "highlights", "highlights_source", "themes"});
  if (!r.is_map()) {
    return catalog;
  }
  catalog.title = value_or(r.text("title", true));
  catalog.intro = value_or(r.text("intro", false));
  catalog.highlights_source = value_or(r.text("highlights_source", r.has("highlights")));
  int number = 0;
  for (const auto& node : r.map_list("highlights")) {
    MapReader h(node, source, diagnostics, tr("highlight {}", std::to_string(++number)),
                {"value", "prefix", "unit", "label"});
    Highlight highlight;
    highlight.prefix = value_or(h.text("prefix", false));
    highlight.unit = value_or(h.text("unit", false));
    highlight.label = value_or(h.text("label", true));
    if (auto value = h.text("value", true)) {
      if (auto parsed = parse_stat_number(value->value, &highlight.decimals)) {
        highlight.value = *parsed;
        warn_thousands(value->value, highlight.decimals, value->location, diagnostics);
      } else {
        diagnostics.error(value->location, tr("value '{}' of a highlight is not a number: write digits only, a point "
                                              "for decimals (4.99), no thousands separator (4592)",
                                              value->value));
        continue;
      }
    }
    if (!highlight.label.empty()) {
      catalog.highlights.push_back(std::move(highlight));
    }
  }
  if (!r.has("themes")) {
    diagnostics.error(r.location(), _("missing required field 'themes' in index.yaml"));
  }
  std::set<std::string> ids;
  number = 0;
  for (const auto& node : r.map_list("themes")) {
    MapReader t(node, source, diagnostics, tr("theme {}", std::to_string(++number)),
                {"id", "title", "description", "datasets"});
    StatsTheme theme;
    theme.location = t.location();
    if (auto id = t.text("id", true)) {
      if (!util::is_slug(id->value)) {
        diagnostics.error(id->location, tr("theme id '{}' must be lowercase letters, digits and hyphens (try '{}')",
                                           id->value, util::slugify(id->value)));
      } else if (!ids.insert(id->value).second) {
        diagnostics.error(id->location, tr("theme id '{}' appears twice", id->value));
      }
      theme.id = id->value;
    }
    theme.title = value_or(t.text("title", true));
    theme.description = value_or(t.text("description", false));
    theme.datasets = t.text_list("datasets", 1);
    catalog.themes.push_back(std::move(theme));
  }
  return catalog;
}

void check_stats_catalog(const StatsCatalog& catalog, DiagnosticBag& diagnostics) {
  std::vector<std::string> ids;
  for (const auto& dataset : catalog.datasets) {
    ids.push_back(dataset.id);
  }
  std::map<std::string, std::string> theme_of;  // dataset id -> theme id
  for (const auto& theme : catalog.themes) {
    for (const auto& entry : theme.datasets) {
      const auto& broken = catalog.broken_ids;
      if (std::find(broken.begin(), broken.end(), entry.value) != broken.end()) {
        continue;  // that file's own errors are reported already
      }
      if (catalog.find(entry.value) == nullptr) {
        diagnostics.error(entry.location, tr("no dataset '{}': there is no file stats/{}.yaml{}", entry.value,
                                             entry.value, util::did_you_mean_suffix(entry.value, ids)));
        continue;
      }
      const auto [it, inserted] = theme_of.emplace(entry.value, theme.id);
      if (!inserted) {
        diagnostics.error(
            entry.location,
            tr("dataset '{}' is already in theme '{}': each chart appears once on the page", entry.value, it->second));
      }
    }
  }
  if (catalog.index_path.empty()) {
    return;  // no index.yaml: load_stats reports that once
  }
  for (const auto& dataset : catalog.datasets) {
    if (theme_of.count(dataset.id) == 0) {
      diagnostics.error(
          {dataset.source_path, 1, 1},
          tr("dataset '{}' is on no theme, so no page shows it: add '{}' to the datasets of a theme in {}", dataset.id,
             dataset.id, catalog.index_path));
    }
  }
}

StatsCatalog load_stats(const util::FileSystem& fs, const std::string& content_dir, DiagnosticBag& diagnostics) {
  const std::string dir = util::join_path(content_dir, "stats");
  if (!fs.is_directory(dir)) {
    return {};
  }
  StatsCatalog catalog;
  std::vector<Dataset> datasets;
  std::vector<std::string> broken;
  bool any_dataset = false;
  std::string index_path;
  for (const auto& entry : fs.list_directory(dir)) {
    if (entry.is_directory || entry.name.starts_with(".")) {
      continue;
    }
    const std::string path = util::join_path(dir, entry.name);
    if (entry.name.ends_with(".yml")) {
      diagnostics.error({path, 0, 0}, tr("statistics files end in .yaml: rename it to {}.yaml",
                                         entry.name.substr(0, entry.name.size() - 4)));
      continue;
    }
    if (!entry.name.ends_with(".yaml")) {
      continue;  // README.md and the like
    }
    const auto text = fs.read_file(path, {content_dir, util::k_default_max_file_bytes});
    if (!text) {
      diagnostics.error({path, 0, 0}, tr("cannot read file: {}", text.error()));
      continue;
    }
    if (entry.name == k_index_file) {
      index_path = path;
      catalog = decode_stats_index(*text, path, diagnostics);
      continue;
    }
    any_dataset = true;
    if (auto dataset = decode_dataset(*text, path, diagnostics)) {
      datasets.push_back(std::move(*dataset));
    } else {
      broken.push_back(file_stem(path));
    }
  }
  if (index_path.empty() && any_dataset) {
    diagnostics.error({util::join_path(dir, k_index_file), 0, 0},
                      _("file missing: it gives the page /numeri/ its title and the themes that list the datasets (see "
                        "docs/content-format.md)"));
  }
  std::sort(datasets.begin(), datasets.end(), [](const Dataset& a, const Dataset& b) { return a.id < b.id; });
  catalog.datasets = std::move(datasets);
  catalog.broken_ids = std::move(broken);
  check_stats_catalog(catalog, diagnostics);
  return catalog;
}

}  // namespace vetrina
