#pragma once
// The /cerca/ hook of `vetrina serve`: loads site.yaml, taxonomies.yaml and
// the theme, and renders the page with them (render/search_page.h). The
// service calls the factory again after each index swap, so a rebuilt site's
// theme and vocabularies are picked up without a restart.

#include <string>

#include "search/service/server.h"

namespace vetrina::cli {

// The factory throws std::runtime_error carrying the located diagnostics when
// the configuration or the theme has errors.
search::SearchPageFactory search_page_factory(std::string content_dir, std::string theme_dir);

}  // namespace vetrina::cli
