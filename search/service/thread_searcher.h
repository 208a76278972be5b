#pragma once
// The Searcher (search/query/query.h) of the calling thread: each worker of
// the service keeps its own, and opens a new one when the index folder was
// swapped by a build (its device, inode or modification time changed), so a
// rebuild is picked up without a restart and without failing a request in
// flight. Thread-local state: safe from any thread, shared with none.

#include <memory>
#include <string>

#include "search/query/query.h"

namespace vetrina::search {

// A Searcher and the identity of the index snapshot it reads
// ("device:inode:mtime" of the folder, the result cache's key).
struct ThreadSearcher {
  std::shared_ptr<Searcher> searcher;
  std::string snapshot;
};

// The calling thread's Searcher for `index_dir`, reopened when the folder (or
// stub file) at that path is not the one it was opened from. Throws
// std::runtime_error when the index is not built, and what Searcher's
// constructor throws (Xapian errors) when it cannot be opened: the caller
// answers 503.
ThreadSearcher thread_searcher(const std::string& index_dir);

}  // namespace vetrina::search
