// The real content/ built as the binary builds it: every dataset of
// content/stats/ is published on /numeri/ with its chart (well-formed SVG),
// its table, its source and its CSV file, and the published figures agree
// with the totals that ../shared/facts/etwinning-italia-figures.md states
// (each check below names the sentence of the facts file it pins).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>

#include "generator/build/builder.h"
#include "generator/render/stats_data.h"
#include "tests/integration/search_fixture.h"
#include "tests/unit/xml_check.h"

namespace vetrina {
namespace {

using testing::TempDir;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// RFC 4180 as Italian spreadsheets read it: a UTF-8 byte order mark, fields
// separated by ';', records by CRLF, '"' quoting with '""'.
std::vector<std::vector<std::string>> parse_csv(const std::string& bytes) {
  REQUIRE_MESSAGE(bytes.starts_with("\xEF\xBB\xBF"), "the CSV does not start with a UTF-8 byte order mark");
  const std::string text = bytes.substr(3);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      REQUIRE_MESSAGE(c != '\n', "a bare LF in the CSV");
      field += c;
    }
  }
  REQUIRE_MESSAGE(rows.back().empty(), "the CSV does not end with CRLF");
  rows.pop_back();
  return rows;
}

struct Table {
  std::vector<std::string> lead;  // the rows before the header: title, "Fonte: ...", "Nota: ...", empty
  std::vector<std::string> header;
  std::map<std::string, std::vector<double>> rows;  // label -> values (NaN = empty)
  std::vector<std::string> order;

  double at(const std::string& label, std::size_t column) const { return rows.at(label).at(column); }
  double sum(std::size_t column) const {
    double total = 0;
    for (const auto& [label, values] : rows) {
      total += std::isnan(values.at(column)) ? 0 : values.at(column);
    }
    return total;
  }
};

class PublishedSite {
 public:
  PublishedSite() {
    BuildOptions options;
    options.content_dir = std::string(VETRINA_SOURCE_DIR) + "/content";
    options.theme_dir = std::string(VETRINA_SOURCE_DIR) + "/themes/etwinning";
    options.out_dir = m_dir.sub("public");
    options.index_dir = m_dir.sub("index");
    options.cache_dir = m_dir.sub("cache");
    options.jobs = 2;
    DiagnosticBag diagnostics;
    NullStatus status;
    const auto summary = build_site(util::DiskFileSystem(), options, diagnostics, status);
    INFO(format_all(diagnostics.sorted(), DiagnosticFormat::text, nullptr, false));
    REQUIRE(summary);
    const util::DiskFileSystem fs;
    DiagnosticBag again;
    m_site = load_content(fs, options.content_dir, LoadOptions{}, again);
  }
  std::string file(const std::string& relative) const { return slurp(m_dir.sub("public/" + relative)); }
  const Site& site() const { return m_site; }
  Table table(const std::string& id) const {
    const auto records = parse_csv(file("numeri/" + id + ".csv"));
    Table table;
    std::size_t r = 0;
    for (; r < records.size() && records[r] != std::vector<std::string>{""}; ++r) {
      REQUIRE(records[r].size() == 1);  // one field: a spreadsheet shows it whole in the first column
      table.lead.push_back(records[r][0]);
    }
    REQUIRE(r + 1 < records.size());
    table.header = records[r + 1];
    for (r += 2; r < records.size(); ++r) {
      REQUIRE(records[r].size() == table.header.size());
      std::vector<double> values;
      for (std::size_t c = 1; c < records[r].size(); ++c) {
        const std::string& field = records[r][c];
        CHECK(field.find('.') == std::string::npos);  // ',' decimals, no thousands separator
        values.push_back(field.empty() ? std::nan("") : std::stod(util::replace_all(field, ",", ".")));
      }
      table.rows[records[r][0]] = values;
      table.order.push_back(records[r][0]);
    }
    return table;
  }

 private:
  TempDir m_dir;
  Site m_site;
};

const PublishedSite& published() {
  static const PublishedSite site;
  return site;
}

// Text as the templates escape it (kainjow writes ' as &apos;).
std::string escaped(const std::string& text) {
  return util::replace_all(util::html_escape(text), "&#39;", "&apos;");
}

// The <figure> of a dataset on /numeri/.
std::string figure_of(const std::string& page, const std::string& id) {
  const auto start = page.find("<figure class=\"chart-figure\" id=\"" + id + "\">");
  REQUIRE_MESSAGE(start != std::string::npos, "no figure for " << id);
  const auto end = page.find("</figure>", start);
  REQUIRE(end != std::string::npos);
  return page.substr(start, end - start);
}

