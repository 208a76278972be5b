#include "generator/report/usage_report.h"

#include <doctest/doctest.h>

#include "test_support.h"

namespace vetrina {

namespace {

const char* const k_browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";
const char* const k_phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) Mobile/15E148 Safari/604.1";

std::string line(const std::string& day, const std::string& target, int status, const std::string& referrer,
                 const std::string& agent) {
  return "198.51.100.7 - - [" + day + "/Dec/2026:10:00:00 +0100] \"GET " + target + " HTTP/1.1\" " +
         std::to_string(status) + " 100 \"" + referrer + "\" \"" + agent + "\"";
}

Site two_stories() {
  auto fs = test::tiny_site();
  test::add_story(fs, "orto", test::StoryText().set("title", "\"Orto\"").set("levels", "[primaria, infanzia]"));
  test::add_story(fs, "mare", test::StoryText().set("title", "\"Mare\"").set("levels", "[secondaria-1]"));
  return test::load_clean(fs);
}

std::string file_of(const std::vector<ReportFile>& files, const std::string& path) {
  for (const auto& file : files) {
    if (file.path == path) {
      return file.content;
    }
  }
  FAIL("no file " << path);
  return "";
}

}  // namespace

TEST_CASE("page views by story, term, day; bots and malformed lines left out") {
  const Site site = two_stories();
  UsageReport report(site);
  report.add_log_line(line("01", "/esperienze/orto/", 200, "https://www.google.com/search", k_browser));
  report.add_log_line(line("01", "/esperienze/orto/index.html", 304, "https://etwinning.example.it/", k_phone));
  report.add_log_line(line("02", "/esperienze/mare/", 200, "-", k_browser));
  report.add_log_line(line("02", "/esperienze/livello/primaria/pagina/2/", 200, "-", k_browser));
  report.add_log_line(line("02", "/esperienze/orto/", 200, "-", "Googlebot/2.1"));
  report.add_log_line(line("02", "/esperienze/orto/", 404, "-", k_browser));
  report.add_log_line(line("02", "/assets/style.css", 200, "-", k_browser));
  report.add_log_line("not a log line");
  const ReportTotals& totals = report.totals();
  CHECK(totals.lines == 8);
  CHECK(totals.malformed == 1);
  CHECK(totals.bots == 1);
  CHECK(totals.page_views == 4);
  CHECK(totals.story_views == 3);
  CHECK(totals.entries == 3);  // the second view came from the site itself
  const auto files = report.render({});
  CHECK(file_of(files, "storie.csv") ==
        "Esperienza,Indirizzo,Pagine viste\nOrto,/esperienze/orto/,2\nMare,/esperienze/mare/,1\n");
  CHECK(file_of(files, "giorni.csv") == "Giorno,Pagine viste\n2026-12-01,2\n2026-12-02,2\n");
  const std::string levels = file_of(files, "livelli.csv");
  CHECK(levels.find("Scuola dell'infanzia,2,0\n") != std::string::npos);
  CHECK(levels.find("Scuola primaria,2,1\n") != std::string::npos);
  CHECK(levels.find("Scuola secondaria di I grado,1,0\n") != std::string::npos);
  CHECK(file_of(files, "provenienze.csv") ==
        "Dominio,Ingressi\n(nessuna: accesso diretto o referrer nascosto),2\ngoogle.com,1\n");
  CHECK(file_of(files, "dispositivi.csv").find("Computer,4,0\n") == std::string::npos);
  CHECK(file_of(files, "dispositivi.csv").find("Computer,3,0\nTelefono,1,0\n") != std::string::npos);
}

TEST_CASE("searches from the log and from the service; hostile text is escaped and formula-safe") {
  const Site site = two_stories();
  UsageReport report(site);
  report.add_log_line(line("03", "/cerca/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 200, "-", k_browser));
  report.add_log_line(line("03", "/cerca/?q=Orto+Scuola&page=2", 200, "-", k_browser));
  report.add_log_line(line("03", "/api/search?q=orto+scuola", 200, "-", k_browser));
  report.add_log_line(line("03", "/esperienze/mare/", 200, "http://\\x22><img src=x onerror=alert(2)>/", k_browser));
  search::UsageDay day;
  day.day = "2026-12-03";
  day.counts[search::search_key(search::DeviceClass::computer, 0, "livello=primaria", "=cmd|calc")] = 2;
  day.counts[search::search_key(search::DeviceClass::computer, 3, "", "orto")] = 5;
  day.counts[search::click_key(search::DeviceClass::telefono, "/esperienze/orto/", "orto")] = 4;
  report.add_usage_day(day);
  CHECK(report.totals().log_searches == 2);
  CHECK(report.totals().service_searches == 7);
  CHECK(report.totals().service_zero == 2);
  CHECK(report.totals().service_clicks == 4);
  const auto files = report.render({"<log>"});
  const std::string html = file_of(files, "index.html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;log&gt;") != std::string::npos);
  CHECK(file_of(files, "provenienze.csv") ==
        "Dominio,Ingressi\n(nessuna: accesso diretto o referrer nascosto),2\n\\x22><img src=x onerror=alert(2)>,1\n");
  CHECK(file_of(files, "ricerche-senza-risultati.csv") == "Ricerca,Filtri,Volte\n'=cmd|calc,livello=primaria,2\n");
  CHECK(file_of(files, "risultati-aperti.csv") == "Ricerca,Esperienza aperta,Volte\norto,Orto,4\n");
  CHECK(file_of(files, "ricerche-log.csv") == "Ricerca,Volte\n<script>alert(1)</script>,1\norto scuola,1\n");
  CHECK(file_of(files, "filtri.csv") == "Filtro,Ricerche\nlivello=primaria,2\n");
}

}  // namespace vetrina

namespace vetrina {

TEST_CASE("what a visitor sends cannot make the report grow without bound") {
  const Site site = two_stories();
  UsageReport report(site);
  const std::string long_host(5000, 'a');
  report.add_log_line(line("04", "/esperienze/orto/", 200, "https://" + long_host + "/", k_browser));
  report.add_log_line(line("04", "/" + std::string(3000, 'x') + "/", 200, "-", k_browser));
  const auto files = report.render({});
  CHECK(file_of(files, "provenienze.csv") ==
        "Dominio,Ingressi\n(dominio non valido),1\n(nessuna: accesso diretto o referrer nascosto),1\n");
  CHECK(file_of(files, "ingressi.csv") == "Pagina,Ingressi\n(altre pagine),1\n/esperienze/orto/,1\n");
  CHECK(file_of(files, "index.html").find(std::string(200, 'x')) == std::string::npos);
}

}  // namespace vetrina
