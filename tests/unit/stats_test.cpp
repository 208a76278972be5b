#include "generator/content/stats_loader.h"
#include "generator/render/stats_data.h"

#include <doctest/doctest.h>

#include "generator/render/stats_page.h"
#include "tests/unit/test_support.h"
#include "tests/unit/xml_check.h"

namespace vetrina {
namespace {

const std::string k_path = "content/stats/progetti.yaml";

const char* const k_good = R"(title: "Progetti per anno"
source: "Unità nazionale eTwinning INDIRE"
note: "Ordine incerto"
chart: bar
unit: progetti
labels: [2018, 2019, 2020]
series:
  - {name: Progetti, values: [4592, 3864, 3640]}
)";

// The diagnostics of decoding `yaml` as content/stats/progetti.yaml.
std::string problems(const std::string& yaml, const std::string& path = k_path) {
  DiagnosticBag bag;
  decode_dataset(yaml, path, bag);
  return test::diagnostics_text(bag);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_SUITE("stats") {
  TEST_CASE("a dataset decodes into its chart, its table labels and its id from the file name") {
    DiagnosticBag bag;
    const auto dataset = decode_dataset(k_good, k_path, bag);
    CHECK(test::diagnostics_text(bag) == "");
    REQUIRE(dataset);
    CHECK(dataset->id == "progetti");
    CHECK(dataset->title == "Progetti per anno");
    CHECK(dataset->source == "Unità nazionale eTwinning INDIRE");
    CHECK(dataset->note == "Ordine incerto");
    CHECK(dataset->chart == ChartType::bar);
    CHECK(dataset->labels_title == "Anno");  // every label is a year
    CHECK(dataset->labels.size() == 3);
    REQUIRE(dataset->series.size() == 1);
    CHECK(dataset->series[0].values == std::vector<std::optional<double>>{4592, 3864, 3640});
    CHECK(dataset->csv_url() == "/numeri/progetti.csv");
    const ChartData chart = dataset_chart(*dataset);
    CHECK(chart.id == "progetti");
    CHECK(chart.unit == "progetti");
    CHECK(chart.labels == std::vector<std::string>{"2018", "2019", "2020"});
  }

  TEST_CASE("decimals are kept as written; ~ is a missing figure") {
    DiagnosticBag bag;
    const auto dataset = decode_dataset(replace(k_good, "[4592, 3864, 3640]", "[1.30, ~, 4.99]"), k_path, bag);
    CHECK(test::diagnostics_text(bag) == "");
    REQUIRE(dataset);
    CHECK(dataset->decimals == 2);
    CHECK(dataset->series[0].values == std::vector<std::optional<double>>{1.30, std::nullopt, 4.99});
    CHECK(dataset_csv(*dataset) ==
          "\xEF\xBB\xBFProgetti per anno\r\nFonte: Unità nazionale eTwinning INDIRE\r\n"
          "Nota: Ordine incerto\r\n\r\nAnno;Progetti\r\n2018;1,30\r\n2019;\r\n2020;4,99\r\n");
  }

  TEST_CASE("numbers: digits, an optional minus and one decimal point; nothing else") {
    int decimals = -1;
    CHECK(parse_stat_number("4592", &decimals) == 4592);
    CHECK(decimals == 0);
    CHECK(parse_stat_number("4.99", &decimals) == 4.99);
    CHECK(decimals == 2);
    CHECK(parse_stat_number("-3") == -3);
    for (const char* bad : {"4,99", "4.592.000", "1e3", "inf", "nan", "", "-", "4.", ".5", "+5", "12 %", "n.d."}) {
      CAPTURE(bad);
      CHECK(!parse_stat_number(bad));
    }
  }

  TEST_CASE("the CSV is RFC 4180 for Italian spreadsheets: BOM, ';', quotes where needed, CRLF, region names") {
    CHECK(csv_field("Roma") == "Roma");
    CHECK(csv_field("Bari; Lecce") == "\"Bari; Lecce\"");
    CHECK(csv_field("Bari, Lecce") == "\"Bari, Lecce\"");
    CHECK(csv_field("il \"Premio\"") == "\"il \"\"Premio\"\"\"");
    CHECK(csv_field("a\nb") == "\"a\nb\"");
    DiagnosticBag bag;
    const auto map = decode_dataset(R"(title: "Ambasciatori"
source: "INDIRE"
chart: region-map
labels: [valle-d-aosta, emilia-romagna]
series: [{name: "Ambasciatori, referenti", values: [2, 10]}]
)",
                                    "content/stats/mappa.yaml", bag);
    CHECK(test::diagnostics_text(bag) == "");
    REQUIRE(map);
    CHECK(map->labels_title == "Regione");
    CHECK(dataset_csv(*map) ==
          "\xEF\xBB\xBF"
          "Ambasciatori\r\nFonte: INDIRE\r\n\r\n"
          "Regione;\"Ambasciatori, referenti\"\r\nValle d'Aosta;2\r\nEmilia-Romagna;10\r\n");
  }

  // One case per rule, with the exact message an editor reads.
  TEST_CASE("required fields are reported where the dataset starts") {
    CHECK(problems(replace(k_good, "source: \"Unità nazionale eTwinning INDIRE\"\n", "")) ==
          "content/stats/progetti.yaml:1:1: error: missing required field 'source' in dataset\n");
    CHECK(problems(replace(k_good, "title: \"Progetti per anno\"\n", "")) ==
          "content/stats/progetti.yaml:1:1: error: missing required field 'title' in dataset\n");
    CHECK(problems("title: x\nsource: y\nchart: bar\nlabels: [a]\n") ==
          "content/stats/progetti.yaml:1:1: error: missing required field 'series' in dataset\n");
    CHECK(problems(replace(k_good, "{name: Progetti, values: [4592, 3864, 3640]}", "{name: Progetti}")) ==
          "content/stats/progetti.yaml:8:5: error: missing required field 'values' in series 1\n");
  }

  TEST_CASE("unknown chart types and unknown fields get a suggestion") {
    CHECK(problems(replace(k_good, "chart: bar", "chart: linea")) ==
          "content/stats/progetti.yaml:4:8: error: unknown chart type 'linea': use bar, line, stacked-bar, "
          "grouped-bar, hbar, donut or region-map (did you mean 'line'?)\n");
    CHECK(problems(replace(k_good, "chart: bar", "chart: torta")) ==
          "content/stats/progetti.yaml:4:8: error: unknown chart type 'torta': use bar, line, stacked-bar, "
          "grouped-bar, hbar, donut or region-map (did you mean 'donut'?)\n");
    CHECK(problems(replace(k_good, "chart: bar", "chart: spirale")) ==
          "content/stats/progetti.yaml:4:8: error: unknown chart type 'spirale': use bar, line, stacked-bar, "
          "grouped-bar, hbar, donut or region-map\n");
    CHECK(problems(replace(k_good, "unit: progetti", "unita: progetti")) ==
          "content/stats/progetti.yaml:5:1: error: unknown field 'unita' in dataset (did you mean 'unit'?)\n");
  }

  TEST_CASE("every series has one value per label") {
    CHECK(problems(replace(k_good, "[4592, 3864, 3640]", "[4592, 3864]")) ==
          "content/stats/progetti.yaml:8:30: error: series 'Progetti' has 2 values for 3 labels: write one value "
          "per label, in the same order (~ for a missing figure)\n");
  }

  TEST_CASE("values are numbers written the YAML way, not the Italian way") {
    CHECK(problems(replace(k_good, "3864", "n.d.")) ==
          "content/stats/progetti.yaml:8:37: error: value 'n.d.' of series 'Progetti' is not a number: write "
          "digits only, a point for decimals (4.99), no thousands separator (4592), or ~ for a missing figure\n");
    CHECK(problems(replace(k_good, "[4592, 3864, 3640]", "[4592, 3864, 36 40]")) ==
          "content/stats/progetti.yaml:8:43: error: value '36 40' of series 'Progetti' is not a number: write "
          "digits only, a point for decimals (4.99), no thousands separator (4592), or ~ for a missing figure\n");
    CHECK(problems(replace(k_good, "  - {name: Progetti, values: [4592, 3864, 3640]}",
                           "  - name: Progetti\n    values:\n      - 4592\n      - 3,5\n      - 3640")) ==
          "content/stats/progetti.yaml:11:9: error: value '3,5' of series 'Progetti' is not a number: write "
          "decimals with a point (4.99, not 4,99)\n");
  }

  TEST_CASE("a decimal comma inside [ ] splits a number in two: that is said, not a count of values") {
    CHECK(problems(replace(k_good, "[4592, 3864, 3640]", "[4,99, 3.86, 3.64]")) ==
          "content/stats/progetti.yaml:8:31: error: a number with a decimal comma is read as two values: write "
          "decimals with a point (4.99, not 4,99)\n");
  }

  TEST_CASE("three decimals look like an Italian thousands separator: a warning") {
    CHECK(problems(replace(k_good, "3864", "3.864")) ==
          "content/stats/progetti.yaml:8:37: warning: value '3.864' is read as a number with three decimals: if you "
          "mean 3864, write it without the point (no thousands separator in YAML)\n");
    CHECK(problems(replace(k_good, "3864", "3.86")) == "");
  }

  TEST_CASE("labels are unique") {
    CHECK(problems(replace(k_good, "[2018, 2019, 2020]", "[2018, 2019, 2019]")) ==
          "content/stats/progetti.yaml:6:22: error: label '2019' appears twice: each label is one bar, point, "
          "slice or region\n");
  }

  TEST_CASE("series names are unique") {
    CHECK(problems(replace(k_good, "chart: bar", "chart: line") + "  - {name: Progetti, values: [1, 2, 3]}\n") ==
          "content/stats/progetti.yaml:9:12: error: two series are called 'Progetti': give each its own name (it "
          "heads its column in the table)\n");
  }

  TEST_CASE("one series for bar, hbar, donut and region-map; at most six for the others") {
    CHECK(problems(k_good + std::string("  - {name: Altri, values: [1, 2, 3]}\n")) ==
          "content/stats/progetti.yaml:8:3: error: a bar chart shows one series, this one has 2: use grouped-bar "
          "(side by side), stacked-bar (one on top of the other) or line\n");
    std::string seven = replace(k_good, "chart: bar", "chart: line");
    for (int i = 2; i <= 7; ++i) {
      seven += "  - {name: S" + std::to_string(i) + ", values: [1, 2, 3]}\n";
    }
    CHECK(problems(seven) ==
          "content/stats/progetti.yaml:8:3: error: a chart shows at most 6 series (one colour each), this one has "
          "7: split the data into two files\n");
    CHECK(problems(R"(title: t
source: s
chart: donut
labels: [a, b, c, d, e, f, g]
series: [{name: n, values: [1, 1, 1, 1, 1, 1, 1]}]
)") == "content/stats/progetti.yaml:4:9: error: a donut chart shows at most 6 slices (one colour each), this one "
       "has 7 labels: use hbar\n");
  }

  TEST_CASE("donuts and stacked bars cannot show negative values") {
    CHECK(problems(replace(replace(k_good, "chart: bar", "chart: donut"), "3864", "-3864")) ==
          "content/stats/progetti.yaml:8:37: error: value '-3864' of series 'Progetti': a donut chart cannot show "
          "negative values\n");
    CHECK(problems(replace(k_good, "3864", "-3864")) == "");  // bars go below zero
  }

  TEST_CASE("the labels of a region-map are region ids") {
    CHECK(problems(R"(title: t
source: s
chart: region-map
labels: [lombarda, veneto, Narnia]
series: [{name: n, values: [1, 2, 3]}]
)") == "content/stats/progetti.yaml:4:10: error: 'lombarda' is not a region: the labels of a region-map are region "
       "ids like emilia-romagna or valle-d-aosta (did you mean 'lombardia'?)\n"
       "content/stats/progetti.yaml:4:28: error: 'Narnia' is not a region: the labels of a region-map are region "
       "ids like emilia-romagna or valle-d-aosta\n");
  }

  TEST_CASE("the file name becomes an address, so it must be a slug") {
    CHECK(problems(k_good, "content/stats/Progetti per anno.yaml") ==
          "content/stats/Progetti per anno.yaml:1:1: error: the file name 'Progetti per anno.yaml' cannot be part of "
          "an address: use lowercase letters, digits and hyphens (rename it to 'progetti-per-anno.yaml')\n");
  }

  TEST_CASE("index.yaml: title, highlights and themes") {
    DiagnosticBag bag;
    const StatsCatalog catalog = decode_stats_index(R"(title: "eTwinning in numeri"
intro: "Introduzione"
highlights_source: "INDIRE"
highlights:
  - {value: 32000, prefix: oltre, label: "progetti"}
  - {value: 4.99, unit: "%", label: "dei docenti"}
  - {value: "trentamila", label: "sbagliato"}
  - {value: 32.000, label: "ambiguo"}
themes:
  - {id: community, title: "Progetti e docenti", datasets: [progetti, docenti]}
  - {id: Formazione!, title: "Formazione", datasets: [eventi]}
  - {id: community, title: "Doppio", datasets: [altro]}
)",
                                                    "content/stats/index.yaml", bag);
    CHECK(test::diagnostics_text(bag) ==
          "content/stats/index.yaml:7:13: error: value 'trentamila' of a highlight is not a number: write digits "
          "only, a point for decimals (4.99), no thousands separator (4592)\n"
          "content/stats/index.yaml:8:13: warning: value '32.000' is read as a number with three decimals: if you "
          "mean 32000, write it without the point (no thousands separator in YAML)\n"
          "content/stats/index.yaml:11:10: error: theme id 'Formazione!' must be lowercase letters, digits and "
          "hyphens (try 'formazione')\n"
          "content/stats/index.yaml:12:10: error: theme id 'community' appears twice\n");
    CHECK(catalog.title == "eTwinning in numeri");
    REQUIRE(catalog.highlights.size() == 3);
    CHECK(catalog.highlights[0].prefix == "oltre");
    CHECK(catalog.highlights[1].decimals == 2);
    CHECK(catalog.themes.size() == 3);
    CHECK(catalog.themes[0].datasets.size() == 2);
  }

