#include "generator/charts/charts.h"

#include <doctest/doctest.h>

#include <algorithm>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/unit/xml_check.h"

namespace vetrina {
namespace {

const std::string k_nbsp = "\xC2\xA0";

ChartData sample(ChartType type, std::vector<std::string> labels, std::vector<ChartSeries> series,
                 std::string unit = "progetti", int decimals = 0) {
  ChartData chart;
  chart.id = "prova";
  chart.type = type;
  chart.title = "Progetti per anno";
  chart.unit = std::move(unit);
  chart.decimals = decimals;
  chart.labels = std::move(labels);
  chart.series = std::move(series);
  return chart;
}

std::vector<std::string> years(int from, int to) {
  std::vector<std::string> labels;
  for (int y = from; y <= to; ++y) {
    labels.push_back(std::to_string(y));
  }
  return labels;
}

std::vector<std::optional<double>> values(std::initializer_list<double> list) {
  return {list.begin(), list.end()};
}

// Every chart of every type the stats use, with awkward data: many
// categories, missing values, decimals, markup characters in names.
std::vector<ChartData> every_kind_of_chart() {
  std::vector<ChartData> charts;
  charts.push_back(sample(ChartType::bar, years(2005, 2020),
                          {{"Progetti", values({249, 630, 789, 955, 1204, 1076, 989, 1289, 1557, 1920, 2262, 3288, 3772,
                                                4592, 3864, 3640})}}));
  charts.push_back(
      sample(ChartType::bar, {"2014", "2016", "2018", "2020"}, {{"Quota", values({1.30, 2.57, 3.63, 4.99})}}, "%", 2));
  charts.push_back(
      sample(ChartType::line, years(2014, 2020), {{"Partecipanti", {314, 486, std::nullopt, 2251, 1604, 2930, 6012}}}));
  charts.push_back(sample(ChartType::grouped_bar, years(2014, 2020),
                          {{"Candidature", values({364, 409, 764, 1549, 1498, 1525, 1307})},
                           {"Nazionali", values({269, 332, 649, 1059, 1091, 1032, 804})},
                           {"Europei", values({154, 178, 402, 540, 710, 647, 514})}}));
  charts.push_back(sample(ChartType::stacked_bar, {"Decentrata", "Centralizzata", "Europea"},
                          {{"In presenza", values({40275, 1889, 790})}, {"Online", values({12500, 15360, 9512})}},
                          "docenti"));
  charts.push_back(sample(ChartType::hbar, {"Turchia", "Francia", "Spagna & <Polonia>"},
                          {{"Valore \"2020\"", values({300, 274, 112})}}, ""));
  charts.push_back(sample(ChartType::donut, {"Sì", "No"}, {{"Quota", values({96.63, 3.37})}}, "%", 2));
  std::vector<std::string> regions;
  std::vector<std::optional<double>> people;
  for (const auto& region : region_tiles()) {
    regions.emplace_back(region.id);
    people.emplace_back(regions.size() == 4 ? std::nullopt : std::optional<double>(double(regions.size())));
  }
  charts.push_back(sample(ChartType::region_map, regions, {{"Persone", people}}, "persone"));
  return charts;
}

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

// WCAG 2.1 relative luminance and contrast ratio of "#rrggbb" colours.
double luminance(const std::string& hex) {
  double channels[3];
  for (int i = 0; i < 3; ++i) {
    const double c = std::stoi(hex.substr(1 + 2 * static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0;
    channels[i] = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

double contrast(const std::string& a, const std::string& b) {
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The stylesheets of a chart page: the shared one (tokens) and charts.css.
std::string theme_css() {
  std::ostringstream text;
  for (const char* name : {"style.css", "charts.css"}) {
    std::ifstream in(std::string(VETRINA_SOURCE_DIR) + "/themes/etwinning/static/assets/" + name);
    text << in.rdbuf();
  }
  return text.str();
}

TEST_SUITE("charts") {
  TEST_CASE("Italian numbers: '.' groups thousands, ',' marks decimals, halves round away from zero") {
    struct Case {
      double value;
      int decimals;
      const char* expected;
    };
    const Case cases[] = {
        {4592, 0, "4.592"},
        {91658, 0, "91.658"},
        {1000000, 0, "1.000.000"},
        {249, 0, "249"},
        {0, 0, "0"},
        {4.99, 2, "4,99"},
        {1.3, 2, "1,30"},
        {96.63, 2, "96,63"},
        {-1234.5, 1, "-1.234,5"},
        {0.5, 0, "1"},
        {2.5, 0, "3"},
        {-2.5, 0, "-3"},
        {999.996, 2, "1.000,00"},
        {-0.004, 2, "0,00"},
        {12.05, 1, "12,1"},
        {32076, 0, "32.076"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.value);
      CAPTURE(c.decimals);
      CHECK(format_number(c.value, c.decimals) == c.expected);
    }
    CHECK(format_number(std::nan(""), 0) == "n.d.");
  }

  TEST_CASE("values: '%' follows the number after a no-break space; other units are left to the caption") {
    CHECK(format_value(4.99, 2, "%") == "4,99" + k_nbsp + "%");
    CHECK(format_value(4592, 0, "progetti") == "4.592");
    CHECK(format_quantity(4592, 0, "progetti") == "4.592 progetti");
    CHECK(format_quantity(4.99, 2, "%") == "4,99" + k_nbsp + "%");
    CHECK(format_quantity(12, 0, "") == "12");
  }

  TEST_CASE("plain numbers for CSV: '.' decimals and no grouping") {
    CHECK(format_plain(4592, 0) == "4592");
    CHECK(format_plain(1.3, 2) == "1.30");
    CHECK(format_plain(-1234.5, 1) == "-1234.5");
    CHECK(format_plain(1000000, 0) == "1000000");
  }

  TEST_CASE("nice_step picks 1, 2 or 5 times a power of ten") {
    CHECK(nice_step(4592, 5) == 1000);
    CHECK(nice_step(100, 5) == 20);
    CHECK(nice_step(19, 4) == 5);
    CHECK(nice_step(4.99, 5) == 1);
    CHECK(nice_step(0.37, 5) == doctest::Approx(0.1));
    CHECK(nice_step(10, 5) == 2);
    CHECK(nice_step(0, 5) == 1);
  }

  TEST_CASE("nice_ticks cover the data with round values") {
    const Ticks projects = nice_ticks(0, 4592, 5);
    CHECK(projects.values == std::vector<double>{0, 1000, 2000, 3000, 4000, 5000});
    const Ticks teachers = nice_ticks(0, 91658, 5);
    CHECK(teachers.values == std::vector<double>{0, 20000, 40000, 60000, 80000, 100000});
    const Ticks share = nice_ticks(0, 4.99, 5);
    CHECK(share.values == std::vector<double>{0, 1, 2, 3, 4, 5});
    const Ticks people = nice_ticks(0, 19, 4);
    CHECK(people.values == std::vector<double>{0, 5, 10, 15, 20});
    const Ticks small = nice_ticks(0, 0.37, 4);
    CHECK(small.values == std::vector<double>{0, 0.1, 0.2, 0.3, 0.4});  // exact: no 0.30000000000000004
    CHECK(small.decimals == 1);
    const Ticks negative = nice_ticks(-3, 7, 5);
    CHECK(negative.values == std::vector<double>{-5, 0, 5, 10});
    const Ticks flat = nice_ticks(5, 5, 5);
    CHECK(flat.min == 0);
    CHECK(flat.max >= 5);
  }

  TEST_CASE("nice_ticks: for any range, at most the intervals asked, a 1-2-5 step, the data inside") {
    for (double hi : {0.07, 0.9, 1.0, 3.0, 7.5, 12.0, 99.0, 101.0, 4592.0, 15466.0, 91658.0, 1e6}) {
      for (double lo : {0.0, -0.5 * hi, 0.3 * hi}) {
        for (int intervals = 2; intervals <= 6; ++intervals) {
          CAPTURE(lo);
          CAPTURE(hi);
          CAPTURE(intervals);
          const Ticks t = nice_ticks(lo, hi, intervals);
          CHECK(t.values.size() >= 2);
          CHECK(static_cast<int>(t.values.size()) - 1 <= intervals);
          CHECK(t.min <= lo);
          CHECK(t.max >= hi);
          const double exponent = std::floor(std::log10(t.step) + 1e-9);
          const double mantissa = std::round(t.step / std::pow(10.0, exponent));
          CHECK((mantissa == 1 || mantissa == 2 || mantissa == 5));
          for (std::size_t i = 1; i < t.values.size(); ++i) {
            CHECK(t.values[i] - t.values[i - 1] == doctest::Approx(t.step));
          }
        }
      }
    }
  }

  TEST_CASE("a linear scale maps the domain onto the range, also upside down (SVG y grows downwards)") {
    const LinearScale y{0, 5000, 200, 20};
    CHECK(y(0) == 200);
    CHECK(y(5000) == 20);
    CHECK(y(2500) == 110);
    const LinearScale degenerate{3, 3, 0, 10};
    CHECK(degenerate(3) == 5);
  }

  TEST_CASE("the tile map has the 20 regions of the taxonomy, each in its own cell") {
    const std::set<std::string> design = {"abruzzo",
                                          "basilicata",
                                          "calabria",
                                          "campania",
                                          "emilia-romagna",
                                          "friuli-venezia-giulia",
                                          "lazio",
                                          "liguria",
                                          "lombardia",
                                          "marche",
                                          "molise",
                                          "piemonte",
                                          "puglia",
                                          "sardegna",
                                          "sicilia",
                                          "toscana",
                                          "trentino-alto-adige",
                                          "umbria",
                                          "valle-d-aosta",
                                          "veneto"};
    std::set<std::string> ids;
    std::set<std::pair<int, int>> cells;
    std::set<std::string> codes;
    for (const auto& region : region_tiles()) {
      ids.insert(region.id);
      cells.insert({region.column, region.row});
      codes.insert(region.code);
      CHECK(std::string(region.code).size() == 3);
      CHECK(find_region(region.id) == &region);
    }
    CHECK(ids == design);
    CHECK(cells.size() == 20);
    CHECK(codes.size() == 20);
    CHECK(find_region("padania") == nullptr);
    // North above south: Valle d'Aosta on the first row, Sicily on the last.
    CHECK(find_region("valle-d-aosta")->row < find_region("toscana")->row);
    CHECK(find_region("toscana")->row < find_region("calabria")->row);
    CHECK(find_region("calabria")->row < find_region("sicilia")->row);
  }

  TEST_CASE("chart types: the names editors write") {
    CHECK(chart_type_names() ==
          std::vector<std::string>{"bar", "line", "stacked-bar", "grouped-bar", "hbar", "donut", "region-map"});
    for (const auto& name : chart_type_names()) {
      REQUIRE(parse_chart_type(name));
      CHECK(chart_type_name(*parse_chart_type(name)) == name);
    }
    CHECK(!parse_chart_type("pie"));
  }

  TEST_CASE("every chart is well-formed XML, labelled for assistive technology, scalable and coloured by CSS") {
    for (const ChartData& chart : every_kind_of_chart()) {
      CAPTURE(chart_type_name(chart.type));
      const std::string svg = render_chart(chart);
      CHECK(test::xml_error(svg) == "");
      CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart--" +
                            chart_type_name(chart.type) + "\" viewBox=\"0 0 320 "));
      CHECK(svg.find(" role=\"img\"") != std::string::npos);
      CHECK(svg.find(" aria-labelledby=\"chart-prova-title chart-prova-desc\"") != std::string::npos);
      CHECK(svg.find("<title id=\"chart-prova-title\">Progetti per anno</title>") != std::string::npos);
      CHECK(svg.find("<desc id=\"chart-prova-desc\">" + util::xml_escape(describe_chart(chart)) + "</desc>") !=
            std::string::npos);
      // Colours only through classes (the theme's custom properties).
      CHECK(svg.find("fill=") == std::string::npos);
      CHECK(svg.find("stroke=") == std::string::npos);
      CHECK(svg.find("style=") == std::string::npos);
      CHECK(svg.find('#') == std::string::npos);
      // One font size for all the text: 13 units of a 320-unit-wide viewBox.
      CHECK(all_matches(svg, "font-size=\"([^\"]*)\"") == std::vector<std::string>{"13"});
      // Every text and shape inside the viewBox.
      const double height = std::stod(all_matches(svg, "viewBox=\"0 0 320 ([0-9.]+)\"").at(0));
      for (const auto& x : all_matches(svg, " x=\"([-0-9.]+)\"")) {
        CHECK(std::stod(x) >= 0);
        CHECK(std::stod(x) <= 320);
      }
      for (const auto& y : all_matches(svg, " y=\"([-0-9.]+)\"")) {
        CHECK(std::stod(y) >= 0);
        CHECK(std::stod(y) <= height);
      }
    }
  }

  TEST_CASE("text is escaped: markup in labels and names stays text") {
    const ChartData chart = every_kind_of_chart()[5];  // hbar with "Spagna & <Polonia>"
    const std::string svg = render_chart(chart);
    CHECK(svg.find("Spagna &amp; &lt;Polonia&gt;") != std::string::npos);
    CHECK(svg.find("<Polonia>") == std::string::npos);
    ChartData quoted = chart;
    quoted.title = "I \"Paesi\" & gli anni";
    CHECK(render_chart(quoted).find(">I &quot;Paesi&quot; &amp; gli anni</title>") != std::string::npos);
  }

  TEST_CASE("value labels and ticks use Italian numbers") {
    const std::string bars = render_chart(every_kind_of_chart()[0]);
    CHECK(bars.find(">4.592<") != std::string::npos);
    CHECK(bars.find(">2.000<") != std::string::npos);  // a tick
    const std::string share = render_chart(every_kind_of_chart()[1]);
    CHECK(share.find(">4,99" + k_nbsp + "%<") != std::string::npos);
    CHECK(share.find(">5" + k_nbsp + "%<") != std::string::npos);  // the top tick
    const std::string donut = render_chart(every_kind_of_chart()[6]);
    CHECK(donut.find("Sì: 96,63" + k_nbsp + "%") != std::string::npos);  // the legend
  }

  TEST_CASE("few short categories stand as columns; many are laid out as rows, readable on a phone") {
    const std::string columns = render_chart(every_kind_of_chart()[1]);
    CHECK(columns.find("class=\"label\" text-anchor=\"middle\">2014<") != std::string::npos);
    const std::string rows = render_chart(every_kind_of_chart()[0]);
    CHECK(rows.find("class=\"label\" text-anchor=\"end\">2005<") != std::string::npos);
    CHECK(rows.find("class=\"label\" text-anchor=\"middle\"") == std::string::npos);
  }

  TEST_CASE("every value has a label, a tooltip, and 'n.d.' where it is missing") {
    const ChartData line = every_kind_of_chart()[2];
    const std::string svg = render_chart(line);
    CHECK(all_matches(svg, "<circle [^>]*><title>([^<]*)</title>").size() == 6);
    CHECK(svg.find("<title>2017: 2.251 progetti</title>") != std::string::npos);
    // The missing 2016 breaks the line in two.
    CHECK(all_matches(svg, "<path d=\"([^\"]*)\" class=\"line").size() == 1);
    CHECK(std::count(svg.begin(), svg.end(), 'M') == 2);
    CHECK(svg.find(">6.012<") != std::string::npos);  // the last value is always labelled

    const std::string grouped = render_chart(every_kind_of_chart()[3]);
    for (const char* value : {">1.549<", ">1.059<", ">540<", ">364<"}) {
      CHECK(grouped.find(value) != std::string::npos);
    }
    CHECK(grouped.find("<title>2017, Nazionali: 1.059 progetti</title>") != std::string::npos);
    CHECK(svg.find(">n.d.<") == std::string::npos);  // lines skip, they do not label, a missing point

    ChartData gap = every_kind_of_chart()[1];
    gap.series[0].values[1] = std::nullopt;
    const std::string with_gap = render_chart(gap);
    CHECK(with_gap.find(">n.d.<title>2016: n.d.</title>") != std::string::npos);
  }

  TEST_CASE("multi-series charts have a legend; stacked bars show their totals") {
    const std::string stacked = render_chart(every_kind_of_chart()[4]);
    CHECK(stacked.find("class=\"legend\" text-anchor=\"start\">In presenza<") != std::string::npos);
    CHECK(stacked.find("class=\"legend\" text-anchor=\"start\">Online<") != std::string::npos);
    CHECK(stacked.find(">52.775<") != std::string::npos);  // 40.275 + 12.500
    CHECK(stacked.find("class=\"c1 bar\"") != std::string::npos);
    CHECK(stacked.find("class=\"c2 bar\"") != std::string::npos);
    const std::string single = render_chart(every_kind_of_chart()[0]);
    CHECK(single.find("class=\"legend\"") == std::string::npos);
  }

  TEST_CASE("a donut of one full slice is a ring; slices that are too thin get no label on them") {
    ChartData full = every_kind_of_chart()[6];
    full.series[0].values = values({100, 0});
    const std::string ring = render_chart(full);
    CHECK(test::xml_error(ring) == "");
    CHECK(ring.find("fill-rule=\"evenodd\"") != std::string::npos);
    const std::string donut = render_chart(every_kind_of_chart()[6]);
    CHECK(donut.find("class=\"value n1\" text-anchor=\"middle\">96,63") != std::string::npos);
    CHECK(donut.find("class=\"value n2\"") == std::string::npos);  // 3,37 %: only in the legend
  }

  TEST_CASE("the region map colours each region by class, marks missing data and explains the scale") {
    const std::string map = render_chart(every_kind_of_chart()[7]);
    CHECK(all_matches(map, "<g class=\"tile ([a-z0-9]+)\"><title>").size() == 20);
    CHECK(map.find("<title>Piemonte: n.d.</title>") != std::string::npos);
    CHECK(map.find("<title>Sicilia: 20 persone</title>") != std::string::npos);
    CHECK(map.find(">SIC<") != std::string::npos);
    // Values 1..20 (one missing): ticks 0, 5, 10, 15, 20 make four classes.
    for (const char* legend : {">0–4<", ">5–9<", ">10–14<", ">15–20<", ">n.d.<", ">persone:<"}) {
      CAPTURE(legend);
      CHECK(map.find(legend) != std::string::npos);
    }
    CHECK(map.find("tile q1") != std::string::npos);
    CHECK(map.find("tile q5") != std::string::npos);
  }

  TEST_CASE("describe_chart sums a chart up in Italian for the <desc>") {
    const auto charts = every_kind_of_chart();
    CHECK(describe_chart(charts[1]) == "Grafico a barre: 2014 1,30" + k_nbsp + "%, 2016 2,57" + k_nbsp +
                                           "%, 2018 3,63" + k_nbsp + "%, 2020 4,99" + k_nbsp + "%.");
    CHECK(describe_chart(charts[0]) ==
          "Grafico a barre con 16 valori, da 2005 249 progetti a 2020 3.640 progetti; il più alto è 2018 4.592 "
          "progetti.");
    CHECK(describe_chart(charts[4]) ==
          "Grafico a barre sovrapposte con 2 serie (In presenza e Online): Decentrata: In presenza 40.275 docenti, "
          "Online 12.500 docenti; Centralizzata: In presenza 1.889 docenti, Online 15.360 docenti; Europea: In "
          "presenza 790 docenti, Online 9.512 docenti.");
    CHECK(describe_chart(charts[3]) ==
          "Grafico a barre affiancate con 3 serie (Candidature, Nazionali e Europei) per 7 voci, da 2014 a 2020. I "
          "valori sono nella tabella dei dati.");
    CHECK(describe_chart(charts[7]) ==
          "Mappa delle regioni italiane, a tessere colorate secondo il valore: il più alto è Sicilia 20 persone, il "
          "più basso Valle d'Aosta 1 persone; 1 regione senza dato.");
    ChartData custom = charts[0];
    custom.description = "Una descrizione scritta dalla redazione.";
    CHECK(render_chart(custom).find(">Una descrizione scritta dalla redazione.</desc>") != std::string::npos);
  }

  TEST_CASE("the theme colours every class the charts use, with enough contrast (WCAG 1.4.11 and 1.4.3)") {
    const std::string css = theme_css();
    std::map<std::string, std::string> colour;
    const std::regex property("--([a-z0-9-]+):\\s*(#[0-9a-fA-F]{6})");
    for (auto it = std::sregex_iterator(css.begin(), css.end(), property); it != std::sregex_iterator(); ++it) {
      colour[(*it)[1].str()] = (*it)[2].str();
    }
    const std::string paper = colour.at("paper");
    const std::string ink = colour.at("ink");
    for (std::size_t i = 1; i <= k_max_chart_series; ++i) {
      const std::string n = std::to_string(i);
      CAPTURE(n);
      // Shapes against the page (they are separated from each other by paper-coloured gaps).
      CHECK(contrast(colour.at("chart-" + n), paper) >= 3.0);
      // Value labels written on a shape of that colour.
      CHECK(contrast(colour.at("chart-" + n + "-text"), colour.at("chart-" + n)) >= 4.5);
      for (const char kind : {'c', 's', 'n'}) {
        CHECK(css.find(".chart ." + std::string(1, kind) + n + " {") != std::string::npos);
      }
      for (std::size_t j = 1; j < i; ++j) {
        CHECK(colour.at("chart-" + n) != colour.at("chart-" + std::to_string(j)));
      }
    }
    // The two series of two-series charts (yes/no, in presence/online) also against each other.
    CHECK(contrast(colour.at("chart-1"), colour.at("chart-2")) >= 3.0);
    CHECK(contrast(colour.at("chart-axis"), paper) >= 3.0);
    // The map's scale: dark text on the light shades, white on the dark ones, lightest to darkest.
    for (std::size_t i = 1; i <= 5; ++i) {
      const std::string shade = colour.at("chart-scale-" + std::to_string(i));
      CHECK(css.find(".chart .q" + std::to_string(i) + " rect {") != std::string::npos);
      CHECK(contrast(shade, i <= 3 ? ink : std::string("#ffffff")) >= 4.5);
      if (i > 1) {
        CHECK(luminance(shade) < luminance(colour.at("chart-scale-" + std::to_string(i - 1))));
      }
    }
    CHECK(css.find(".chart .q4 text, .chart .q5 text { fill: #ffffff; }") != std::string::npos);
  }

  TEST_CASE("output is deterministic") {
    for (const ChartData& chart : every_kind_of_chart()) {
      CHECK(render_chart(chart) == render_chart(chart));
    }
  }
}

}  // namespace
}  // namespace vetrina
