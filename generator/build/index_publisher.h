#pragma once
// The index stage of the pipeline (docs/architecture.md "Data flow"), shared
// by `vetrina build` and `vetrina serve --watch`: it knows the search index
// as the last publish left it (IndexState, kept in the build cache), decides
// whether the next one is kept, updated or rebuilt (plan_index), does it, and
// records the new state. The two callers differ only in where the work goes:
//
// - staged (build): an update goes to a copy of the index and a rebuild to a
//   fresh folder, both beside the live one; swap() puts them in place after
//   the output tree was swapped, and discard() drops them on failure;
// - in place (preview): an update changes the live index and touches its
//   folder's mtime (the server's searchers reopen it); a rebuild is swapped
//   in at once.
//
// Not thread-safe; stage() may run on another thread than the caller's as
// long as nothing else touches the publisher meanwhile.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "generator/build/build_options.h"
#include "generator/build/incremental.h"
#include "generator/model/site.h"
#include "generator/render/renderer.h"
#include "generator/util/file_system.h"

namespace vetrina {

class IndexPublisher {
 public:
  enum class Mode { staged, in_place };

  // Loads the state of options.index_dir from options.cache_dir.
  IndexPublisher(BuildOptions options, Mode mode);
  ~IndexPublisher();
  IndexPublisher(const IndexPublisher&) = delete;
  IndexPublisher& operator=(const IndexPublisher&) = delete;

  // Every story compared with its document: `keep`, `update` of at most
  // `max_changes` documents, or `rebuild`.
  IndexPlan plan(const Site& site, const RenderInputs& inputs, const util::FileSystem& fs,
                 std::size_t max_changes) const;
  // Only `touched` (story indexes) and `gone` (slugs of stories re-read or
  // removed) can differ from their documents: `keep` or `update`, without
  // looking at the other stories (the preview after an edit).
  IndexPlan plan_touched(const Site& site, const RenderInputs& inputs, std::vector<std::size_t> touched,
                         const std::vector<std::string>& gone) const;

  // Carries out `plan` (see the modes above) and records the state the index
  // has afterwards. Returns the documents written or deleted (every story
  // for a rebuild, 0 for keep). Throws std::runtime_error on failure (a
  // staged copy is removed first).
  std::size_t stage(const Site& site, const RenderInputs& inputs, const util::FileSystem& fs, const IndexPlan& plan);
  // Staged mode: the shards of options.index_shards (story i in shard i mod
  // N), unless the main index is kept and the shards are already there.
  void stage_shards(const Site& site);
  // Staged mode: swaps in what stage() and stage_shards() made. Nothing may
  // fail after the first swap but the state file, which is written last.
  void swap();
  // Staged mode: removes what was staged and not swapped.
  void discard();

  // "kept", "updated N" or "rebuilt" (the last stage()).
  const std::string& action() const { return m_action; }
  // The state the index has now (as far as stage() and swap() went).
  const IndexState& state() const { return m_state; }
  // Writes the state when it differs from the one in the cache (atomically).
  void save();

 private:
  std::string copy_index() const;
  bool shards_present() const;

  BuildOptions m_options;
  Mode m_mode;
  IndexState m_state;                                         // of the index after the last stage()
  IndexState m_saved;                                         // as in the cache
  bool m_main_staged = false;                                 // the last stage() left a folder to swap in
  bool m_dirty = false;                                       // the index changed since the state was saved
  std::vector<std::pair<std::string, std::string>> m_staged;  // staging folder -> target
  std::string m_action = "kept";
};

}  // namespace vetrina
