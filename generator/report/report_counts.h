#pragma once
// What `vetrina report` counted: the plain data that UsageReport
// (usage_report.h) fills from access logs and the search service's daily
// statistics, and that the report page (report_page.h) shows. No personal
// data: paths, normalised queries, referrer domains, device classes, days.
// Plain data: no locking, one thread at a time.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/service/user_agent.h"

namespace vetrina {

struct ReportTotals {
  std::uint64_t lines = 0;             // lines read
  std::uint64_t malformed = 0;         // not in combined format
  std::uint64_t bots = 0;              // requests by crawlers and scripts
  std::uint64_t page_views = 0;        // see usage_report.h
  std::uint64_t story_views = 0;       // page views of story pages
  std::uint64_t entries = 0;           // page views arriving from outside the site
  std::uint64_t log_searches = 0;      // searches seen in the log
  std::uint64_t service_searches = 0;  // searches counted by the service
  std::uint64_t service_zero = 0;      // ... of which without results
  std::uint64_t service_clicks = 0;    // results opened
};

// One query as the service counted it, over all its days.
struct SearchCount {
  std::uint64_t count = 0;
  std::uint64_t zero = 0;
  std::size_t results = 0;  // the largest number of results seen
};

struct ReportCounts {
  ReportTotals totals;

  // From the access logs.
  std::vector<std::uint64_t> story_views;                // by story index
  std::map<std::string, std::uint64_t> kind_views;       // page kind label -> views
  std::map<std::string, std::uint64_t> term_page_views;  // "/esperienze/livello/primaria/" -> views
  std::map<int, std::uint64_t> day_views;                // yyyymmdd -> views
  std::unordered_map<std::string, std::uint64_t> entry_pages;
  std::unordered_map<std::string, std::uint64_t> referrers;
  std::array<std::uint64_t, search::k_device_classes> devices{};
  std::unordered_map<std::string, std::uint64_t> log_queries;
  std::uint64_t log_queries_other = 0;  // distinct queries beyond the bound

  // From the service.
  std::map<std::string, SearchCount> service_queries;
  std::map<std::pair<std::string, std::string>, std::uint64_t> zero_searches;  // (query, filters)
  std::map<std::string, std::uint64_t> filters;                         // "livello=primaria" -> searches using it
  std::map<std::pair<std::string, std::string>, std::uint64_t> clicks;  // (query, url)
  std::array<std::uint64_t, search::k_device_classes> search_devices{};
  std::uint64_t service_other = 0;        // counts beyond the daily line limit
  std::vector<std::string> service_days;  // YYYY-MM-DD of each file read
};

}  // namespace vetrina
