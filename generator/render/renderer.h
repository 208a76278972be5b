#pragma once
// Turns a validated Site (bodies already rendered, markdown_pass.h) into
// output files: plans every page from the page table (page_table.h: home,
// lists, taxonomy pages, stories, plain pages, awards, events, 404,
// /numeri/), renders them in parallel, one TemplateSet per worker, and
// writes them with the feed, sitemap, robots, static files and files beside
// stories through an OutputSink. The output depends only on the Site and the
// Theme, never on the job count or the clock.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/output/output_writer.h"
#include "generator/render/render_inputs.h"
#include "generator/render/theme.h"
#include "generator/util/file_system.h"
#include "generator/util/status.h"

namespace vetrina {

// Templates every theme must provide (themes/<name>/templates/<name>.mustache).
const std::vector<std::string>& required_templates();

// Every site-relative address the build will publish ("/", "/esperienze/x/",
// "/feed.xml", ...), in output order.
std::vector<std::string> site_urls(const Site& site);

struct RenderStats {
  std::size_t pages = 0;     // HTML pages of the site
  std::size_t files = 0;     // every file of the site made by the renderer (pages, feeds, static files)
  std::size_t rendered = 0;  // pages actually rendered (the others were reused, see RenderInputs)
};

// Renders a site's outputs, keeping what it prepared (the page plan, the
// story cards, the parsed templates) between renders: serve --watch renders
// a few pages per edit. `site` and `theme` must outlive it; after changing
// the site call refresh(). One render at a time (each renders in parallel).
class Views;

class SiteRenderer {
 public:
  SiteRenderer(const Site& site, const Theme& theme);
  const Theme& theme() const { return m_theme; }
  // The views of the current plan (the pages' data: covers, cards).
  const Views& views() const;
  ~SiteRenderer();
  SiteRenderer(const SiteRenderer&) = delete;
  SiteRenderer& operator=(const SiteRenderer&) = delete;

  // `cards`: stories changed in place (same index, same terms, same place in
  // the order). `replan`: stories were added, removed, reordered or got
  // other terms, or anything else changed: everything is prepared again.
  void refresh(const std::vector<std::size_t>& cards, bool replan);

  // Writes every output of the site into `out`. With `inputs`, a page whose
  // fingerprint `out` already holds (OutputSink::reuse) is not rendered;
  // pages without fingerprint in the page table (home, plain pages, awards,
  // events, 404, /numeri/) are always rendered, and the sink compares their
  // bytes. Throws
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
