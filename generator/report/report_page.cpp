#include "generator/report/report_page.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "generator/charts/charts.h"
#include "generator/report/report_table.h"
#include "generator/util/strings.h"
#include "search/service/usage_file.h"
#include "search/service/user_agent.h"

namespace vetrina {

namespace {

using search::DeviceClass;

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

// `value` in decimal, zero-padded to `width` digits.
std::string padded(int value, std::size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) {
    text.insert(0, width - text.size(), '0');
  }
  return text;
}

std::string day_label(int key) {
  return padded(key / 10000, 4) + "-" + padded(key / 100 % 100, 2) + "-" + padded(key % 100, 2);
}

std::string month_label(int key) {
  return std::string(k_month_names[static_cast<std::size_t>(key % 100 - 1)]) + " " + std::to_string(key / 100);
}

}  // namespace

std::vector<ReportFile> render_report(const Site& site, const ReportCounts& counts,
                                      const std::vector<std::string>& sources) {
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
  const auto add_table = [&](const ReportTable& table) {
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
  if (!counts.day_views.empty()) {
    period = "dal " + day_label(counts.day_views.begin()->first) + " al " + day_label(counts.day_views.rbegin()->first);
  }
  section("riepilogo", "Riepilogo", "Periodo dei log: " + period + ".");
  {
    ReportTable table;
    table.file = "riepilogo.csv";
    table.caption = "Riepilogo";
    table.headers = {"Voce", "Valore"};
    table.numeric = {false, true};
    table.rows = {
        {"Righe di log lette", digits(counts.totals.lines)},
        {"Righe non valide (ignorate)", digits(counts.totals.malformed)},
        {"Richieste di bot e programmi (escluse)", digits(counts.totals.bots)},
        {"Pagine viste", digits(counts.totals.page_views)},
        {"Pagine viste di esperienze", digits(counts.totals.story_views)},
        {"Ingressi dall'esterno", digits(counts.totals.entries)},
        {"Ricerche nei log", digits(counts.totals.log_searches)},
        {"Ricerche contate dal servizio", digits(counts.totals.service_searches)},
        {"Ricerche senza risultati", digits(counts.totals.service_zero)},
        {"Risultati aperti", digits(counts.totals.service_clicks)},
    };
    add_table(table);
  }
  end_section();

  // --- Days and months -------------------------------------------------------
  section("giorni", "Pagine viste per giorno e per mese", "");
  {
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    ReportTable table;
    table.file = "giorni.csv";
    table.caption = "Pagine viste per giorno";
    table.headers = {"Giorno", "Pagine viste"};
    table.numeric = {false, true};
    std::map<int, std::uint64_t> months;
    for (const auto& [day, views] : counts.day_views) {
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
    ReportTable month_table;
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
    std::vector<std::size_t> order(site.stories.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return counts.story_views[a] > counts.story_views[b]; });
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    ReportTable table;
    table.file = "storie.csv";
    table.caption = "Pagine viste per esperienza";
    table.headers = {"Esperienza", "Indirizzo", "Pagine viste"};
    table.numeric = {false, false, true};
    table.shown_rows = 30;
    for (std::size_t i : order) {
      const Story& story = site.stories[i];
      table.rows.push_back({story.title.value, story.url(), digits(counts.story_views[i])});
      if (labels.size() < 10 && counts.story_views[i] > 0) {
        labels.push_back(story.title.value);
        values.push_back(counts.story_views[i]);
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
    const Taxonomy& taxonomy = site.taxonomy(id);
    section("per-" + taxonomy.segment, "Pagine viste per " + util::to_lower_ascii(taxonomy.label),
            "Le pagine viste delle esperienze che hanno il valore (un'esperienza con due valori conta per "
            "entrambi), e le pagine viste dell'elenco del valore.");
    std::vector<std::pair<std::string, std::uint64_t>> rows;
    ReportTable table;
    table.file = file;
    table.caption = "Pagine viste per " + util::to_lower_ascii(taxonomy.label);
    table.headers = {taxonomy.label, "Pagine viste delle esperienze", "Pagine viste dell'elenco"};
    table.numeric = {false, true, true};
    const auto& by_term = site.stories_by_term[static_cast<std::size_t>(id)];
    for (const auto& term : taxonomy.terms) {
      std::uint64_t views = 0;
      if (const auto found = by_term.find(term.id); found != by_term.end()) {
        for (std::size_t story : found->second) {
          views += counts.story_views[story];
        }
      }
      const auto list = counts.term_page_views.find("/esperienze/" + taxonomy.segment + "/" + term.id + "/");
      table.rows.push_back(
          {term.label, digits(views), digits(list == counts.term_page_views.end() ? 0 : list->second)});
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
    ReportTable table;
    table.file = "tipi-di-pagina.csv";
    table.caption = "Pagine viste per tipo di pagina";
    table.headers = {"Tipo di pagina", "Pagine viste"};
    table.numeric = {false, true};
    for (const auto& [kind, views] : by_count(counts.kind_views)) {
      table.rows.push_back({kind, digits(views)});
    }
    add_table(table);
  }
  end_section();

  section("ingressi", "Pagine d'ingresso",
          "Le pagine da cui si entra nel sito: pagine viste arrivando da un altro sito o senza provenienza.");
  {
    ReportTable table;
    table.file = "ingressi.csv";
    table.caption = "Pagine d'ingresso";
    table.headers = {"Pagina", "Ingressi"};
    table.numeric = {false, true};
    table.shown_rows = 30;
    for (const auto& [page, count] : by_count(counts.entry_pages)) {
      table.rows.push_back({page, digits(count)});
    }
    add_table(table);
  }
  end_section();

  section("provenienze", "Siti di provenienza", "Il dominio del sito da cui arriva chi entra (referrer).");
  {
    ReportTable table;
    table.file = "provenienze.csv";
    table.caption = "Siti di provenienza";
    table.headers = {"Dominio", "Ingressi"};
    table.numeric = {false, true};
    table.shown_rows = 30;
    for (const auto& [host, count] : by_count(counts.referrers)) {
      table.rows.push_back({host, digits(count)});
    }
    add_table(table);
  }
  end_section();

  section("dispositivi", "Dispositivi", "Classe del dispositivo dedotta dallo user agent, che non viene conservato.");
  {
    std::vector<std::string> labels;
    std::vector<std::uint64_t> values;
    ReportTable table;
    table.file = "dispositivi.csv";
    table.caption = "Pagine viste per dispositivo";
    table.headers = {"Dispositivo", "Pagine viste", "Ricerche contate dal servizio"};
    table.numeric = {false, true, true};
    for (std::size_t i = 0; i < search::k_device_classes; ++i) {
      table.rows.push_back({device_label(i), digits(counts.devices[i]), digits(counts.search_devices[i])});
      if (counts.devices[i] > 0) {
        labels.push_back(device_label(i));
        values.push_back(counts.devices[i]);
      }
    }
    chart(ChartType::donut, "Pagine viste per dispositivo", labels, values, "");
    add_table(table);
  }
  end_section();

  // --- Searches ----------------------------------------------------------------
  std::string days_note = "nessun file di statistiche letto";
  if (!counts.service_days.empty()) {
    const auto [first, last] = std::minmax_element(counts.service_days.begin(), counts.service_days.end());
    days_note = std::to_string(counts.service_days.size()) + " giorni, dal " + *first + " al " + *last;
  }
  section("ricerche", "Che cosa si cerca",
          "Dalle statistiche del servizio di ricerca (" + days_note + "): testo normalizzato (minuscole, al massimo " +
              std::to_string(search::k_max_recorded_query_chars) +
              " caratteri, indirizzi email e numeri lunghi mascherati)." +
              (counts.service_other > 0
                   ? " Oltre il limite giornaliero di righe: " + digits(counts.service_other) + " conteggi raggruppati."
                   : std::string()));
  {
    ReportTable table;
    table.file = "ricerche.csv";
    table.caption = "Ricerche più frequenti";
    table.headers = {"Ricerca", "Volte", "Di cui senza risultati", "Risultati (massimo)"};
    table.numeric = {false, true, true, true};
    table.shown_rows = 30;
    std::vector<std::pair<std::string, SearchCount>> rows(counts.service_queries.begin(), counts.service_queries.end());
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
    ReportTable table;
    table.file = "ricerche-senza-risultati.csv";
    table.caption = "Ricerche senza risultati";
    table.headers = {"Ricerca", "Filtri", "Volte"};
    table.numeric = {false, false, true};
    table.shown_rows = 50;
    std::vector<std::pair<std::pair<std::string, std::string>, std::uint64_t>> rows(counts.zero_searches.begin(),
                                                                                    counts.zero_searches.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [key, count] : rows) {
      table.rows.push_back({key.first, key.second, digits(count)});
    }
    add_table(table);
  }
  body += "<h3>Risultati aperti</h3>\n";
  {
    ReportTable table;
    table.file = "risultati-aperti.csv";
    table.caption = "Risultati aperti dopo una ricerca";
    table.headers = {"Ricerca", "Esperienza aperta", "Volte"};
    table.numeric = {false, false, true};
    table.shown_rows = 30;
    std::vector<std::pair<std::pair<std::string, std::string>, std::uint64_t>> rows(counts.clicks.begin(),
                                                                                    counts.clicks.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [key, count] : rows) {
      std::string story = key.second;
      const std::string slug = story.size() > 13 ? story.substr(12, story.size() - 13) : "";
      if (const Story* found = site.find_story(slug)) {
        story = found->title.value;
      }
      table.rows.push_back({key.first, story, digits(count)});
    }
    add_table(table);
  }
  body += "<h3>Filtri usati</h3>\n";
  {
    ReportTable table;
    table.file = "filtri.csv";
    table.caption = "Filtri usati nelle ricerche";
    table.headers = {"Filtro", "Ricerche"};
    table.numeric = {false, true};
    for (const auto& [filter, count] : by_count(counts.filters)) {
      table.rows.push_back({filter, digits(count)});
    }
    add_table(table);
  }
  body +=
      "<h3>Ricerche nei log del server</h3>\n<p>Le ricerche come compaiono negli indirizzi richiesti "
      "(/cerca/?q= e /api/search?q=), normalizzate allo stesso modo; con la ricerca dal vivo una pausa "
      "mentre si scrive conta come una ricerca.</p>\n";
  {
    ReportTable table;
    table.file = "ricerche-log.csv";
    table.caption = "Ricerche nei log";
    table.headers = {"Ricerca", "Volte"};
    table.numeric = {false, true};
    table.shown_rows = 30;
    for (const auto& [query, count] : by_count(counts.log_queries)) {
      table.rows.push_back({query, digits(count)});
    }
    if (counts.log_queries_other > 0) {
      table.rows.push_back({"(altre ricerche oltre il limite)", digits(counts.log_queries_other)});
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
      util::html_escape(site.config.title) +
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
          util::html_escape(site.config.title) +
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
