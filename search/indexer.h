#pragma once
// Builds the Xapian index of a Site (layout: schema.h, docs/search.md). The
// index is written into a fresh staging folder next to the target, in
// parallel shards merged with Database::compact, without fsync (DB_NO_SYNC:
// the folder is swapped in only after the whole build succeeded). Xapian
// errors become std::runtime_error with Xapian's message.

#include <string>

#include "generator/site.h"

namespace vetrina::search {

struct IndexStats {
  std::size_t documents = 0;
};

// Writes the index of `site` into `dir`, which must not exist yet.
IndexStats write_index(const Site& site, const std::string& dir, unsigned jobs);

// Builds the index into a staging folder beside `target` and returns its
// path; the caller swaps it in (swap_directory) or removes it.
std::string stage_index(const Site& site, const std::string& target, unsigned jobs, IndexStats* stats);

}  // namespace vetrina::search