  TEST_CASE("load_stats: every dataset on exactly one theme, every theme entry a file") {
    util::MemoryFileSystem fs;
    fs.add_file("content/stats/index.yaml", R"(title: "Numeri"
themes:
  - {id: uno, title: "Uno", datasets: [progetti, progeti]}
  - {id: due, title: "Due", datasets: [progetti, rotto]}
)");
    fs.add_file("content/stats/progetti.yaml", k_good);
    fs.add_file("content/stats/orfano.yaml", k_good);
    fs.add_file("content/stats/rotto.yaml", "title: [\n");
    fs.add_file("content/stats/README.md", "Leggimi");
    fs.add_file("content/stats/vecchio.yml", k_good);
    DiagnosticBag bag;
    const StatsCatalog catalog = load_stats(fs, "content", bag);
    CHECK(test::diagnostics_text(bag) ==
          "content/stats/index.yaml:3:50: error: no dataset 'progeti': there is no file stats/progeti.yaml (did "
          "you mean 'progetti'?)\n"
          "content/stats/index.yaml:4:40: error: dataset 'progetti' is already in theme 'uno': each chart appears "
          "once on the page\n"
          "content/stats/orfano.yaml:1:1: error: dataset 'orfano' is on no theme, so no page shows it: add "
          "'orfano' to the datasets of a theme in content/stats/index.yaml\n"
          "content/stats/rotto.yaml:2:1: error: a list opened with '[' or a group opened with '{' is not closed: "
          "check that every '[' has its ']' and every '{' its '}' on the same line\n"
          "content/stats/vecchio.yml: error: statistics files end in .yaml: rename it to vecchio.yaml\n");
    CHECK(catalog.datasets.size() == 2);
    CHECK(catalog.find("progetti") != nullptr);
    CHECK(catalog.find("nessuno") == nullptr);
  }

