#include "generator/build/builder.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <numeric>
#include <unordered_set>

#include "generator/content/content_loader.h"
#include "generator/build/incremental.h"
#include "generator/output/output_writer.h"
#include "generator/render/renderer.h"
#include "generator/content/story_cache.h"
#include "generator/render/theme.h"
#include "generator/util/parallel.h"
#include "generator/check/validator.h"
#include "search/index/indexer.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

unsigned effective_jobs(const BuildOptions& options) {
  return options.jobs == 0 ? util::default_jobs() : options.jobs;
}

// A copy of the index folder `dir` in a staging folder beside it, for an
// update that must not touch the live index until the swap.
std::string copy_index(const std::string& dir) {
  static std::atomic<unsigned> counter{0};
  const fs::path path(dir);
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string staging = (parent / ("." + path.filename().string() + ".staging-" + std::to_string(::getpid()) +
                                         "-u" + std::to_string(counter++)))
                                  .string();
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::copy(dir, staging, fs::copy_options::recursive, ec);
  if (ec) {
    fs::remove_all(staging, ec);
    throw std::runtime_error("cannot copy the search index " + dir + ": " + ec.message());
  }
  return staging;
}

bool shards_present(const BuildOptions& options) {
  std::error_code ec;
  for (unsigned shard = 0; shard < options.index_shards; ++shard) {
    if (!fs::is_directory(options.index_dir + "-shard-" + std::to_string(shard), ec)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string story_cache_path(const BuildOptions& options) { return options.cache_dir + "/stories"; }

Site check_site(const util::FileSystem& fs, const BuildOptions& options, DiagnosticBag& diagnostics,
                BuildStatus& status, MediaSummary* media, StoryCache* stories) {
  status.phase("lettura dei contenuti", 0);
  LoadOptions load_options;
  load_options.include_drafts = options.include_drafts;
  load_options.jobs = effective_jobs(options);
  load_options.cache = stories;
  Site site = load_content(fs, options.content_dir, load_options, diagnostics);
  status.phase("controllo", 0);
  validate_site(site, fs, diagnostics);
  status.phase("markdown", 0);
  std::vector<std::size_t> todo;
  if (stories != nullptr) {
    todo = stories->restore_bodies(site, fs);
  } else {
    todo.resize(site.stories.size());
    std::iota(todo.begin(), todo.end(), std::size_t{0});
  }
  render_bodies(site, fs, todo, load_options.jobs, diagnostics);
  if (stories != nullptr) {
    std::unordered_set<std::string> failed;
    for (const auto& diagnostic : diagnostics.sorted()) {
      failed.insert(diagnostic.location.path);
    }
    stories->store_bodies(site, todo, failed);
  }
  check_menu_links(site, diagnostics);
  BuildCache cache(options.cache_dir, !options.write_cache);
  const MediaSummary summary = process_media(site, fs, cache, load_options.jobs, diagnostics, status);
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
  const Site site = check_site(fs, options, diagnostics, status, &media, &stories);
  const auto theme = Theme::load(fs, options.theme_dir, required_templates(), diagnostics);
  stories.save();  // what was decoded is worth keeping even when the build stops here
  if (diagnostics.has_errors() || !theme) {
    status.finish();
    return std::nullopt;
  }
  BuildSummary summary = publish_site(site, *theme, fs, options, status);
  summary.photos = media.photos;
  summary.photos_decoded = media.decoded;
  summary.stories_from_cache = stories.hits();
  return summary;
}

BuildSummary publish_site(const Site& site, const Theme& theme, const util::FileSystem& fs,
                          const BuildOptions& options, BuildStatus& status) {
  const unsigned jobs = effective_jobs(options);
  // What the last build left, and what changed since (incremental.h).
  status.phase("confronto con la build precedente", 0);
  const RenderInputs inputs = render_inputs(site, site_fingerprint(fs, options, theme), jobs);
  const std::string manifest_path = OutputManifest::path_for(options.cache_dir, options.out_dir);
  const std::string spare_path = OutputManifest::spare_path_for(options.cache_dir, options.out_dir);
  const OutputManifest previous_outputs = OutputManifest::load(manifest_path);
  OutputWriter out(options.out_dir, previous_outputs, OutputManifest::load(spare_path));
  {
    // The spare tree is being changed: until the next save it is described by nothing.
    std::error_code ec;
    fs::remove(spare_path, ec);
  }
  const std::string state_path = IndexState::path_for(options.cache_dir, options.index_dir);
  const IndexState previous_index = IndexState::load(state_path);
  IndexState next_index = index_state_of(site, inputs, fs, options);
  const IndexPlan index_plan = plan_index(site, previous_index, next_index, options.index_dir,
                                          std::max<std::size_t>(50, site.stories.size() / 20));

  // The index is staged too (both trees are swapped only when both are
  // ready), and built while the pages are written: writing pages waits on
  // the disk, indexing on the processor. "" = the index is kept as it is.
  search::IndexStats index_stats;
  index_stats.documents = site.stories.size();
  std::string index_action = _("kept");
  auto main_index = std::async(std::launch::async, [&]() -> std::string {
    if (index_plan.action == IndexPlan::Action::keep) {
      return {};
    }
    if (index_plan.action == IndexPlan::Action::update) {
      const std::string staging = copy_index(options.index_dir);
      bool updated = false;
      try {
        updated = search::update_index(site, staging, index_plan.changed, index_plan.removed);
      } catch (...) {
        std::error_code ec;
        fs::remove_all(staging, ec);
        throw;
      }
      if (updated) {
        index_action = tr("updated {}", std::to_string(index_plan.changed.size() + index_plan.removed.size()));
        return staging;
      }
      std::error_code ec;
      fs::remove_all(staging, ec);
    }
    index_action = _("rebuilt");
    return search::stage_index(site, options.index_dir, jobs, &index_stats);
  });
  RenderStats stats;
  try {
    const SiteRenderer renderer(site, theme);
    stats = renderer.render(fs, out, jobs, status, &inputs);
    const BuildCache cache(options.cache_dir);
    write_media(site, cache, fs, out);
  } catch (...) {
    try {
      std::error_code ec;
      const std::string staged = main_index.get();
      if (!staged.empty()) {
        fs::remove_all(staged, ec);
      }
    } catch (...) {
      // The render error is the one to report.
    }
    throw;
  }
  status.phase("indice di ricerca", 0);
  std::vector<std::pair<std::string, std::string>> staged;  // staging folder -> target
  auto discard_staged = [&staged] {
    std::error_code ec;
    for (const auto& [staging, target] : staged) {
      fs::remove_all(staging, ec);
    }
  };
  bool site_changed = false;
  try {
    const std::string index = main_index.get();
    if (!index.empty()) {
      staged.emplace_back(index, options.index_dir);
    }
    // Shards for remote search: story i goes to shard i mod N.
    const bool shards_current = index.empty() && previous_index.shards == options.index_shards && shards_present(options);
    for (unsigned shard = 0; shard < options.index_shards && !shards_current; ++shard) {
      Site part;
      part.config = site.config;
      part.taxonomies = site.taxonomies;
      for (std::size_t i = shard; i < site.stories.size(); i += options.index_shards) {
        part.stories.push_back(site.stories[i]);
      }
      part.index();
      const std::string target = options.index_dir + "-shard-" + std::to_string(shard);
      staged.emplace_back(search::stage_index(part, target, jobs, nullptr), target);
    }
    // Nothing changed: public/ stays exactly as it is (no swap at all).
    site_changed = !out.unchanged();
    if (site_changed) {
      status.phase("scambio delle cartelle", 0);
      out.commit();
    }
  } catch (...) {
    discard_staged();
    throw;
  }
  for (const auto& [staging, target] : staged) {
    swap_directory(staging, target, false);
  }
  if (site_changed || out.manifest().files() != previous_outputs.files()) {
    out.manifest().save(manifest_path);
  }
  if (!out.spare_manifest().files().empty()) {
    out.spare_manifest().save(spare_path);
  }
  next_index.identify(options.index_dir);
  if (!staged.empty() || next_index.fingerprint != previous_index.fingerprint ||
      next_index.inode != previous_index.inode || next_index.device != previous_index.device) {
    next_index.save(state_path);
  }
  status.finish();
  BuildSummary summary;
  summary.stories = site.stories.size();
  summary.pages = stats.pages;
  summary.pages_rendered = stats.rendered;
  summary.files = out.files_written();
  summary.files_changed = out.files_changed();
  summary.indexed = index_stats.documents;
  summary.index_action = index_action;
  return summary;
}

}  // namespace vetrina
