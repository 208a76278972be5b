#pragma once
// /cerca/: the search results rendered as HTML by the theme's
// `search.mustache`, inside the same frame as every other page (menus,
// breadcrumbs, head). A plain GET form with facet checkboxes and counts, so
// search works with JavaScript off; `assets/search.js` only makes it live.
// Everything the visitor typed reaches the page through Mustache's escaping;
// the only raw field is Xapian's snippet, which Xapian escapes itself.
//
// A SearchPage is immutable after construction; render() may be called from
// many threads (each keeps its own parsed templates).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "generator/model/site.h"
#include "generator/render/theme.h"
#include "generator/render/views.h"
#include "search/query/query.h"
#include "search/service/server.h"

namespace vetrina::search {

// The service's /cerca/ hook (search/service/server.h), implemented with the
// site's theme and views.
class SearchPage final : public SearchPageRenderer {
 public:
  // `site` needs its configuration and taxonomies only (no stories).
  SearchPage(Site site, Theme theme);
  ~SearchPage() override;
  SearchPage(const SearchPage&) = delete;
  SearchPage& operator=(const SearchPage&) = delete;

  // The page for a request and its result; with `error` set instead, a
  // friendly page explaining what to correct (the caller sends HTTP 400).
  std::string render(const SearchRequest& request, const SearchResult* result, const IndexInfo& info,
                     const std::string& error) const override;

 private:
  Site m_site;
  std::optional<Theme> m_theme;
  std::unique_ptr<Views> m_views;
  std::uint64_t m_generation;
};

// "/cerca/?q=...&livello=a&page=2": the address of `request` on page `page`
// (page 1 is left out), parameters in a stable order.
std::string search_url(const SearchRequest& request, int page);

}  // namespace vetrina::search
