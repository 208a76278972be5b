#pragma once
// `vetrina report`: an Italian usage report for editors, from the web
// server's access logs (access_log.h) and the search service's daily
// statistics (search/service/usage_file.h). UsageReport counts page views by
// people (bots dropped, search/service/bots.txt) and maps each URL to its
// story and taxonomy terms through the loaded Site, into ReportCounts
// (report_counts.h); render() makes the page and CSV files of them
// (report_page.h). Nothing personal is kept: the client address is never read,
// a user agent is reduced to "bot or not" and a device class, a referrer to
// its domain, a day is the finest time.
//
// Definitions (docs/usage-report.md): a page view is a GET answered 200 or
// 304 for a page (a path ending in '/' or ".html"); an entry is a page view
// whose referrer is not the site itself; a search in the log is a GET of
// /cerca/ or /api/search answered 200 with a non-empty q and no page beyond
// the first. Everything a visitor sent (paths, queries, referrers) is
// HTML-escaped in the page and made formula-safe in the CSV files.
// A UsageReport belongs to one thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "generator/model/site.h"
#include "generator/report/report_counts.h"
#include "generator/report/report_page.h"
#include "search/service/usage_file.h"

namespace vetrina {

class UsageReport {
 public:
  // `site` must outlive the report; its base_url tells the site's own
  // referrers from outside ones.
  explicit UsageReport(const Site& site);

  // One access-log line (any text: malformed lines are counted, not fatal).
  void add_log_line(std::string_view line);
  // One day of the search service's statistics.
  void add_usage_day(const search::UsageDay& day);

  const ReportTotals& totals() const { return m_counts.totals; }
  const ReportCounts& counts() const { return m_counts; }
  // The report: index.html and the CSV files, sorted by path (report_page.h).
  // `sources` (the files read) are listed on the page.
  std::vector<ReportFile> render(const std::vector<std::string>& sources) const;

 private:
  struct Classified;
  Classified classify(std::string_view path) const;
  void count_log_search(std::string_view query_string);
  std::uint8_t agent_flags(std::string_view user_agent);

  const Site& m_site;
  std::string m_own_host;                                  // "example.org" of base_url, without "www."
  std::unordered_map<std::string, std::uint8_t> m_agents;  // user agent -> bot bit + device
  ReportCounts m_counts;
};

}  // namespace vetrina
