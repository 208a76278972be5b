#pragma once
// Document bitsets of one local index snapshot, held in memory and shared by
// the threads that opened that snapshot:
// - for every facet value, the documents carrying its boolean term (prefix +
//   id, schema.h), read once when the snapshot is first opened, with every
//   document and whether document ids follow date order (newest first),
//   which lets the empty query be listed without sorting;
// - every document's length (for BM25, page_candidates.h);
// - the documents of frequent query terms, with their wdf (one byte per
//   document), decoded from their posting lists the first time a query uses
//   them and kept (least recently used out): decoding a posting list costs
//   about 20 ns per document, so a word in most stories would otherwise cost
//   milliseconds on every query.
//
// Facet counts are exact by construction: facet f's count for value v is
// |scope ∩ documents(v)|, each document counted once per value it carries
// (multi-valued fields included), where scope is the text matches filtered by
// every selection but f's own (query.cpp).
//
// Thread-safety: the facet part is immutable after construction; the term
// cache takes a mutex. BitsetIndex::of shares one object between the threads
// that opened the same snapshot (same database UUID and revision), so a
// swapped index is read once, and an old snapshot's bitsets never meet a new
// one's documents.

#include <array>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search/index/schema.h"
#include "search/query/doc_set.h"

namespace vetrina::search {

// How many frequent terms' postings a snapshot keeps (112.5 KB each at
// 100,000 stories: the bitset and one byte of wdf per document).
inline constexpr std::size_t k_term_cache_entries = 256;

class BitsetIndex {
 public:
  struct Value {
    std::string id;
    DocSet documents;
  };

  // Reads the facet part of `db` (a single local database); keeps at most
  // `term_cache_entries` term bitsets. Throws Xapian::Error.
  BitsetIndex(const Xapian::Database& db, std::size_t term_cache_entries);
  BitsetIndex(const BitsetIndex&) = delete;
  BitsetIndex& operator=(const BitsetIndex&) = delete;

  // The index of `db`'s snapshot, shared with other threads that opened it.
  static std::shared_ptr<BitsetIndex> of(const Xapian::Database& db,
                                         std::size_t term_cache_entries = k_term_cache_entries);

  // Facet f's values present in some document, in term order.
  const std::vector<Value>& values(std::size_t facet) const { return m_values[facet]; }
  // Documents with at least one of `ids` in facet f.
  DocSet with_any(std::size_t facet, const std::vector<std::string>& ids) const;
  const DocSet& all() const { return m_all; }
  // True when every document has a date (value slot 0) and a larger id never
  // has a later date: listing by id is then listing newest first, exactly
  // as Xapian's sort by date (ties by id) would.
  bool ids_in_date_order() const { return m_ids_in_date_order; }

  // The documents with `term`, read from `db` (the same snapshot, opened by
  // the calling thread) or from the cache. Terms in fewer than 1/64 of the
  // documents are cheap to read and not cached. Thread-safe.
  DocSet documents_with(const Xapian::Database& db, const std::string& term);
  // The documents with `term` and their wdf (dense for a frequent term, kept
  // in the cache; sparse otherwise). Thread-safe.
  std::shared_ptr<const TermPostings> postings(const Xapian::Database& db, const std::string& term);
  // Document `id`'s length (the sum of its wdf), as Xapian's weights see it.
  Xapian::termcount length(Xapian::docid id) const { return id < m_lengths.size() ? m_lengths[id] : 0; }
  // Terms currently cached (for tests).
  std::size_t cached_terms() const;

 private:
  std::array<std::vector<Value>, k_facets.size()> m_values;
  DocSet m_all;
  std::vector<Xapian::termcount> m_lengths;  // by document id
  bool m_ids_in_date_order = false;

  using Lru = std::list<std::pair<std::string, std::shared_ptr<const TermPostings>>>;
  mutable std::mutex m_mutex;
  std::size_t m_capacity;
  Lru m_lru;  // most recently used first
  std::unordered_map<std::string, Lru::iterator> m_cached;
};

}  // namespace vetrina::search
