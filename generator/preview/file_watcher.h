#pragma once
// Watches folder trees for changes with Linux inotify (no other library),
// for `vetrina serve --watch`. Every folder below a watched root is watched
// too, including folders created later (a new story): their files are
// reported as changed, since they may have been written before the watch
// was in place. Bursts are debounced: an editor's save is several events
// (write, close, rename of a temporary file), reported as one batch once the
// tree has been quiet for a moment. Editors' own files (names starting with
// '.', ending with '~', vim's .swp and "4913" probe) are not reported.
//
// Thread-safety: wait() runs on one thread; stop() may be called from any
// thread (and from a signal handler: it only writes to an eventfd).

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "generator/util/result.h"

namespace vetrina {

struct FileChanges {
  std::vector<std::string> paths;  // changed files and folders, sorted, without duplicates
  bool overflow = false;           // the kernel dropped events: treat everything as changed
  bool stopped = false;            // stop() was called
};

class FileWatcher {
 public:
  // Throws std::runtime_error when inotify is not available.
  FileWatcher();
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  // Watches `root` and every folder below it. Fails (with a translated
  // message) when the root cannot be watched; folders below that cannot are
  // skipped.
  Status add(const std::string& root);

  // Blocks until something changed, then collects events until none came for
  // `quiet` (at most `longest` in all), and returns them. When the last
  // event closed a written file or renamed one into place (a complete save),
  // 10 ms of quiet are enough. Returns at once, with `stopped`, after stop().
  FileChanges wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest = std::chrono::seconds(2));

  // Makes the current or next wait() return. Async-signal-safe.
  void stop();

 private:
  void watch_tree(const std::string& path, std::vector<std::string>* found);
  // Reads the pending events into `changes`; false when there were none.
  bool read_events(FileChanges& changes);

  static constexpr std::chrono::milliseconds k_settled_pause{10};

  int m_inotify = -1;
  bool m_settled = false;                // the last event completed a file
  int m_wake = -1;                       // eventfd
  std::map<int, std::string> m_folders;  // watch descriptor -> folder path
};

// True for names editors and tools write beside files (swap, backup, probe).
bool is_editor_temporary(const std::string& name);

}  // namespace vetrina
