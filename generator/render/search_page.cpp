#include "generator/render/search_page.h"

#include <atomic>
#include <map>
#include <stdexcept>

#include "generator/render/renderer.h"
#include "generator/util/strings.h"
#include "search/index/indexer.h"

namespace vetrina::search {

namespace {

using kainjow::mustache::data;

std::atomic<std::uint64_t> g_generation{0};

const char* facet_title(const Site& site, std::size_t facet) {
  const auto taxonomy = facet_taxonomy_id(facet);
  return taxonomy ? site.taxonomy(*taxonomy).plural.c_str() : "Anno scolastico";
}

std::string results_label(std::size_t total, const std::string& query) {
  if (total == 0) {
    return "Nessuna esperienza trovata";
  }
  std::string label = util::format_thousands(static_cast<long long>(total)) +
                      (total == 1 ? " esperienza trovata" : " esperienze trovate");
  return query.empty() ? label : label + " per «" + query + "»";
}

}  // namespace

std::string search_url(const SearchRequest& request, int page) {
  std::string query;
  auto add = [&query](const std::string& name, const std::string& value) {
    query += (query.empty() ? "?" : "&") + name + "=" + util::url_encode(value);
  };
  if (!request.query.empty()) {
    add("q", request.query);
  }
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    for (const auto& id : request.selected[f]) {
      add(k_facets[f].name, id);
    }
  }
  if (request.sort_recent) {
    add("sort", "recenti");
  }
  if (page > 1) {
    add("page", std::to_string(page));
  }
  return "/cerca/" + query;
}

SearchPage::SearchPage(Site site, Theme theme)
    : m_site(std::move(site)), m_theme(std::move(theme)), m_generation(++g_generation) {
  m_views = std::make_unique<Views>(m_site, *m_theme);
}

SearchPage::~SearchPage() = default;

