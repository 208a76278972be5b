#include "generator/build/pipeline.h"

#include "generator/media/cover_image.h"

#include <numeric>
#include <string>
#include <unordered_set>

#include "generator/admin/admin_writer.h"
#include "generator/content/content_loader.h"
#include "generator/content/story_cache.h"
#include "generator/media/build_cache.h"
#include "generator/render/markdown_pass.h"
#include "generator/render/views.h"
#include "generator/util/parallel.h"

namespace vetrina {

unsigned effective_jobs(const BuildOptions& options) {
  return options.jobs == 0 ? util::default_jobs() : options.jobs;
}

Site load_stage(const util::FileSystem& fs, const BuildOptions& options, StoryCache* stories,
                DiagnosticBag& diagnostics) {
  LoadOptions load_options;
  load_options.include_drafts = options.include_drafts;
  load_options.jobs = effective_jobs(options);
  load_options.cache = stories;
  return load_content(fs, options.content_dir, load_options, diagnostics);
}

void markdown_stage(Site& site, const util::FileSystem& fs, const BuildOptions& options, StoryCache* stories,
                    DiagnosticBag& diagnostics) {
  std::vector<std::size_t> to_render;
  if (stories != nullptr) {
    to_render = stories->restore_bodies(site, fs);
  } else {
    to_render.resize(site.stories.size());
    std::iota(to_render.begin(), to_render.end(), std::size_t{0});
  }
  render_bodies(site, fs, to_render, effective_jobs(options), diagnostics);
  if (stories != nullptr) {
    std::unordered_set<std::string> failed;
    for (const auto& diagnostic : diagnostics.sorted()) {
      failed.insert(diagnostic.location.path);
    }
    stories->store_bodies(site, to_render, failed);
  }
}

void markdown_stage(Site& site, const util::FileSystem& fs, const BuildOptions& options,
                    const std::vector<std::size_t>& changed, DiagnosticBag& diagnostics) {
  render_bodies(site, fs, changed, effective_jobs(options), diagnostics);
}

MediaSummary media_stage(Site& site, const util::FileSystem& fs, const BuildOptions& options,
                         const std::vector<std::size_t>* changed, DiagnosticBag& diagnostics, BuildStatus& status) {
  BuildCache cache(options.cache_dir, !options.write_cache);
  if (changed == nullptr) {
    return process_media(site, fs, cache, effective_jobs(options), diagnostics, status);
  }
  return process_media(site, *changed, fs, cache, effective_jobs(options), diagnostics, status);
}

RenderStats render_stage(const SiteRenderer& renderer, const Site& site, const util::FileSystem& fs,
                         const BuildOptions& options, const RenderInputs& inputs, OutputSink& out,
                         BuildStatus& status) {
  const RenderStats stats = renderer.render(fs, out, effective_jobs(options), status, &inputs);
  BuildCache cache(options.cache_dir);
  write_media(site, cache, fs, out);
  // The covers the pages link to: the views made their names already.
  const Views& views = renderer.views();
  write_covers(site, renderer.theme().cover_font(), cache, out, effective_jobs(options),
               [&views](std::size_t i) { return views.generated_cover_of(i); });
  write_admin(site, fs, options.theme_dir, out);
  return stats;
}

}  // namespace vetrina
