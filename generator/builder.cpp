#include "generator/builder.h"

#include "generator/content_loader.h"
#include "generator/output_writer.h"
#include "generator/renderer.h"
#include "generator/theme.h"
#include "generator/util/parallel.h"
#include "generator/validator.h"

namespace vetrina {

namespace {

unsigned effective_jobs(const BuildOptions& options) {
  return options.jobs == 0 ? util::default_jobs() : options.jobs;
}

}  // namespace

Site check_site(const util::FileSystem& fs, const BuildOptions& options, DiagnosticBag& diagnostics,
                BuildStatus& status) {
  status.phase("lettura dei contenuti", 0);
  LoadOptions load_options;
  load_options.include_drafts = options.include_drafts;
  load_options.jobs = effective_jobs(options);
  Site site = load_content(fs, options.content_dir, load_options, diagnostics);
  status.phase("controllo", 0);
  validate_site(site, fs, diagnostics);
  status.phase("markdown", 0);
  render_bodies(site, fs, load_options.jobs, diagnostics);
  check_menu_links(site, diagnostics);
  return site;
}

std::optional<BuildSummary> build_site(const util::FileSystem& fs, const BuildOptions& options,
                                       DiagnosticBag& diagnostics, BuildStatus& status) {
  const Site site = check_site(fs, options, diagnostics, status);
  const auto theme = Theme::load(fs, options.theme_dir, required_templates(), diagnostics);
  if (diagnostics.has_errors() || !theme) {
    status.finish();
    return std::nullopt;
  }
  OutputWriter out(options.out_dir);
  const RenderStats stats = render_site(site, *theme, fs, out, effective_jobs(options), status);
  out.commit();
  status.finish();
  BuildSummary summary;
  summary.stories = site.stories.size();
  summary.pages = stats.pages;
  summary.files = stats.files;
  return summary;
}

}  // namespace vetrina
