#pragma once
// The Markdown pass of a build: renders every story and page body
// (markdown.h), checks its links to other stories and to files beside a
// story (errors at the link's line and column, in a DiagnosticBag), and
// rewrites story links to their addresses. Stories are rendered in
// parallel, each by one thread; the Site must not change meanwhile.

#include <cstddef>
#include <vector>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Fills body_html, body_text, files and linked_slugs of stories, and body_html of pages.
void render_bodies(Site& site, const util::FileSystem& fs, unsigned jobs, DiagnosticBag& diagnostics);
// The same for the stories at `stories` (indexes) only, and every page.
void render_bodies(Site& site, const util::FileSystem& fs, const std::vector<std::size_t>& stories, unsigned jobs,
                   DiagnosticBag& diagnostics);

}  // namespace vetrina
