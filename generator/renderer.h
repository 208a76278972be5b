#pragma once
// Turns a validated Site into output files. Two steps:
// - render_bodies: the Markdown pass. Renders every story and page body,
//   checks links to other stories and to files beside a story (errors at the
//   link's line and column), rewrites story links to their URLs.
// - render_site: plans every page (home, lists, taxonomy pages, stories,
//   plain pages, 404, feed, sitemap, robots, static files) and renders them in
//   parallel, one TemplateSet per worker, through an OutputWriter.
// The output depends only on the Site and the Theme, never on the job count
// or the clock.

#include <string>
#include <vector>

#include "generator/diagnostics.h"
#include "generator/output_writer.h"
#include "generator/site.h"
#include "generator/status.h"
#include "generator/theme.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Templates every theme must provide (themes/<name>/templates/<name>.mustache).
const std::vector<std::string>& required_templates();

// Every site-relative address the build will publish ("/", "/esperienze/x/",
// "/feed.xml", ...), in output order.
std::vector<std::string> site_urls(const Site& site);

// Reports menu entries of site.yaml that point at an address the site does
// not publish (e.g. a page that was renamed).
void check_menu_links(const Site& site, DiagnosticBag& diagnostics);

// Fills body_html, body_text and files of stories and pages.
void render_bodies(Site& site, const util::FileSystem& fs, unsigned jobs, DiagnosticBag& diagnostics);

struct RenderStats {
  std::size_t pages = 0;  // HTML pages written
  std::size_t files = 0;  // every file written
};

// Writes the whole site. Throws std::runtime_error on I/O failure.
RenderStats render_site(const Site& site, const Theme& theme, const util::FileSystem& fs, OutputWriter& out,
                        unsigned jobs, BuildStatus& status);

// "/esperienze/x/" -> "esperienze/x/index.html"; "/404.html" -> "404.html".
std::string output_path(const std::string& url);

}  // namespace vetrina
