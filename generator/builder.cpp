#include "generator/builder.h"

#include <filesystem>
#include <future>

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
                BuildStatus& status, MediaSummary* media) {
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
  BuildCache cache(options.cache_dir, !options.write_cache);
  const MediaSummary summary = process_media(site, fs, cache, load_options.jobs, diagnostics, status);
  if (media != nullptr) {
    *media = summary;
  }
  return site;
}

std::optional<BuildSummary> build_site(const util::FileSystem& fs, const BuildOptions& options,
                                       DiagnosticBag& diagnostics, BuildStatus& status) {
  MediaSummary media;
  const Site site = check_site(fs, options, diagnostics, status, &media);
  const auto theme = Theme::load(fs, options.theme_dir, required_templates(), diagnostics);
  if (diagnostics.has_errors() || !theme) {
    status.finish();
    return std::nullopt;
  }
  OutputWriter out(options.out_dir);
  // The index is staged too (both trees are swapped only when both are
  // ready), and built while the pages are written: writing pages waits on
  // the disk, indexing on the processor.
  search::IndexStats index_stats;
  auto main_index = std::async(std::launch::async, [&] {
    return search::stage_index(site, options.index_dir, effective_jobs(options), &index_stats);
  });
  RenderStats stats;
  try {
    stats = render_site(site, *theme, fs, out, effective_jobs(options), status);
    const BuildCache cache(options.cache_dir);
    write_media(site, cache, fs, out);
  } catch (...) {
    try {
      std::error_code ec;
      std::filesystem::remove_all(main_index.get(), ec);
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
      std::filesystem::remove_all(staging, ec);
    }
  };
  try {
    staged.emplace_back(main_index.get(), options.index_dir);
    // Shards for remote search: story i goes to shard i mod N.
    for (unsigned shard = 0; shard < options.index_shards; ++shard) {
      Site part;
      part.config = site.config;
      part.taxonomies = site.taxonomies;
      for (std::size_t i = shard; i < site.stories.size(); i += options.index_shards) {
        part.stories.push_back(site.stories[i]);
      }
      part.index();
      const std::string target = options.index_dir + "-shard-" + std::to_string(shard);
      staged.emplace_back(search::stage_index(part, target, effective_jobs(options), nullptr), target);
    }
    status.phase("scambio delle cartelle", 0);
    out.commit();
  } catch (...) {
    discard_staged();
    throw;
  }
  for (const auto& [staging, target] : staged) {
    swap_directory(staging, target, false);
  }
  status.finish();
  BuildSummary summary;
  summary.stories = site.stories.size();
  summary.pages = stats.pages;
  summary.files = stats.files;
  summary.indexed = index_stats.documents;
  summary.photos = media.photos;
  summary.photos_decoded = media.decoded;
  return summary;
}

}  // namespace vetrina