std::string SearchPage::render(const SearchRequest& request, const SearchResult* result, const IndexInfo& info,
                               const std::string& error) const {
  PageMeta meta;
  meta.url = "/cerca/";
  meta.title = request.query.empty() ? "Cerca" : "Cerca: " + request.query;
  meta.description = "Cerca tra le esperienze eTwinning per parola, livello scolastico, competenza e disciplina.";
  meta.noindex = !request.query.empty() || result == nullptr;
  meta.crumbs = {{"Home", "/"}};

  data view;
  view.set("query", request.query);
  view.set("sort_recent", request.sort_recent);
  if (!error.empty()) {
    view.set("error", error);
  }
  if (result != nullptr) {
    view.set("summary", results_label(result->total, request.query));
    data hits{data::type::list};
    for (const auto& hit : result->hits) {
      data entry;
      entry.set("url", hit.url);
      entry.set("title", hit.title);
      entry.set("snippet", hit.snippet);
      if (!hit.school_year.empty()) {
        entry.set("school_year", hit.school_year);
      }
      if (hit.example) {
        entry.set("example", std::string(k_example_notice));
      }
      data levels{data::type::list};
      for (const auto& level : hit.levels) {
        levels.push_back(data{"label", level.label});
      }
      entry.set("levels", levels);
      hits.push_back(entry);
    }
    view.set("results", hits);
    const int last = std::max(1, static_cast<int>((result->total + k_results_per_page - 1) / k_results_per_page));
    if (request.page > last) {
      data past_end;
      past_end.set("message", last == 1 ? std::string("I risultati stanno in una sola pagina")
                                        : "I risultati arrivano fino alla pagina " + std::to_string(last));
      past_end.set("url", search_url(request, last));
      view.set("past_end", past_end);
    }
    if (result->corrected_query) {
      data corrected;
      corrected.set("typed", request.query);
      corrected.set("searched", *result->corrected_query);
      view.set("corrected", corrected);
    }
    if (result->relaxed) {
      const std::size_t matched = result->relaxed->matched;
      const std::size_t words = result->relaxed->words;
      view.set("relaxed_text",
               "Nessun risultato con tutte le parole; ecco quelli con almeno " +
                   (matched == 1 ? std::string("una delle ") + std::to_string(words) + " parole"
                                 : std::to_string(matched) + " delle " + std::to_string(words) + " parole") +
                   ".");
    }
    if (!result->widen.empty()) {
      data widen{data::type::list};
      for (const auto& entry : result->widen) {
        SearchRequest wider = request;
        wider.selected[entry.facet].clear();
        wider.page = 1;
        data item;
        item.set("label", facet_title(m_site, entry.facet));
        item.set("url", search_url(wider, 1));
        item.set("total", util::format_thousands(static_cast<long long>(entry.total)) +
                              (entry.total == 1 ? " esperienza" : " esperienze"));
        widen.push_back(item);
      }
      view.set("has_widen", true);
      view.set("widen", widen);
    }
    if (result->suggestion) {
      SearchRequest corrected = request;
      corrected.query = *result->suggestion;
      data suggestion;
      suggestion.set("text", *result->suggestion);
      suggestion.set("url", search_url(corrected, 1));
      view.set("suggestion", suggestion);
    }
    const int pages = static_cast<int>((result->total + k_results_per_page - 1) / k_results_per_page);
    if (pages > 1) {
      data pagination;
      pagination.set("current", std::to_string(request.page));
      pagination.set("total", std::to_string(pages));
      if (request.page > 1) {
        pagination.set("prev_url", search_url(request, request.page - 1));
      }
      if (request.page < pages) {
        pagination.set("next_url", search_url(request, request.page + 1));
      }
      data links{data::type::list};
      for (const auto& link : pagination_window(request.page, pages, "/cerca/")) {
        data entry;
        if (link.number == 0) {
          entry.set("ellipsis", true);
        } else {
          entry.set("number", std::to_string(link.number));
          entry.set("url", search_url(request, link.number));
          entry.set("current", link.current);
        }
        links.push_back(entry);
      }
      pagination.set("pages", links);
      view.set("pagination", pagination);
    }
  }

  // Facet checkboxes: from the result's counts, or (on an error page) the
  // index's terms without counts so the form still works.
  data facets{data::type::list};
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    data values{data::type::list};
    const auto& selected = request.selected[f];
    auto add_value = [&](const std::string& id, const std::string& label, const std::string& count, bool checked) {
      data entry;
      entry.set("id", id);
      entry.set("label", label);
      if (!count.empty()) {
        entry.set("count", count);
      }
      entry.set("checked", checked);
      entry.set("input_id", std::string("f-") + k_facets[f].name + "-" + id);
      values.push_back(entry);
    };
    if (result != nullptr) {
      for (const auto& value : result->facets[f]) {
        add_value(value.id, value.label, util::format_thousands(static_cast<long long>(value.count)), value.selected);
      }
    } else {
      for (const auto& term : info.terms[f]) {
        add_value(term.id, term.label, "", std::find(selected.begin(), selected.end(), term.id) != selected.end());
      }
    }
    if (values.is_empty_list()) {
      continue;
    }
    data facet;
    facet.set("name", k_facets[f].name);
    facet.set("label", facet_title(m_site, f));
    facet.set("values", values);
    // Open: the school level, and any facet with a selection. The others
    // start closed so that on a phone the results are not ~2,000 px below
    // the search box (the live script keeps open what the visitor opened).
    facet.set("open", !selected.empty() || f == 0);
    facets.push_back(facet);
  }
  std::size_t active = 0;
  for (const auto& selected : request.selected) {
    active += selected.size();
  }
  data filters;
  filters.set("facets", facets);
  filters.set("sort_recent", request.sort_recent);
  if (active > 0) {
    filters.set("active", std::to_string(active) + (active == 1 ? " attivo" : " attivi"));
  }
  view.set("filters", filters);

  thread_local std::uint64_t generation = 0;
  thread_local std::unique_ptr<TemplateSet> templates;
  if (!templates || generation != m_generation) {
    templates = std::make_unique<TemplateSet>(*m_theme);
    generation = m_generation;
  }
  TemplateData context = m_views->frame(meta);
  context.set("search", view);
  return templates->get("search").render(context);
}

}  // namespace vetrina::search
