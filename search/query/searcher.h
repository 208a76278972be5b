#pragma once
// Runs a SearchRequest on one index: the text query (query_planner.h), the
// exact total and facet counts (facet_counter.h), the ranked page from
// Xapian with its hits' display data and snippets (snippet.h), and what to
// do when the query as typed finds nothing (a corrected word, "most of the
// words", "Forse cercavi", the filters that hide results).
//
// A Searcher owns a Xapian::Database, which is not thread-safe: use one per
// thread. What a local index snapshot holds in memory (bitsets, see
// bitset_index.h) is shared by the threads that opened it. Opening an index
// made by another schema version fails clearly.

#include <cstddef>
#include <memory>
#include <string>

#include <xapian.h>

#include "search/query/bitset_index.h"
#include "search/query/facet_counter.h"
#include "search/query/hit_store.h"
#include "search/query/index_info.h"
#include "search/query/page_candidates.h"
#include "search/query/query_planner.h"
#include "search/query/search_request.h"
#include "search/query/search_result.h"

namespace vetrina::search {

class Searcher {
 public:
  // Opens the index at `path` (a database folder, or a stub file listing
  // remote shards). `term_cache_entries` sizes the shared term cache of a
  // local index (bitset_index.h) when this is the first Searcher of its
  // snapshot; 0 reads every term from its posting list. Throws
  // std::runtime_error with a readable message.
  explicit Searcher(const std::string& path, std::size_t term_cache_entries = k_term_cache_entries);

  // Throws std::runtime_error when the index cannot be read or holds a
  // result address that is not a path of the site.
  SearchResult search(const SearchRequest& request);
  const IndexInfo& info() const { return m_info; }
  std::size_t document_count() const { return m_db.get_doccount(); }
  // The database's commit revision ("" over remote shards, which have none).
  std::string revision() const;
  // True for a local database folder; false for a stub (remote shards).
  bool is_local() const { return m_bitsets != nullptr; }

 private:
  // A document's display data decoded (schema.h); throws for an address
  // that is not a path of the site.
  StoredHit decode(const std::string& data) const;
  // Document `id`'s display data, from the snapshot's store when local.
  std::shared_ptr<const StoredHit> stored_hit(Xapian::docid id);

  Xapian::Database m_db;
  IndexInfo m_info;
  std::shared_ptr<BitsetIndex> m_bitsets;  // a single local database; null for a stub
  std::shared_ptr<HitStore> m_hits;        // likewise
  QueryPlanner m_planner;
  FacetCounter m_counter;
  BoundsScratch m_scratch;  // the ranked page's working space
};

}  // namespace vetrina::search