TEST_SUITE("statistics of the real site") {
  TEST_CASE("every dataset of content/stats/ is on /numeri/ with its chart, table, source and CSV") {
    const PublishedSite& site = published();
    const std::string page = site.file("numeri/index.html");
    const auto& datasets = site.site().stats.datasets;
    // Every series of the facts file (issue 4's list) is a dataset.
    CHECK(datasets.size() == 15);
    std::size_t listed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(VETRINA_SOURCE_DIR) + "/content/stats")) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".yaml") && name != "index.yaml") {
        ++listed;
      }
    }
    CHECK(listed == datasets.size());
    for (const auto& dataset : datasets) {
      CAPTURE(dataset.id);
      const std::string figure = figure_of(page, dataset.id);
      const auto svg_start = figure.find("<svg ");
      const auto svg_end = figure.find("</svg>");
      REQUIRE(svg_start != std::string::npos);
      REQUIRE(svg_end != std::string::npos);
      const std::string svg = figure.substr(svg_start, svg_end + 6 - svg_start);
      CHECK(test::xml_error(svg) == "");
      CHECK(svg.find(" role=\"img\"") != std::string::npos);
      CHECK(svg.find("<title id=\"chart-" + dataset.id + "-title\">") != std::string::npos);
      CHECK(svg.find("<desc id=\"chart-" + dataset.id + "-desc\">") != std::string::npos);
      CHECK(figure.find("<table>") != std::string::npos);
      CHECK(figure.find("<caption id=\"" + dataset.id + "-dati\">") != std::string::npos);
      CHECK(figure.find("<th scope=\"col\">" + escaped(dataset.labels_title) + "</th>") != std::string::npos);
      std::size_t rows = 0;
      for (auto at = figure.find("<th scope=\"row\">"); at != std::string::npos;
           at = figure.find("<th scope=\"row\">", at + 1)) {
        ++rows;
      }
      CHECK(rows == dataset.labels.size());
      CHECK(figure.find("Fonte: " + escaped(dataset.source)) != std::string::npos);
      if (!dataset.note.empty()) {
        CHECK(figure.find(escaped(dataset.note)) != std::string::npos);
      }
      CHECK(figure.find("<a href=\"/numeri/" + dataset.id + ".csv\" download>") != std::string::npos);
      const Table table = site.table(dataset.id);
      std::vector<std::string> lead = {dataset.title, "Fonte: " + dataset.source};
      if (!dataset.note.empty()) {
        lead.push_back("Nota: " + dataset.note);
      }
      CHECK(table.lead == lead);
      for (std::size_t i = 0; i < dataset.labels.size() && i < table.order.size(); ++i) {
        CHECK(table.order[i] == dataset_label(dataset, i));
      }
      for (std::size_t s = 0; s < dataset.series.size() && s + 1 < table.header.size(); ++s) {
        CHECK(table.header[s + 1] == dataset.series[s].name);
      }
      CHECK(table.header.front() == dataset.labels_title);
      CHECK(table.order.size() == dataset.labels.size());
      CHECK(table.header.size() == dataset.series.size() + 1);
      for (std::size_t s = 0; s < dataset.series.size(); ++s) {
        for (std::size_t i = 0; i < dataset.labels.size(); ++i) {
          const auto& value = dataset.series[s].values[i];
          const double published_value = table.at(table.order[i], s);
          CHECK(value.has_value() == !std::isnan(published_value));
          if (value) {
            CHECK(published_value == doctest::Approx(*value));
          }
        }
      }
    }
    // Themes group every dataset exactly once (the loader's rule), in the page's order.
    std::size_t on_themes = 0;
    for (const auto& theme : site.site().stats.themes) {
      on_themes += theme.datasets.size();
      CHECK(page.find("<section id=\"" + theme.id + "\"") != std::string::npos);
    }
    CHECK(on_themes == datasets.size());
    CHECK(site.file("sitemap.xml").find("<loc>https://etwinning.indire.it/numeri/</loc>") != std::string::npos);
    CHECK(site.file("index.html").find("<a href=\"/numeri/\"") != std::string::npos);  // the main menu
  }

  TEST_CASE("projects per year: 2005-2020 sum to 32,076, 2014-2020 average 3,334, 2020 is 3,640") {
    const Table projects = published().table("progetti-per-anno");
    CHECK(projects.order.front() == "2005");
    CHECK(projects.order.back() == "2020");
    CHECK(projects.order.size() == 16);
    CHECK(projects.sum(0) == 32076);
    double recent = 0;
    for (int year = 2014; year <= 2020; ++year) {
      recent += projects.at(std::to_string(year), 0);
    }
    CHECK(std::round(recent / 7) == 3334);
    CHECK(projects.at("2020", 0) == 3640);
  }

  TEST_CASE("teachers: every total is the previous total plus the new ones; 91,658 in 2020") {
    const Table added = published().table("docenti-nuovi-per-anno");
    const Table total = published().table("docenti-iscritti-totale");
    CHECK(total.order == added.order);
    double running = 0;
    for (const auto& year : total.order) {
      CAPTURE(year);
      running += added.at(year, 0);
      CHECK(total.at(year, 0) == running);
    }
    CHECK(total.at("2020", 0) == 91658);
    CHECK(total.at("2014", 0) == 23998);
  }

  TEST_CASE("quality labels 2014-2020: 7,416 applications, 5,236 national and 3,145 European labels") {
    const Table labels = published().table("certificati-di-qualita");
    CHECK(labels.order.size() == 7);
    CHECK(labels.sum(0) == 7416);
    CHECK(labels.sum(1) == 5236);
    CHECK(labels.sum(2) == 3145);
    for (const auto& year : labels.order) {
      CHECK(labels.at(year, 2) <= labels.at(year, 1));  // a European label needs a national one
      CHECK(labels.at(year, 1) <= labels.at(year, 0));
    }
  }

  TEST_CASE("regional training: 1,317 events, 52,775 participants; 96.63 % found it useful") {
    CHECK(published().table("eventi-regionali").sum(0) == 1317);
    CHECK(published().table("partecipanti-eventi-regionali").sum(0) == 52775);
    const Table satisfaction = published().table("soddisfazione-eventi-regionali");
    CHECK(satisfaction.at("Sì", 0) == 96.63);
    CHECK(satisfaction.sum(0) == doctest::Approx(100));
  }

  TEST_CASE("training 2014-2020: 80,326 teachers; online training and webinars as stated") {
    const Table trained = published().table("docenti-formati");
    CHECK(trained.sum(0) + trained.sum(1) == 80326);
    CHECK(trained.at("Decentrata", 0) == 40275);
    CHECK(trained.at("Europea", 1) == 9512);
    const Table online = published().table("formazione-online");
    CHECK(online.sum(0) == 314 + 486 + 1763 + 2251 + 1604 + 2930 + 6012);
    CHECK(published().table("gradimento-webinar").sum(0) == 99);  // "approx." in the facts: 63 + 34 + 2
  }

  TEST_CASE("media news 2014-2020 sum to 1,637; schools by level to 100 %; penetration 4.99 % in 2020") {
    CHECK(published().table("notizie-media").sum(0) == 1637);
    CHECK(published().table("scuole-per-livello").sum(0) == 100);
    CHECK(published().table("penetrazione").at("2020", 0) == 4.99);
    CHECK(published().table("paesi-partner").at("Turchia", 0) == 300);
  }

  TEST_CASE("ambassadors: 174 people, 24 of them in Piemonte or Lombardia, which the source leaves ambiguous") {
    const Table ambassadors = published().table("ambasciatori-per-regione");
    CHECK(ambassadors.order.size() == 20);
    CHECK(std::isnan(ambassadors.at("Piemonte", 0)));
    CHECK(std::isnan(ambassadors.at("Lombardia", 0)));
    CHECK(ambassadors.sum(0) + 19 + 5 == 174);
    const std::string figure = figure_of(published().file("numeri/index.html"), "ambasciatori-per-regione");
    CHECK(figure.find("i valori 19 e 5") != std::string::npos);
    CHECK(figure.find("il totale è 174") != std::string::npos);
  }

  TEST_CASE("the headline figures agree with the datasets they summarise") {
    const auto& highlights = published().site().stats.highlights;
    auto value_of = [&](const std::string& label_start) {
      for (const auto& highlight : highlights) {
        if (highlight.label.starts_with(label_start)) {
          return highlight.value;
        }
      }
      FAIL("no highlight '" << label_start << "'");
      return 0.0;
    };
    CHECK(value_of("docenti italiani iscritti") == published().table("docenti-iscritti-totale").at("2020", 0));
    CHECK(value_of("docenti formati") == 80326);
    CHECK(value_of("partecipanti agli eventi regionali") == published().table("partecipanti-eventi-regionali").sum(0));
    CHECK(value_of("Certificati di Qualità nazionali") == published().table("certificati-di-qualita").sum(1));
    CHECK(value_of("notizie su eTwinning") == published().table("notizie-media").sum(0));
    CHECK(value_of("dei docenti in Italia") == published().table("penetrazione").at("2020", 0));
    CHECK(value_of("progetti attivati") <= published().table("progetti-per-anno").sum(0));  // "oltre 32.000"
    const std::string page = published().file("numeri/index.html");
    CHECK(page.find("<span class=\"highlights__value\">91.658</span>") != std::string::npos);
    CHECK(page.find("<span class=\"highlights__prefix\">oltre</span> 32.000</span>") != std::string::npos);
    CHECK(page.find("<span class=\"highlights__value\">4,99\xC2\xA0%</span>") != std::string::npos);
  }
}

}  // namespace
}  // namespace vetrina
