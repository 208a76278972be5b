#pragma once
// The content rules of DESIGN.md and the facts file, checked on a loaded Site:
// taxonomy ids (term_rules.h), school years, project-type rules, Quality
// Labels, photos and videos (media_rules.h), awards (award_rules.h),
// duplicate slugs and addresses.
// Every violation is one located error; all are reported. Links inside
// Markdown bodies are checked when the bodies are rendered (see renderer.h).
// Pure apart from file-existence checks through `fs`.

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// The stories are checked on `jobs` threads; the diagnostics are the same
// (DiagnosticBag sorts them).
void validate_site(const Site& site, const util::FileSystem& fs, DiagnosticBag& diagnostics, unsigned jobs = 1);
// validate_site in two halves, for serve --watch (which re-checks only the
// stories that changed): the rules about one story, and the rules about the
// site as a whole (duplicate and reserved addresses, pages, awards, featured).
void validate_story(const Site& site, const Story& story, const util::FileSystem& fs, DiagnosticBag& diagnostics);
void validate_site_wide(const Site& site, DiagnosticBag& diagnostics);
// The rules of `vetrina build --production` (CI on main): no invented example
// story or example award year, and every story cites its sources.
void validate_production(const Site& site, DiagnosticBag& diagnostics);

// The placeholder texts `vetrina new story` writes (each field's and each line
// of the body's): a story that still holds one is refused unless it is a
// draft. The scaffold (generator/cli/scaffold.cpp) writes these same texts.
struct ScaffoldPlaceholders {
  const char* summary;
  const char* school;
  const char* city;
  const char* teacher;
  const char* partner;
  const char* partner_city;
  std::vector<const char*> body_lines;
};
const ScaffoldPlaceholders& scaffold_placeholders();

// Top-level URL segments owned by the site itself; pages cannot use them.
const std::vector<std::string>& reserved_page_slugs();

}  // namespace vetrina
