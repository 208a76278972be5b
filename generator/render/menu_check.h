#pragma once
// The menu check: every site address of site.yaml's menus must be a page
// the build publishes (renderer.h's site_urls). Pure: reads the Site,
// reports into a DiagnosticBag (thread-safe).

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// Reports menu entries of site.yaml that point at an address the site does
// not publish (e.g. a page that was renamed), at the entry's line, with the
// nearest published address as a hint. External addresses are not checked.
void check_menu_links(const Site& site, DiagnosticBag& diagnostics);

}  // namespace vetrina
