#pragma once
// The live preview behind `vetrina serve --watch` (docs/architecture.md "Live
// preview"). It builds the site once into its own folders (never public/:
// drafts are shown here and only here), keeps the loaded model in memory,
// and applies each batch of changed files by redoing only what they affect,
// with the build's own stages (build/pipeline.h: markdown_stage,
// media_stage, render_stage; build/index_publisher.h) on the stories the
// batch touched; only patching the model in memory is its own:
//
// - a story's folder changed: that story is read and decoded again, its body
//   and photos processed again (and the bodies of stories that link to it,
//   when it appeared or disappeared); validation runs over the whole model;
// - then every page whose inputs changed is rendered (its story page, the
//   lists and term pages and the home, feed and award pages it appears on:
//   renderer.h RenderInputs), and only files whose bytes changed are
//   written, each atomically (output/in_place_writer.h);
// - the search index gets the story's document replaced in place
//   (IndexPublisher in place);
// - anything else (theme, site.yaml, taxonomies, awards, events, pages)
//   reloads the whole model, from the parsed-story cache.
//
// While the content has errors nothing is written: the last good site stays
// in place, and the errors are reported for the overlay. Not thread-safe:
// one thread applies changes.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "generator/build/builder.h"
#include "generator/build/incremental.h"
#include "generator/build/index_publisher.h"
#include "generator/content/story_cache.h"
#include "generator/model/site.h"
#include "generator/output/in_place_writer.h"
#include "generator/output/output_manifest.h"
#include "generator/preview/file_watcher.h"
#include "generator/preview/live_diagnostics.h"
#include "generator/render/renderer.h"
#include "generator/render/theme.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"
#include "generator/util/status.h"

namespace vetrina {

// What one update did.
struct LiveResult {
  bool changed = false;            // open pages should reload: files, the index or the error state changed
  std::vector<Diagnostic> errors;  // the content errors now (empty: the preview is up to date)
  bool full = false;               // the whole model was reloaded
  std::size_t stories = 0;         // stories read again
  std::size_t pages_rendered = 0;
  std::size_t files_written = 0;
  std::size_t files_removed = 0;
  std::size_t documents = 0;  // search documents replaced or removed
  std::chrono::microseconds took{0};
  std::vector<std::pair<const char*, std::chrono::microseconds>> phases;  // where the time went (--timings)
};

class LiveSite {
 public:
  // `options.out_dir` and `options.index_dir` are the preview's own folders;
  // drafts are always included.
  LiveSite(BuildOptions options, BuildStatus& status);
  ~LiveSite();
  LiveSite(const LiveSite&) = delete;
  LiveSite& operator=(const LiveSite&) = delete;

  // The first build (incremental, like `vetrina build`, into the preview
  // folders). Throws std::runtime_error on I/O failure.
  LiveResult start();
  // Applies a batch of changed paths. Throws std::runtime_error on I/O
  // failure (the caller reports it and goes on).
  LiveResult apply(const FileChanges& changes);

  // The current errors as `vetrina check` prints them (source line and
  // caret), or "" when there are none. With `limit`, only the first `limit`
  // errors and a closing "… e altri N errori" (the preview's overlay: every
  // page carries it, so thousands of errors must not make every page huge).
  std::string error_text(std::size_t limit = SIZE_MAX) const;

  // Saves what the next start needs (the index state), when it changed.
  // Call when nobody waits: after the pages were told to reload.
  void persist();

  const BuildOptions& options() const { return m_options; }

 private:
  // The story folder ("content/stories/a") a changed path belongs to; nullopt
  // for paths that are not a story's (a file right in stories/ that no story
  // came from, an editor's temporary, anything else).
  std::optional<std::string> story_folder(const std::string& path) const;
  void check_stories(const std::vector<std::size_t>& stories);
  void check_menus();
  void update_index(LiveResult& result);
  void reload_all();
  void update_stories(const std::vector<std::string>& folders, LiveResult& result);
  void finish_model(const std::vector<std::size_t>& bodies, const std::vector<std::size_t>& media, bool replan,
                    const std::vector<std::size_t>& cards);
  std::vector<Diagnostic> collect_errors() const;
  void lap(const char* phase);
  void publish(LiveResult& result);

  BuildOptions m_options;
  BuildStatus& m_status;
  util::DiskFileSystem m_fs;
  std::unique_ptr<StoryCache> m_stories;
  Site m_site;
  std::optional<Theme> m_theme;
  std::unique_ptr<SiteRenderer> m_renderer;
  RenderInputs m_inputs;
  std::map<std::string, std::uint64_t> m_fingerprints;  // story source path -> fingerprint
  std::unique_ptr<InPlaceWriter> m_sink;                // the preview folder as it is on disk
  std::unique_ptr<IndexPublisher> m_index;              // the preview index as it is on disk
  bool m_index_check_all = true;                        // compare every story with its document (after a full reload)
  std::vector<std::size_t> m_index_candidates;          // stories this update touched
  std::vector<std::string> m_index_removed;             // slugs of stories re-read or gone this update
  LiveDiagnostics m_diagnostics;
  std::vector<Diagnostic> m_errors;  // as last reported
  bool m_manifest_dirty = false;
  LiveResult* m_current = nullptr;  // the update being applied, for lap()
  std::chrono::steady_clock::time_point m_lap;
};

}  // namespace vetrina
