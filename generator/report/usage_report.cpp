#include "generator/report/usage_report.h"

#include <algorithm>
#include <optional>

#include "generator/report/access_log.h"
#include "generator/util/strings.h"
#include "search/service/user_agent.h"

namespace vetrina {

namespace {

// Bounds on what visitors can make grow (spam referrers, random queries).
constexpr std::size_t k_max_distinct = 200'000;
constexpr std::size_t k_max_agents = 100'000;
constexpr std::uint8_t k_bot_flag = 0x80;

const char* const k_other_pages = "(altre pagine)";
const char* const k_direct = "(nessuna: accesso diretto o referrer nascosto)";

// The host of a URL ("https://www.Example.org:443/x" -> "example.org"),
// lowercase, without "www."; "" when there is none.
std::string host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) {
    return "";
  }
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    rest = rest.substr(at + 1);  // user:password@ is never shown
  }
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
    rest = rest.substr(0, colon);
  }
  if (rest.size() > 253) {
    return "(dominio non valido)";  // longer than any DNS name
  }
  std::string host = util::to_lower_ascii(rest);
  if (host.starts_with("www.")) {
    host.erase(0, 4);
  }
  return host;
}

// The value of parameter `name` in a query string, decoded ('+' = space);
// nullopt when it is not there ("" when it has no value).
std::optional<std::string> param_value(std::string_view query, std::string_view name) {
  std::size_t start = 0;
  while (start <= query.size()) {
    const auto end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      if (eq == std::string_view::npos) {
        return std::string();
      }
      return util::url_decode(util::replace_all(pair.substr(eq + 1), "+", " "));
    }
    start = end + 1;
  }
  return std::nullopt;
}

void bump(std::unordered_map<std::string, std::uint64_t>& counts, std::string key, std::uint64_t& overflow) {
  if (auto found = counts.find(key); found != counts.end()) {
    ++found->second;
  } else if (counts.size() < k_max_distinct) {
    counts.emplace(std::move(key), 1);
  } else {
    ++overflow;
  }
}

}  // namespace

struct UsageReport::Classified {
  const char* kind = nullptr;  // nullptr: not a page
  std::string canonical;       // the page's URL when the site knows it, else ""
  std::ptrdiff_t story = -1;
};

UsageReport::UsageReport(const Site& site) : m_site(site), m_own_host(host_of(site.config.base_url)) {
  m_counts.story_views.assign(site.stories.size(), 0);
}

std::uint8_t UsageReport::agent_flags(std::string_view user_agent) {
  if (auto found = m_agents.find(std::string(user_agent)); found != m_agents.end()) {
    return found->second;
  }
  const search::AgentClass agent = search::classify_agent(user_agent);
  const auto flags = static_cast<std::uint8_t>((agent.bot ? k_bot_flag : 0) | static_cast<std::uint8_t>(agent.device));
  if (m_agents.size() < k_max_agents && user_agent.size() <= 512) {
    m_agents.emplace(std::string(user_agent), flags);
  }
  return flags;
}

UsageReport::Classified UsageReport::classify(std::string_view raw_path) const {
  Classified out;
  std::string path = util::url_decode(raw_path);
  if (path.ends_with("/index.html")) {
    path.resize(path.size() - 10);
  }
  if (path.empty() || path[0] != '/' || (!path.ends_with("/") && !path.ends_with(".html")) || path == "/404.html") {
    return out;
  }
  // Pagination: /esperienze/pagina/2/, /esperienze/livello/primaria/pagina/2/
  if (const auto at = path.rfind("/pagina/"); at != std::string::npos && at > 0) {
    const std::string_view number = std::string_view(path).substr(at + 8);
    if (number.size() >= 2 && number.back() == '/' &&
        std::all_of(number.begin(), number.end() - 1, [](char c) { return c >= '0' && c <= '9'; })) {
      path.resize(at + 1);
    }
  }
  std::vector<std::string_view> parts;
  std::size_t start = 1;
  while (start < path.size()) {
    const auto end = path.find('/', start);
    if (end == std::string::npos) {
      parts.emplace_back(std::string_view(path).substr(start));
      break;
    }
    parts.emplace_back(std::string_view(path).substr(start, end - start));
    start = end + 1;
  }
  out.kind = "Altre pagine";
  const auto known = [&](const char* kind) {
    out.kind = kind;
    out.canonical = path;
  };
  if (parts.empty()) {
    known("Home");
  } else if (parts[0] == "esperienze") {
    if (parts.size() == 1) {
      known("Elenco delle esperienze");
    } else if (parts.size() == 2) {
      if (const auto found = m_site.story_index.find(std::string(parts[1])); found != m_site.story_index.end()) {
        known("Esperienze (storie)");
        out.story = static_cast<std::ptrdiff_t>(found->second);
      } else {
        for (const auto& taxonomy : m_site.taxonomies) {
          if (!taxonomy.segment.empty() && parts[1] == taxonomy.segment) {
            known("Elenchi per livello, competenza, disciplina...");
          }
        }
      }
    } else if (parts.size() == 3) {
      for (const auto& taxonomy : m_site.taxonomies) {
        if (!taxonomy.segment.empty() && parts[1] == taxonomy.segment && taxonomy.find(std::string(parts[2]))) {
          known("Elenchi per livello, competenza, disciplina...");
        }
      }
    }
  } else if (parts.size() == 1 && parts[0] == "cerca") {
    known("Ricerca");
  } else if (parts[0] == "premi" && parts.size() <= 2) {
    known("Premi");
  } else if (parts.size() == 1 && parts[0] == "numeri") {
    known("eTwinning in numeri");
  } else if (parts.size() == 1 && parts[0] == "eventi") {
    known("Eventi");
  } else if (parts.size() == 1) {
    for (const auto& page : m_site.pages) {
      if (parts[0] == page.slug) {
        known("Pagine informative");
      }
    }
  }
  return out;
}

