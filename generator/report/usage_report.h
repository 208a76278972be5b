#pragma once
// `vetrina report`: an Italian usage report for editors, from the web
// server's access logs (access_log.h) and the search service's daily
// statistics (search/usage_stats.h). It counts page views by people (bots
// dropped, search/service/bots.txt), maps each URL to its story and taxonomy terms
// through the loaded Site, and renders one static page (index.html) with
// SVG charts (charts.h), tables, and a CSV file beside every table, like
// /numeri/. Nothing personal is kept: the client address is never read,
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

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "generator/model/site.h"
#include "search/service/usage_stats.h"

namespace vetrina {

struct ReportFile {
  std::string path;  // relative to the report folder: "index.html", "storie.csv"
  std::string content;
};

struct ReportTotals {
  std::uint64_t lines = 0;             // lines read
  std::uint64_t malformed = 0;         // not in combined format
  std::uint64_t bots = 0;              // requests by crawlers and scripts
  std::uint64_t page_views = 0;        // see the header
  std::uint64_t story_views = 0;       // page views of story pages
  std::uint64_t entries = 0;           // page views arriving from outside the site
  std::uint64_t log_searches = 0;      // searches seen in the log
  std::uint64_t service_searches = 0;  // searches counted by the service
  std::uint64_t service_zero = 0;      // ... of which without results
  std::uint64_t service_clicks = 0;    // results opened
};

class UsageReport {
 public:
  // `site` must outlive the report; its base_url tells the site's own
  // referrers from outside ones.
  explicit UsageReport(const Site& site);

  // One access-log line (any text: malformed lines are counted, not fatal).
  void add_log_line(std::string_view line);
  // One day of the search service's statistics.
  void add_usage_day(const search::UsageDay& day);

  const ReportTotals& totals() const { return m_totals; }
  // The report: index.html and the CSV files, sorted by path. `sources`
  // (the files read) are listed on the page.
  std::vector<ReportFile> render(const std::vector<std::string>& sources) const;

 private:
  struct SearchCount {
    std::uint64_t count = 0;
    std::uint64_t zero = 0;
    std::size_t results = 0;  // the largest number of results seen
  };
  struct Classified;
  Classified classify(std::string_view path) const;
  void count_log_search(std::string_view query_string);
  std::uint8_t agent_flags(std::string_view user_agent);

  const Site& m_site;
  std::string m_own_host;  // "example.org" of base_url, without "www."
  ReportTotals m_totals;
  std::vector<std::uint64_t> m_story_views;                // by story index
  std::map<std::string, std::uint64_t> m_kind_views;       // page kind label -> views
  std::map<std::string, std::uint64_t> m_term_page_views;  // "/esperienze/livello/primaria/" -> views
  std::map<int, std::uint64_t> m_day_views;                // yyyymmdd -> views
  std::unordered_map<std::string, std::uint64_t> m_entry_pages;
  std::unordered_map<std::string, std::uint64_t> m_referrers;
  std::array<std::uint64_t, search::k_device_classes> m_devices{};
  std::unordered_map<std::string, std::uint64_t> m_log_queries;
  std::uint64_t m_log_queries_other = 0;
  std::unordered_map<std::string, std::uint8_t> m_agents;  // user agent -> bot bit + device

  // From the service.
  std::map<std::string, SearchCount> m_service_queries;
  std::map<std::pair<std::string, std::string>, std::uint64_t> m_zero_searches;  // (query, filters)
  std::map<std::string, std::uint64_t> m_filters;                         // "livello=primaria" -> searches using it
  std::map<std::pair<std::string, std::string>, std::uint64_t> m_clicks;  // (query, url)
  std::array<std::uint64_t, search::k_device_classes> m_search_devices{};
  std::uint64_t m_service_other = 0;
  std::vector<std::string> m_service_days;
};

}  // namespace vetrina
