#include "generator/report/usage_report.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "generator/charts/charts.h"
#include "generator/report/access_log.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

using search::DeviceClass;

// Bounds on what visitors can make grow (spam referrers, random queries).
constexpr std::size_t k_max_distinct = 200'000;
constexpr std::size_t k_max_agents = 100'000;
constexpr std::size_t k_max_shown_chars = 120;
constexpr std::uint8_t k_bot_flag = 0x80;

const char* const k_other_pages = "(altre pagine)";
const char* const k_direct = "(nessuna: accesso diretto o referrer nascosto)";

const std::array<const char*, 12> k_month_names = {"gennaio",   "febbraio", "marzo",    "aprile",
                                                   "maggio",    "giugno",   "luglio",   "agosto",
                                                   "settembre", "ottobre",  "novembre", "dicembre"};

std::string device_label(std::size_t index) {
  switch (static_cast<DeviceClass>(index)) {
    case DeviceClass::computer:
      return "Computer";
    case DeviceClass::telefono:
      return "Telefono";
    case DeviceClass::tablet:
      return "Tablet";
    case DeviceClass::altro:
      break;
  }
  return "Altro o non riconosciuto";
}

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

// What a visitor sent, cut for display (whole code points).
std::string shown(std::string_view text) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (points == k_max_shown_chars) {
        out += "…";
        break;
      }
      ++points;
    }
    out += text[i];
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string value(text);
  // A cell starting with = + - @ is a formula in spreadsheets: keep it text.
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\n\r") == std::string::npos) {
    return value;
  }
  return "\"" + util::replace_all(value, "\"", "\"\"") + "\"";
}

struct Table {
  std::string file;  // "storie.csv"
  std::string caption;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // plain text; numbers as digits
  std::vector<bool> numeric;                   // per column
  std::size_t shown_rows = 0;                  // 0 = all in the page
};

std::string csv_of(const Table& table) {
  std::string out;
  for (std::size_t i = 0; i < table.headers.size(); ++i) {
    out += (i > 0 ? "," : "") + csv_field(table.headers[i]);
  }
  out += '\n';
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += (i > 0 ? "," : "") + csv_field(row[i]);
    }
    out += '\n';
  }
  return out;
}

std::string number_cell(const std::string& digits) {
  try {
    return util::format_thousands(std::stoll(digits));
  } catch (const std::exception&) {
    return digits;
  }
}

std::string html_table(const Table& table) {
  std::string out = "<div class=\"table-wrap\"><table>\n<caption>" + util::html_escape(table.caption);
  const std::size_t limit = table.shown_rows == 0 ? table.rows.size() : std::min(table.shown_rows, table.rows.size());
  if (limit < table.rows.size()) {
    out += " (i primi " + std::to_string(limit) + " di " +
           util::format_thousands(static_cast<long long>(table.rows.size())) + ")";
  }
  out += "</caption>\n<thead><tr>";
  for (std::size_t i = 0; i < table.headers.size(); ++i) {
    out += std::string("<th scope=\"col\"") + (table.numeric[i] ? " class=\"num\"" : "") + ">" +
           util::html_escape(table.headers[i]) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < limit; ++r) {
    out += "<tr>";
    for (std::size_t i = 0; i < table.rows[r].size(); ++i) {
      const std::string& cell = table.rows[r][i];
      if (table.numeric[i]) {
        out += "<td class=\"num\">" + util::html_escape(number_cell(cell)) + "</td>";
      } else {
        out += "<td>" + util::html_escape(shown(cell)) + "</td>";
      }
    }
    out += "</tr>\n";
  }
  if (table.rows.empty()) {
    out += "<tr><td colspan=\"" + std::to_string(table.headers.size()) + "\">Nessun dato.</td></tr>\n";
  }
  out += "</tbody></table></div>\n<p class=\"csv\"><a href=\"" + util::html_escape(table.file) +
         "\">Scarica i dati (CSV)</a></p>\n";
  return out;
}

// Rows of a count map, largest first (ties by key).
template <typename Map>
std::vector<std::pair<std::string, std::uint64_t>> by_count(const Map& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> rows(counts.begin(), counts.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return rows;
}

std::string digits(std::uint64_t value) {
  return std::to_string(value);
}

std::string day_label(int key) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", key / 10000, key / 100 % 100, key % 100);
  return buffer;
}

std::string month_label(int key) {
  return std::string(k_month_names[static_cast<std::size_t>(key % 100 - 1)]) + " " + std::to_string(key / 100);
}