void UsageReport::count_log_search(std::string_view query_string) {
  if (const auto page = param_value(query_string, "page"); page && *page != "1") {
    return;
  }
  const std::string query = search::normalise_query(param_value(query_string, "q").value_or(""));
  if (query.empty()) {
    return;
  }
  ++m_counts.totals.log_searches;
  bump(m_counts.log_queries, query, m_counts.log_queries_other);
}

void UsageReport::add_log_line(std::string_view line) {
  ++m_counts.totals.lines;
  const auto parsed = parse_log_line(line);
  if (!parsed) {
    ++m_counts.totals.malformed;
    return;
  }
  const std::uint8_t flags = agent_flags(parsed->user_agent);
  if ((flags & k_bot_flag) != 0) {
    ++m_counts.totals.bots;
    return;
  }
  if (parsed->method != "GET" || (parsed->status != 200 && parsed->status != 304)) {
    return;
  }
  const std::string_view target = parsed->target;
  const auto question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query_string = question == std::string_view::npos ? "" : target.substr(question + 1);
  if (parsed->status == 200 && (path == "/cerca/" || path == "/api/search")) {
    count_log_search(query_string);
  }
  Classified page = classify(path);
  if (page.kind == nullptr) {
    return;
  }
  ++m_counts.totals.page_views;
  ++m_counts.kind_views[page.kind];
  ++m_counts.day_views[parsed->year * 10000 + parsed->month * 100 + parsed->day];
  ++m_counts.devices[flags & 0x7F];
  if (page.story >= 0) {
    ++m_counts.totals.story_views;
    ++m_counts.story_views[static_cast<std::size_t>(page.story)];
  } else if (std::string_view(page.kind).starts_with("Elenchi per")) {
    ++m_counts.term_page_views[page.canonical];
  }
  // Entries: page views arriving from anywhere but the site itself.
  const std::string host = parsed->referrer == "-" ? std::string() : host_of(parsed->referrer);
  if (host == m_own_host && !host.empty()) {
    return;
  }
  ++m_counts.totals.entries;
  std::uint64_t ignored = 0;
  bump(m_counts.entry_pages, page.canonical.empty() ? k_other_pages : page.canonical, ignored);
  bump(m_counts.referrers, host.empty() ? k_direct : host, ignored);
}

void UsageReport::add_usage_day(const search::UsageDay& day) {
  m_counts.service_days.push_back(day.day);
  for (const auto& [key, count] : day.counts) {
    const auto record = search::decode_usage_key(key, count);
    if (!record) {
      continue;  // parse_usage_file checked every line already
    }
    switch (record->kind) {
      case search::UsageRecord::Kind::other:
        m_counts.service_other += count;
        break;
      case search::UsageRecord::Kind::search: {
        m_counts.totals.service_searches += count;
        m_counts.search_devices[static_cast<std::size_t>(record->device)] += count;
        const std::string label = record->query.empty() ? "(solo filtri)" : record->query;
        SearchCount& query = m_counts.service_queries[label];
        query.count += count;
        query.results = std::max(query.results, record->results);
        if (record->results == 0) {
          query.zero += count;
          m_counts.totals.service_zero += count;
          m_counts.zero_searches[{label, record->filters}] += count;
        }
        std::size_t start = 0;
        while (start < record->filters.size()) {
          const auto end = std::min(record->filters.find(';', start), record->filters.size());
          const std::string facet = record->filters.substr(start, end - start);
          const auto eq = facet.find('=');
          std::size_t value_start = eq + 1;
          while (eq != std::string::npos && value_start <= facet.size()) {
            const auto value_end = std::min(facet.find(',', value_start), facet.size());
            m_counts.filters[facet.substr(0, eq) + "=" + facet.substr(value_start, value_end - value_start)] += count;
            value_start = value_end + 1;
          }
          start = end + 1;
        }
        break;
      }
      case search::UsageRecord::Kind::click:
        m_counts.totals.service_clicks += count;
        m_counts.clicks[{record->query.empty() ? "(solo filtri)" : record->query, record->url}] += count;
        break;
    }
  }
}

std::vector<ReportFile> UsageReport::render(const std::vector<std::string>& sources) const {
  return render_report(m_site, m_counts, sources);
}

}  // namespace vetrina