  TEST_CASE("load_stats: datasets without index.yaml, and no stats folder at all") {
    util::MemoryFileSystem fs;
    fs.add_file("content/stats/progetti.yaml", k_good);
    DiagnosticBag bag;
    load_stats(fs, "content", bag);
    CHECK(test::diagnostics_text(bag) ==
          "content/stats/index.yaml: error: file missing: it gives the page /numeri/ its title and the themes that "
          "list the datasets (see docs/content-format.md)\n");
    util::MemoryFileSystem none;
    DiagnosticBag quiet;
    CHECK(load_stats(none, "content", quiet).empty());
    CHECK(!quiet.has_errors());
  }
}

TEST_SUITE("stats page") {
  Site site_with_stats() {
    util::MemoryFileSystem fs = test::tiny_site();
    fs.add_file("content/stats/index.yaml", R"(title: "eTwinning in numeri"
intro: "I numeri."
highlights_source: "INDIRE"
highlights: [{value: 4.99, unit: "%", label: "dei docenti"}, {value: 32000, prefix: oltre, label: "progetti"}]
themes:
  - {id: community, title: "Progetti & docenti", datasets: [progetti]}
)");
    fs.add_file("content/stats/progetti.yaml", k_good);
    return test::load_clean(fs);
  }

  TEST_CASE("/numeri/ is published only when the site has statistics") {
    CHECK(stats_page_urls(site_with_stats()) == std::vector<std::string>{"/numeri/"});
    Site bare;
    CHECK(stats_page_urls(bare).empty());
  }

  TEST_CASE("the page view: highlights in Italian, themes in order, chart, table rows and CSV link") {
    const Site site = site_with_stats();
    util::MemoryFileSystem fs;
    fs.add_file("t/templates/numeri.mustache",
                "{{#numbers}}{{title}}|{{#highlights}}[{{prefix}} {{value}} {{label}}]{{/highlights}}|"
                "{{highlights_source}}|{{#themes}}<{{id}}:{{title}}>{{#datasets}}{{id}} {{csv_url}} {{note}} "
                "{{source}}{{#table}}({{caption}};{{labels_title}};{{#columns}}{{name}}{{/columns}};"
                "{{#rows}}{{label}}={{#cells}}{{value}}{{/cells}} {{/rows}}){{/table}}{{{svg}}}{{/datasets}}"
                "{{/themes}}{{/numbers}}");
    DiagnosticBag bag;
    const auto theme = Theme::load(fs, "t", {"numeri"}, bag);
    REQUIRE(theme);
    const auto files = render_stats_pages(site, *theme);
    REQUIRE(files.size() == 2);
    CHECK(files[0].path == "numeri/index.html");
    CHECK(files[1].path == "numeri/progetti.csv");
    CHECK(files[1].content ==
          "\xEF\xBB\xBFProgetti per anno\r\nFonte: Unità nazionale eTwinning INDIRE\r\n"
          "Nota: Ordine incerto\r\n\r\nAnno;Progetti\r\n2018;4592\r\n2019;3864\r\n2020;3640\r\n");
    const std::string& page = files[0].content;
    CHECK(
        page.starts_with("eTwinning in numeri|[ 4,99\xC2\xA0% dei docenti][oltre 32.000 progetti]|INDIRE|"
                         "<community:Progetti &amp; docenti>progetti /numeri/progetti.csv Ordine incerto "
                         "Unità nazionale eTwinning INDIRE(Progetti per anno (progetti);Anno;Progetti;"
                         "2018=4.592 2019=3.864 2020=3.640 )<svg "));
    const auto svg = page.substr(page.find("<svg "));
    CHECK(test::xml_error(svg) == "");
  }
}

}  // namespace
}  // namespace vetrina