// The value of parameter `name` in a query string, decoded ('+' = space);
// `found` says whether it was there.
std::string param_value(std::string_view query, std::string_view name, bool& found) {
  found = false;
  std::size_t start = 0;
  while (start <= query.size()) {
    const auto end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) {
      found = true;
      if (eq == std::string_view::npos) {
        return "";
      }
      return util::url_decode(util::replace_all(pair.substr(eq + 1), "+", " "));
    }
    start = end + 1;
  }
  return "";
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

UsageReport::UsageReport(const Site& site)
    : m_site(site), m_own_host(host_of(site.config.base_url)), m_story_views(site.stories.size(), 0) {}

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
  bool has_page = false;
  const std::string page = param_value(query_string, "page", has_page);
  if (has_page && page != "1") {
    return;
  }
  bool has_q = false;
  const std::string query = search::normalise_query(param_value(query_string, "q", has_q));
  if (query.empty()) {
    return;
  }
  ++m_totals.log_searches;
  bump(m_log_queries, query, m_log_queries_other);
}

void UsageReport::add_log_line(std::string_view line) {
  ++m_totals.lines;
  const auto parsed = parse_log_line(line);
  if (!parsed) {
    ++m_totals.malformed;
    return;
  }
  const std::uint8_t flags = agent_flags(parsed->user_agent);
  if ((flags & k_bot_flag) != 0) {
    ++m_totals.bots;
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
  ++m_totals.page_views;
  ++m_kind_views[page.kind];
  ++m_day_views[parsed->year * 10000 + parsed->month * 100 + parsed->day];
  ++m_devices[flags & 0x7F];
  if (page.story >= 0) {
    ++m_totals.story_views;
    ++m_story_views[static_cast<std::size_t>(page.story)];
  } else if (std::string_view(page.kind).starts_with("Elenchi per")) {
    ++m_term_page_views[page.canonical];
  }
  // Entries: page views arriving from anywhere but the site itself.
  const std::string host = parsed->referrer == "-" ? std::string() : host_of(parsed->referrer);
  if (host == m_own_host && !host.empty()) {
    return;
  }
  ++m_totals.entries;
  std::uint64_t ignored = 0;
  bump(m_entry_pages, page.canonical.empty() ? k_other_pages : page.canonical, ignored);
  bump(m_referrers, host.empty() ? k_direct : host, ignored);
}

void UsageReport::add_usage_day(const search::UsageDay& day) {
  m_service_days.push_back(day.day);
  for (const auto& [key, count] : day.counts) {
    const auto record = search::decode_usage_key(key, count);
    if (!record) {
      continue;  // parse_usage_file checked every line already
    }
    switch (record->kind) {
      case search::UsageRecord::Kind::other:
        m_service_other += count;
        break;
      case search::UsageRecord::Kind::search: {
        m_totals.service_searches += count;
        m_search_devices[static_cast<std::size_t>(record->device)] += count;
        const std::string label = record->query.empty() ? "(solo filtri)" : record->query;
        SearchCount& query = m_service_queries[label];
        query.count += count;
        query.results = std::max(query.results, record->results);
        if (record->results == 0) {
          query.zero += count;
          m_totals.service_zero += count;
          m_zero_searches[{label, record->filters}] += count;
        }
        std::size_t start = 0;
        while (start < record->filters.size()) {
          const auto end = std::min(record->filters.find(';', start), record->filters.size());
          const std::string facet = record->filters.substr(start, end - start);
          const auto eq = facet.find('=');
          std::size_t value_start = eq + 1;
          while (eq != std::string::npos && value_start <= facet.size()) {
            const auto value_end = std::min(facet.find(',', value_start), facet.size());
            m_filters[facet.substr(0, eq) + "=" + facet.substr(value_start, value_end - value_start)] += count;
            value_start = value_end + 1;
          }
          start = end + 1;
        }
        break;
      }
      case search::UsageRecord::Kind::click:
        m_totals.service_clicks += count;
        m_clicks[{record->query.empty() ? "(solo filtri)" : record->query, record->url}] += count;
        break;
    }
  }
}

std::vector<ReportFile> UsageReport::render(const std::vector<std::string>& sources) const {
  std::vector<ReportFile> files;
  std::string body;
  int chart_number = 0;
  const auto chart = [&](ChartType type, const std::string& title, const std::vector<std::string>& labels,
                         const std::vector<std::uint64_t>& values, const std::string& unit) {
    if (labels.empty()) {
      return;
    }
    ChartData data;
    data.id = "grafico-" + std::to_string(++chart_number);
    data.type = type;
    data.title = title;
    data.unit = unit;
    data.labels = labels;
    ChartSeries series;
    series.name = unit.empty() ? title : unit;
    for (auto value : values) {
      series.values.emplace_back(static_cast<double>(value));
    }
    data.series.push_back(std::move(series));
    body += "<figure class=\"chart-figure\">" + render_chart(data) + "</figure>\n";
  };
  const auto add_table = [&](Table table) {
    table.numeric.resize(table.headers.size(), false);
    body += html_table(table);
    files.push_back({table.file, csv_of(table)});
  };
  const auto section = [&](const std::string& id, const std::string& title, const std::string& intro) {
    body += "<section id=\"" + id + "\">\n<h2>" + util::html_escape(title) + "</h2>\n";
    if (!intro.empty()) {
      body += "<p>" + util::html_escape(intro) + "</p>\n";
    }
  };
  const auto end_section = [&] { body += "</section>\n"; };

  // --- Summary -------------------------------------------------------------
  std::string period = "nessun giorno";
  if (!m_day_views.empty()) {
    period = "dal " + day_label(m_day_views.begin()->first) + " al " + day_label(m_day_views.rbegin()->first);
  }
  section("riepilogo", "Riepilogo", "Periodo dei log: " + period + ".");
  {
    Table table;
    table.file = "riepilogo.csv";
    table.caption = "Riepilogo";
    table.headers = {"Voce", "Valore"};
    table.numeric = {false, true};
    table.rows = {
        {"Righe di log lette", digits(m_totals.lines)},
        {"Righe non valide (ignorate)", digits(m_totals.malformed)},
        {"Richieste di bot e programmi (escluse)", digits(m_totals.bots)},
        {"Pagine viste", digits(m_totals.page_views)},
        {"Pagine viste di esperienze", digits(m_totals.story_views)},
        {"Ingressi dall'esterno", digits(m_totals.entries)},
        {"Ricerche nei log", digits(m_totals.log_searches)},
        {"Ricerche contate dal servizio", digits(m_totals.service_searches)},
        {"Ricerche senza risultati", digits(m_totals.service_zero)},
        {"Risultati aperti", digits(m_totals.service_clicks)},
    };
    add_table(table);
  }
  end_section();

  // --- Days and months -------------------------------------------------------
  section("giorni", "Pagine viste per giorno e per mese", "");
  {
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    Table table;
    table.file = "giorni.csv";
    table.caption = "Pagine viste per giorno";
    table.headers = {"Giorno", "Pagine viste"};
    table.numeric = {false, true};
    std::map<int, std::uint64_t> months;
    for (const auto& [day, views] : m_day_views) {
      labels.push_back(day_label(day));
      values.push_back(views);
      table.rows.push_back({day_label(day), digits(views)});
      months[day / 100] += views;
    }
    chart(labels.size() > 1 ? ChartType::line : ChartType::bar, "Pagine viste per giorno", labels, values,
          "pagine viste");
    add_table(table);
    labels.clear();
    values.clear();
    Table month_table;
    month_table.file = "mesi.csv";
    month_table.caption = "Pagine viste per mese";
    month_table.headers = {"Mese", "Pagine viste"};
    month_table.numeric = {false, true};
    for (const auto& [month, views] : months) {
      labels.push_back(month_label(month));
      values.push_back(views);
      month_table.rows.push_back({month_label(month), digits(views)});
    }
    chart(ChartType::bar, "Pagine viste per mese", labels, values, "pagine viste");
    add_table(month_table);
  }
  end_section();

  // --- Stories ---------------------------------------------------------------
  section("esperienze", "Le esperienze più lette",
          "Pagine viste di ogni esperienza pubblicata (anche quelle mai aperte, con zero).");
  {
    std::vector<std::size_t> order(m_site.stories.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return m_story_views[a] > m_story_views[b]; });
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    Table table;
    table.file = "storie.csv";
    table.caption = "Pagine viste per esperienza";
    table.headers = {"Esperienza", "Indirizzo", "Pagine viste"};
    table.numeric = {false, false, true};
    table.shown_rows = 30;
    for (std::size_t i : order) {
      const Story& story = m_site.stories[i];
      table.rows.push_back({story.title.value, story.url(), digits(m_story_views[i])});
      if (labels.size() < 10 && m_story_views[i] > 0) {
        labels.push_back(story.title.value);
        values.push_back(m_story_views[i]);
      }
    }
    chart(ChartType::hbar, "Le 10 esperienze più lette", labels, values, "pagine viste");
    add_table(table);
  }
  end_section();

  // --- Taxonomies --------------------------------------------------------------
  const std::array<std::pair<TaxonomyId, const char*>, 3> k_axes = {{
      {TaxonomyId::livello, "livelli.csv"},
      {TaxonomyId::competenza, "competenze.csv"},
      {TaxonomyId::disciplina, "discipline.csv"},
  }};
  for (const auto& [id, file] : k_axes) {
    const Taxonomy& taxonomy = m_site.taxonomy(id);
    section("per-" + taxonomy.segment, "Pagine viste per " + util::to_lower_ascii(taxonomy.label),
            "Le pagine viste delle esperienze che hanno il valore (un'esperienza con due valori conta per "
            "entrambi), e le pagine viste dell'elenco del valore.");
    std::vector<std::pair<std::string, std::uint64_t>> rows;
    Table table;
    table.file = file;
    table.caption = "Pagine viste per " + util::to_lower_ascii(taxonomy.label);
    table.headers = {taxonomy.label, "Pagine viste delle esperienze", "Pagine viste dell'elenco"};
    table.numeric = {false, true, true};
    const auto& by_term = m_site.stories_by_term[static_cast<std::size_t>(id)];
    for (const auto& term : taxonomy.terms) {
      std::uint64_t views = 0;
      if (const auto found = by_term.find(term.id); found != by_term.end()) {
        for (std::size_t story : found->second) {
          views += m_story_views[story];
        }
      }
      const auto list = m_term_page_views.find("/esperienze/" + taxonomy.segment + "/" + term.id + "/");
      table.rows.push_back({term.label, digits(views), digits(list == m_term_page_views.end() ? 0 : list->second)});
      rows.emplace_back(term.label, views);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    for (const auto& [label, views] : rows) {
      if (labels.size() < 12 && views > 0) {
        labels.push_back(label);
        values.push_back(views);
      }
    }
    chart(ChartType::hbar, "Pagine viste per " + util::to_lower_ascii(taxonomy.label), labels, values, "pagine viste");
    add_table(table);
    end_section();
  }

  // --- Page kinds, entries, referrers, devices -------------------------------
  section("pagine", "Tipi di pagina", "");
  {
    Table table;
    table.file = "tipi-di-pagina.csv";
    table.caption = "Pagine viste per tipo di pagina";
    table.headers = {"Tipo di pagina", "Pagine viste"};
    table.numeric = {false, true};
    for (const auto& [kind, views] : by_count(m_kind_views)) {
      table.rows.push_back({kind, digits(views)});
    }
    add_table(table);
  }
  end_section();

  section("ingressi", "Pagine d'ingresso",
          "Le pagine da cui si entra nel sito: pagine viste arrivando da un altro sito o senza provenienza.");
  {
    Table table;
    table.file = "ingressi.csv";
    table.caption = "Pagine d'ingresso";
    table.headers = {"Pagina", "Ingressi"};
    table.numeric = {false, true};
    table.shown_rows = 30;
    for (const auto& [page, count] : by_count(m_entry_pages)) {
      table.rows.push_back({page, digits(count)});
    }
    add_table(table);
  }
  end_section();

  section("provenienze", "Siti di provenienza", "Il dominio del sito da cui arriva chi entra (referrer).");
  {
    Table table;
    table.file = "provenienze.csv";
    table.caption = "Siti di provenienza";
    table.headers = {"Dominio", "Ingressi"};
    table.numeric = {false, true};
    table.shown_rows = 30;
    for (const auto& [host, count] : by_count(m_referrers)) {
      table.rows.push_back({host, digits(count)});
    }
    add_table(table);
  }
  end_section();

  section("dispositivi", "Dispositivi", "Classe del dispositivo dedotta dallo user agent, che non viene conservato.");
  {
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    Table table;
    table.file = "dispositivi.csv";
    table.caption = "Pagine viste per dispositivo";
    table.headers = {"Dispositivo", "Pagine viste", "Ricerche contate dal servizio"};
    table.numeric = {false, true, true};
    for (std::size_t i = 0; i < search::k_device_classes; ++i) {
      table.rows.push_back({device_label(i), digits(m_devices[i]), digits(m_search_devices[i])});
      if (m_devices[i] > 0) {
        labels.push_back(device_label(i));
        values.push_back(m_devices[i]);
      }
    }
    chart(ChartType::donut, "Pagine viste per dispositivo", labels, values, "");
    add_table(table);
  }
  end_section();

  // --- Searches ----------------------------------------------------------------
  std::string days_note = "nessun file di statistiche letto";
  if (!m_service_days.empty()) {
    const auto [first, last] = std::minmax_element(m_service_days.begin(), m_service_days.end());
    days_note = std::to_string(m_service_days.size()) + " giorni, dal " + *first + " al " + *last;
  }
  section("ricerche", "Che cosa si cerca",
          "Dalle statistiche del servizio di ricerca (" + days_note + "): testo normalizzato (minuscole, al massimo " +
              std::to_string(search::k_max_recorded_query_chars) +
              " caratteri, indirizzi email e numeri lunghi mascherati)." +
              (m_service_other > 0
                   ? " Oltre il limite giornaliero di righe: " + digits(m_service_other) + " conteggi raggruppati."
                   : std::string()));
  {
    Table table;
    table.file = "ricerche.csv";
    table.caption = "Ricerche più frequenti";
    table.headers = {"Ricerca", "Volte", "Di cui senza risultati", "Risultati (massimo)"};
    table.numeric = {false, true, true, true};
    table.shown_rows = 30;
    std::vector<std::pair<std::string, SearchCount>> rows(m_service_queries.begin(), m_service_queries.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second.count > b.second.count; });
    for (const auto& [query, count] : rows) {
      table.rows.push_back({query, digits(count.count), digits(count.zero), std::to_string(count.results)});
    }
    add_table(table);
  }
  body +=
      "<h3>Ricerche senza risultati</h3>\n<p>Che cosa cercano i visitatori senza trovarlo: le storie da "
      "scrivere, o le parole da aggiungere.</p>\n";
  {
    Table table;
    table.file = "ricerche-senza-risultati.csv";
    table.caption = "Ricerche senza risultati";
    table.headers = {"Ricerca", "Filtri", "Volte"};
    table.numeric = {false, false, true};
    table.shown_rows = 50;
    std::vector<std::pair<std::pair<std::string, std::string>, std::uint64_t>> rows(m_zero_searches.begin(),
                                                                                    m_zero_searches.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [key, count] : rows) {
      table.rows.push_back({key.first, key.second, digits(count)});
    }
    add_table(table);
  }
  body += "<h3>Risultati aperti</h3>\n";
  {
    Table table;
    table.file = "risultati-aperti.csv";
    table.caption = "Risultati aperti dopo una ricerca";
    table.headers = {"Ricerca", "Esperienza aperta", "Volte"};
    table.numeric = {false, false, true};
    table.shown_rows = 30;
    std::vector<std::pair<std::pair<std::string, std::string>, std::uint64_t>> rows(m_clicks.begin(), m_clicks.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [key, count] : rows) {
      std::string story = key.second;
      const std::string slug = story.size() > 13 ? story.substr(12, story.size() - 13) : "";
      if (const Story* found = m_site.find_story(slug)) {
        story = found->title.value;
      }
      table.rows.push_back({key.first, story, digits(count)});
    }
    add_table(table);
  }
  body += "<h3>Filtri usati</h3>\n";
  {
    Table table;
    table.file = "filtri.csv";
    table.caption = "Filtri usati nelle ricerche";
    table.headers = {"Filtro", "Ricerche"};
    table.numeric = {false, true};
    for (const auto& [filter, count] : by_count(m_filters)) {
      table.rows.push_back({filter, digits(count)});
    }
    add_table(table);
  }
  body +=
      "<h3>Ricerche nei log del server</h3>\n<p>Le ricerche come compaiono negli indirizzi richiesti "
      "(/cerca/?q= e /api/search?q=), normalizzate allo stesso modo; con la ricerca dal vivo una pausa "
      "mentre si scrive conta come una ricerca.</p>\n";
  {
    Table table;
    table.file = "ricerche-log.csv";
    table.caption = "Ricerche nei log";
    table.headers = {"Ricerca", "Volte"};
    table.numeric = {false, true};
    table.shown_rows = 30;
    for (const auto& [query, count] : by_count(m_log_queries)) {
      table.rows.push_back({query, digits(count)});
    }
    if (m_log_queries_other > 0) {
      table.rows.push_back({"(altre ricerche oltre il limite)", digits(m_log_queries_other)});
    }
    add_table(table);
  }
  end_section();

  body += "<section id=\"fonti\">\n<h2>File letti</h2>\n<ul>\n";
  for (const auto& source : sources) {
    body += "<li>" + util::html_escape(source) + "</li>\n";
  }
  body += "</ul>\n</section>\n";

  std::string page =
      "<!doctype html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
      "<title>Rapporto di utilizzo — " +
      util::html_escape(m_site.config.title) +
      "</title>\n<style>\n"
      ":root { --ink: #1b1f24; --muted: #4a5563; --paper: #ffffff; --line: #d5dde6;\n"
      "  --chart-1: #0b3a66; --chart-1-text: #ffffff; --chart-2: #d4700a; --chart-2-text: #1b1f24;\n"
      "  --chart-3: #1d7a72; --chart-3-text: #ffffff; --chart-4: #8a3b8f; --chart-4-text: #ffffff;\n"
      "  --chart-5: #b8324f; --chart-5-text: #ffffff; --chart-6: #5b6770; --chart-6-text: #ffffff;\n"
      "  --chart-grid: #d5dde6; --chart-axis: #4a5563; }\n"
      "body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 1rem/1.5 system-ui, sans-serif; color: "
      "var(--ink); }\n"
      "section { margin: 2.5rem 0; } .table-wrap { overflow-x: auto; }\n"
      "table { border-collapse: collapse; margin: 1rem 0 0.25rem; min-width: 20rem; }\n"
      "caption { text-align: left; font-weight: 600; padding-bottom: 0.25rem; }\n"
      "th, td { border-bottom: 1px solid var(--line); padding: 0.25rem 0.75rem 0.25rem 0; text-align: left; "
      "vertical-align: top; }\n"
      ".num { text-align: right; font-variant-numeric: tabular-nums; } .csv { margin: 0 0 1rem; }\n"
      ".chart-figure { margin: 1rem 0; } .chart { display: block; width: 100%; max-width: 36rem; height: auto; }\n"
      ".chart text { fill: var(--ink); } .chart .tick, .chart .unit, .chart .muted { fill: var(--muted); }\n"
      ".chart .value, .chart .code { font-weight: 600; }\n"
      ".chart .halo { paint-order: stroke; stroke: var(--paper); stroke-width: 3px; stroke-linejoin: round; }\n"
      ".chart .grid { stroke: var(--chart-grid); } .chart .axis { stroke: var(--chart-axis); }\n"
      ".chart .bar, .chart .slice, .chart .point { stroke: var(--paper); stroke-width: 1.5; }\n"
      ".chart .line { fill: none; stroke-width: 2.5; }\n";
  for (int i = 1; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    page += ".chart .c" + n + " { fill: var(--chart-" + n + "); } .chart .s" + n + " { stroke: var(--chart-" + n +
            "); } .chart .n" + n + " { fill: var(--chart-" + n + "-text); }\n";
  }
  page += "</style>\n</head>\n<body>\n<header>\n<h1>Rapporto di utilizzo del sito</h1>\n<p>" +
          util::html_escape(m_site.config.title) +
          ". Rapporto riservato alla redazione, fatto con <code>vetrina report</code> dai log del server e dalle "
          "statistiche aggregate della ricerca: nessun indirizzo IP, nessun cookie, nessuno user agent "
          "conservato. Non è pubblicato sul sito.</p>\n"
          "<nav aria-label=\"Sezioni\"><ul>\n";
  for (const auto& [id, label] : std::vector<std::pair<std::string, std::string>>{{"riepilogo", "Riepilogo"},
                                                                                  {"giorni", "Per giorno e mese"},
                                                                                  {"esperienze", "Esperienze"},
                                                                                  {"per-livello", "Per livello"},
                                                                                  {"per-competenza", "Per competenza"},
                                                                                  {"per-disciplina", "Per disciplina"},
                                                                                  {"ingressi", "Pagine d'ingresso"},
                                                                                  {"provenienze", "Provenienze"},
                                                                                  {"dispositivi", "Dispositivi"},
                                                                                  {"ricerche", "Ricerche"}}) {
    page += "<li><a href=\"#" + id + "\">" + label + "</a></li>\n";
  }
  page += "</ul></nav>\n</header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  files.push_back({"index.html", std::move(page)});
  std::sort(files.begin(), files.end(), [](const ReportFile& a, const ReportFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace vetrina
