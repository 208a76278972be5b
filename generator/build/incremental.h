#pragma once
// What makes builds incremental (docs/architecture.md "Incremental builds"):
// fingerprints of what pages and index documents are made from, and the
// saved state of the search index, so a rebuild renders only pages whose
// inputs changed and reindexes only stories that changed.
//
// - The site fingerprint covers what any page may show besides its stories:
//   the vetrina binary itself, the theme (templates and static files),
//   site.yaml, taxonomies.yaml and the drafts flag. When it changes every
//   page is rendered again.
// - A story's fingerprint (story_codec.h) covers the story and what was
//   attached to it (recognitions, published photos).
// - The index state (in the build cache, one per index folder) records the
//   index's fingerprint, each story's fingerprint and the folder's identity;
//   the next build keeps the index, updates a copy of it, or rebuilds it.
// Pure functions apart from reading files; IndexState I/O is atomic.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "generator/build/build_options.h"
#include "generator/model/site.h"
#include "generator/render/renderer.h"
#include "generator/render/theme.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Hash of a loaded theme: every template (partials inlined) and static file.
std::uint64_t theme_fingerprint(const Theme& theme);

// RenderInputs::site for a build with `options` (reads site.yaml and
// taxonomies.yaml through `fs`).
std::uint64_t site_fingerprint(const util::FileSystem& fs, const BuildOptions& options, const Theme& theme);

// The site fingerprint and every story's fingerprint (computed in parallel).
RenderInputs render_inputs(const Site& site, std::uint64_t site_fingerprint, unsigned jobs);

// The search index as the last build left it.
struct IndexState {
  std::uint64_t fingerprint = 0;  // of the whole index: 0 = unknown
  std::uint64_t base = 0;         // of what every document depends on (the binary, taxonomies.yaml)
  unsigned shards = 0;            // --index-shards of that build
  std::uint64_t device = 0;       // identity of the index folder after the swap
  std::uint64_t inode = 0;
  std::map<std::string, std::uint64_t> stories;  // slug -> story fingerprint

  // Empty (fingerprint 0) when missing, malformed or of another version.
  static IndexState load(const std::string& path);
  // Atomically. Throws std::runtime_error on failure.
  void save(const std::string& path) const;
  // In `cache_dir`, one per index folder.
  static std::string path_for(const std::string& cache_dir, const std::string& index_dir);
  // True when `index_dir` is still the folder this state describes.
  bool describes(const std::string& index_dir) const;
  // Records the identity of `index_dir` (call after the swap).
  void identify(const std::string& index_dir);

  static constexpr const char* k_version = "vetrina index state v1";
};

// The fingerprint of an index of `site` (what IndexState::fingerprint holds).
std::uint64_t index_fingerprint(const Site& site, const RenderInputs& inputs, std::uint64_t base);
// The state an index of `site` has (fingerprints from `inputs`).
IndexState index_state_of(const Site& site, const RenderInputs& inputs, const util::FileSystem& fs,
                          const BuildOptions& options);

// What the next index needs compared with `previous`.
struct IndexPlan {
  enum class Action { keep, update, rebuild } action = Action::rebuild;
  std::vector<std::size_t> changed;  // stories (indexes) to add or replace (update)
  std::vector<std::string> removed;  // slugs to delete (update)
};
// `keep` when nothing changed; `update` when the previous index is known, its
// base is the same and at most `max_changes` stories differ; else `rebuild`.
IndexPlan plan_index(const Site& site, const IndexState& previous, const IndexState& next, const std::string& index_dir,
                     std::size_t max_changes);

}  // namespace vetrina
