#include "generator/build/builder.h"

#include <algorithm>
#include <filesystem>
#include <future>

#include "generator/admin/admin_writer.h"
#include "generator/build/incremental.h"
#include "generator/build/index_publisher.h"
#include "generator/build/pipeline.h"
#include "generator/check/validator.h"
#include "generator/content/story_cache.h"
#include "generator/output/output_writer.h"
#include "generator/render/menu_check.h"
#include "generator/render/renderer.h"
#include "generator/render/theme.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

}  // namespace

std::string story_cache_path(const BuildOptions& options) {
  return options.cache_dir + "/stories";
}

Site check_site(const util::FileSystem& fs, const BuildOptions& options, DiagnosticBag& diagnostics,
                BuildStatus& status, MediaSummary* media, StoryCache* stories) {
  status.phase("lettura dei contenuti", 0);
  Site site = load_stage(fs, options, stories, diagnostics);
  status.phase("controllo", 0);
  validate_site(site, fs, diagnostics, effective_jobs(options));
  if (options.production) {
    validate_production(site, diagnostics);
  }
  status.phase("markdown", 0);
  markdown_stage(site, fs, options, stories, diagnostics);
  check_menu_links(site, diagnostics);
  check_admin(fs, options.content_dir, options.theme_dir, diagnostics);
  const MediaSummary summary = media_stage(site, fs, options, nullptr, diagnostics, status);
  if (media != nullptr) {
    *media = summary;
  }
  return site;
}

std::optional<BuildSummary> build_site(const util::FileSystem& fs, const BuildOptions& options,
                                       DiagnosticBag& diagnostics, BuildStatus& status) {
  const BuildCache cache_folder(options.cache_dir);  // empties a cache of another version before anything is read
  StoryCache stories(story_cache_path(options), false);
  MediaSummary media;
  Site site = check_site(fs, options, diagnostics, status, &media, &stories);
  const auto theme = Theme::load(fs, options.theme_dir, required_templates(), diagnostics);
  stories.save();  // what was decoded is worth keeping even when the build stops here
  if (diagnostics.has_errors() || !theme) {
    status.finish();
    return std::nullopt;
  }
  // From here on only the rendered bodies are read (fingerprints leave the
  // Markdown out): 2.5 KB a story packed, 250 MB at 100,000 stories.
  for (Story& story : site.stories) {
    story.body.clear();
  }
  BuildSummary summary = publish_site(site, *theme, fs, options, status);
  summary.photos = media.photos;
  summary.photos_decoded = media.decoded;
  summary.stories_from_cache = stories.hits();
  return summary;
}

BuildSummary publish_site(const Site& site, const Theme& theme, const util::FileSystem& fs, const BuildOptions& options,
                          BuildStatus& status) {
  // What the last build left, and what changed since (incremental.h).
  status.phase("confronto con la build precedente", 0);
  const RenderInputs inputs = render_inputs(site, site_fingerprint(fs, options, theme), effective_jobs(options));
  const std::string manifest_path = OutputManifest::path_for(options.cache_dir, options.out_dir);
  const std::string spare_path = OutputManifest::spare_path_for(options.cache_dir, options.out_dir);
  const OutputManifest previous_outputs = OutputManifest::load(manifest_path);
  OutputWriter out(options.out_dir, previous_outputs, OutputManifest::load(spare_path));
  {
    // The spare tree is being changed: until the next save it is described by nothing.
    std::error_code ec;
    fs::remove(spare_path, ec);
  }
  IndexPublisher index(options, IndexPublisher::Mode::staged);
  const IndexPlan index_plan = index.plan(site, inputs, fs, std::max<std::size_t>(50, site.stories.size() / 20));

  // The index is staged too (both trees are swapped only when both are
  // ready), and built while the pages are written: writing pages waits on
  // the disk, indexing on the processor.
  auto main_index = std::async(std::launch::async, [&] { index.stage(site, inputs, fs, index_plan); });
  RenderStats stats;
  try {
    const SiteRenderer renderer(site, theme);
    stats = render_stage(renderer, site, fs, options, inputs, out, status);
  } catch (...) {
    try {
      main_index.get();
    } catch (...) {
      // The render error is the one to report.
    }
    index.discard();
    throw;
  }
  status.phase("indice di ricerca", 0);
  bool site_changed = false;
  try {
    main_index.get();
    index.stage_shards(site);  // for remote search
    // Nothing changed: public/ stays exactly as it is (no swap at all).
    site_changed = !out.unchanged();
    if (site_changed) {
      status.phase("scambio delle cartelle", 0);
      out.commit();
    }
  } catch (...) {
    index.discard();
    throw;
  }
  index.swap();
  if (site_changed || out.manifest().files() != previous_outputs.files()) {
    out.manifest().save(manifest_path);
  }
  if (!out.spare_manifest().files().empty()) {
    out.spare_manifest().save(spare_path);
  }
  index.save();
  status.finish();
  BuildSummary summary;
  summary.stories = site.stories.size();
  summary.pages = stats.pages;
  summary.pages_rendered = stats.rendered;
  summary.files = out.files_written();
  summary.files_changed = out.files_changed();
  summary.indexed = site.stories.size();
  summary.index_action = index.action();
  return summary;
}

}  // namespace vetrina
