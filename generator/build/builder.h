#pragma once
// The build pipeline (DESIGN.md "Data flow"): load content, validate, render
// Markdown; if any content error was found stop there, so nothing is written;
// otherwise render every page into a staged tree and swap it into place.
// Content errors are returned as diagnostics; I/O and other internal failures
// throw std::runtime_error (the CLI turns them into exit code 2).

#include <string>

#include "generator/build/build_options.h"
#include "generator/media/media.h"
#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"
#include "generator/util/status.h"

namespace vetrina {

struct BuildSummary {
  std::size_t stories = 0;
  std::size_t stories_from_cache = 0;  // not decoded again (story_cache.h)
  std::size_t pages = 0;               // HTML pages
  std::size_t pages_rendered = 0;      // of which rendered this run (the rest were unchanged)
  std::size_t files = 0;               // all files of the output
  std::size_t files_changed = 0;       // of which written this run (new or other bytes; the rest kept as they were)
  std::size_t indexed = 0;             // documents in the search index
  std::string index_action;            // "kept", "updated N" or "rebuilt"
  std::size_t photos = 0;              // photos published
  std::size_t photos_decoded = 0;      // of which decoded this run (the rest came from the cache)
};

class StoryCache;
class Theme;

// Loads, validates and renders the bodies of a site without writing anything
// (vetrina check, and the first half of a build). Returns the site even when
// `diagnostics` has errors.
// `media` (optional) receives how many photos were processed and decoded.
// `stories` (optional) skips decoding and rendering stories seen before.
Site check_site(const util::FileSystem& fs, const BuildOptions& options, DiagnosticBag& diagnostics,
                BuildStatus& status, MediaSummary* media = nullptr, StoryCache* stories = nullptr);

// The parsed-story cache of a build with `options` (in its cache folder).
std::string story_cache_path(const BuildOptions& options);

// The whole build, incremental (docs/architecture.md): pages whose inputs
// did not change are not rendered, files whose bytes did not change are kept
// as they were (same inode and mtime), an unchanged index is kept and a
// slightly changed one updated on a copy; when nothing changed nothing is
// written at all. Returns nullopt when content errors stopped it (then
// options.out_dir and the index are untouched).
std::optional<BuildSummary> build_site(const util::FileSystem& fs, const BuildOptions& options,
                                       DiagnosticBag& diagnostics, BuildStatus& status);

// The second half of build_site, for a site checked without errors: renders,
// indexes and swaps in what changed, and records the new state (output
// manifest, index state) in options.cache_dir. Throws std::runtime_error on
// I/O failure, leaving the output and the index as they were.
BuildSummary publish_site(const Site& site, const Theme& theme, const util::FileSystem& fs, const BuildOptions& options,
                          BuildStatus& status);

}  // namespace vetrina
