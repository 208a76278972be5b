#pragma once
// The search filters of a story list (/esperienze/ and the term pages of a
// search facet), for the theme's `filters` partial: the same facets as
// /cerca/, counted over the list's stories, with the page's own term
// checked. The form submits to /cerca/ (a plain GET without JavaScript;
// assets/search.js makes it live), so "primaria + inglese" is one click
// from a term page. Thread-safety: pure function of a read-only Site.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/model/site.h"
#include "generator/render/term_places.h"
#include "generator/render/views.h"

namespace vetrina {

// `own`: the taxonomy and term of a term page (nullopt for /esperienze/).
// Returns an empty optional when the page cannot be filtered the /cerca/
// way (a taxonomy that is not a search facet: its term could not stay
// selected).
// `places`: site's stories' terms as places (Views::term_places()).
std::optional<TemplateData> list_filters(const Site& site, const TermPlaces& places,
                                         const std::vector<std::size_t>& stories,
                                         const std::optional<std::pair<TaxonomyId, std::string>>& own);

}  // namespace vetrina
