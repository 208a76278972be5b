#pragma once
// Builds the Xapian index of a Site (layout: schema.h, docs/search.md). The
// index is written into a fresh staging folder next to the target by one
// writer, while other threads prepare the documents (document_maker.h),
// without fsync (DB_NO_SYNC: the folder is swapped in only after the whole
// build succeeded). Xapian errors become std::runtime_error with Xapian's
// message.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "generator/model/site.h"
#include "search/index/document_maker.h"  // facet_taxonomy_id

namespace vetrina::search {

struct IndexStats {
  std::size_t documents = 0;
};

// Writes the index of `site` into `dir`, which must not exist yet, on
// `jobs` threads (the same documents and data whatever `jobs` is).
IndexStats write_index(const Site& site, const std::string& dir, unsigned jobs);

// Builds the index into a staging folder beside `target` and returns its
// path; the caller swaps it in (swap_directory) or removes it.
std::string stage_index(const Site& site, const std::string& target, unsigned jobs, IndexStats* stats);

// Changes the existing index in `dir` in place (incremental builds, serve
// --watch): adds or replaces the documents of site.stories[i] for i in
// `changed` (by their unique id term), deletes the stories `removed` (slugs),
// keeps the spelling data and the facet metadata in step, and commits.
// Returns false, changing nothing, when a story has more facet values than
// the index has slots for: then rebuild the index.
bool update_index(const Site& site, const std::string& dir, const std::vector<std::size_t>& changed,
                  const std::vector<std::string>& removed);

}  // namespace vetrina::search
