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

// The calling thread's Searcher for `index_dir`, reopened when the folder (or
// stub file) at that path is not the one it was opened from. With `key`, also
// the identity of that snapshot ("device:inode:mtime", for the result cache).
// Throws std::runtime_error when the index is not built, and what Searcher's
// constructor throws (Xapian errors) when it cannot be opened.
std::shared_ptr<Searcher> thread_searcher(const std::string& index_dir, std::string* key = nullptr);

}  // namespace vetrina::search
