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

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/output/output_writer.h"
#include "generator/render/theme.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"
#include "generator/util/status.h"

namespace vetrina {

// Templates every theme must provide (themes/<name>/templates/<name>.mustache).
const std::vector<std::string>& required_templates();

// Every site-relative address the build will publish ("/", "/esperienze/x/",
// "/feed.xml", ...), in output order.
std::vector<std::string> site_urls(const Site& site);

// Reports menu entries of site.yaml that point at an address the site does
// not publish (e.g. a page that was renamed).
void check_menu_links(const Site& site, DiagnosticBag& diagnostics);

// Fills body_html, body_text, files and linked_slugs of stories, and body_html of pages.
void render_bodies(Site& site, const util::FileSystem& fs, unsigned jobs, DiagnosticBag& diagnostics);
// The same for the stories at `stories` (indexes) only, and every page.
void render_bodies(Site& site, const util::FileSystem& fs, const std::vector<std::size_t>& stories, unsigned jobs,
                   DiagnosticBag& diagnostics);

struct RenderStats {
  std::size_t pages = 0;     // HTML pages of the site
  std::size_t files = 0;     // every file of the site made by the renderer (pages, feeds, static files)
  std::size_t rendered = 0;  // pages actually rendered (the others were reused, see RenderInputs)
};

// Fingerprints of what pages are made from (incremental builds, serve
// --watch). `site` covers what every page may show (the program, the theme,
// site.yaml, taxonomies.yaml); stories[i] covers everything of
// site.stories[i] (story_codec.h's story_fingerprint). A page made from equal
// fingerprints is equal, so an OutputSink that holds it may keep it.
struct RenderInputs {
  std::uint64_t site = 0;
  std::vector<std::uint64_t> stories;
};

// Renders a site's outputs, keeping what it prepared (the page plan, the
// story cards, the parsed templates) between renders: serve --watch renders
// a few pages per edit. `site` and `theme` must outlive it; after changing
// the site call refresh(). One render at a time (each renders in parallel).
class SiteRenderer {
 public:
  SiteRenderer(const Site& site, const Theme& theme);
  const Theme& theme() const { return m_theme; }
  ~SiteRenderer();
  SiteRenderer(const SiteRenderer&) = delete;
  SiteRenderer& operator=(const SiteRenderer&) = delete;

  // `cards`: stories changed in place (same index, same terms, same place in
  // the order). `replan`: stories were added, removed, reordered or got
  // other terms, or anything else changed: everything is prepared again.
  void refresh(const std::vector<std::size_t>& cards, bool replan);

  // Writes every output of the site into `out`. With `inputs`, a page whose
  // fingerprint `out` already holds (OutputSink::reuse) is not rendered;
  // pages that show site-wide data (home, plain pages, awards, events, 404)
  // are always rendered, and the sink compares their bytes. Throws
  // std::runtime_error on I/O failure.
  RenderStats render(const util::FileSystem& fs, OutputSink& out, unsigned jobs, BuildStatus& status,
                     const RenderInputs* inputs) const;

 private:
  struct State;
  const Site& m_site;
  const Theme& m_theme;
  std::unique_ptr<State> m_state;
};

// Writes the whole site (every page rendered). Throws std::runtime_error on I/O failure.
RenderStats render_site(const Site& site, const Theme& theme, const util::FileSystem& fs, OutputSink& out,
                        unsigned jobs, BuildStatus& status);

}  // namespace vetrina
