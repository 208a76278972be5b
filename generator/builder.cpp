#include "generator/builder.h"

#include <filesystem>

#include "generator/content_loader.h"
#include "generator/output_writer.h"
#include "generator/renderer.h"
#include "generator/theme.h"
#include "generator/util/parallel.h"
#include "generator/validator.h"
#include "search/indexer.h"

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
  // The index is staged too; both trees are swapped only when both are ready.
  status.phase("indice di ricerca", 0);
  search::IndexStats index_stats;
  const std::string index_staging = search::stage_index(site, options.index_dir, effective_jobs(options), &index_stats);
  status.phase("scambio delle cartelle", 0);
  try {
    out.commit();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(index_staging, ec);
    throw;
  }
  swap_directory(index_staging, options.index_dir, false);
  status.finish();
  BuildSummary summary;
  summary.stories = site.stories.size();
  summary.pages = stats.pages;
  summary.files = stats.files;
  summary.indexed = index_stats.documents;
  return summary;
}

}  // namespace vetrina
