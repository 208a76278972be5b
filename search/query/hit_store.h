#pragma once
// The display data of a local index snapshot's documents, decoded once and
// shared by the threads that opened that snapshot: what a hit shows but its
// snippet (address, title, summary, school year, levels, cover) and the
// text its snippet is cut from, still packed (snippet.h unpacks only as
// far as it needs). Reading a document's data from Xapian (B-tree blocks
// with `pread`) and parsing it again for every hit of every request cost
// about a fifth of a search.
//
// Documents are decoded when they are first a hit and kept until the
// snapshot is closed, up to k_hit_store_bytes per snapshot (every story of
// the 100,000-story benchmark: about 4.5 KB each); past that, a document
// not kept is decoded for each request again (the answer is the same,
// only slower).
//
// Thread-safety: every member is thread-safe; HitStore::of shares one object
// between the threads that opened the same snapshot (same database UUID and
// revision), as BitsetIndex::of does.

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/query/search_result.h"

namespace vetrina::search {

// The bytes a snapshot's store keeps.
inline constexpr std::size_t k_hit_store_bytes = std::size_t{640} << 20;

// A decoded document: the hit without its snippet, and the snippet text.
struct StoredHit {
  SearchHit hit;
  std::string packed_text;    // the snippet text as the index holds it (schema.h)
  std::size_t text_size = 0;  // its size unpacked
  bool has_text = false;      // the data holds a snippet text (possibly empty)
};

class HitStore {
 public:
  // Decodes a document's data (schema.h); throws for data the service must
  // not show (a compromised index), which is then not kept.
  using Decoder = std::function<StoredHit(const std::string& data)>;

  explicit HitStore(std::size_t capacity_bytes);
  HitStore(const HitStore&) = delete;
  HitStore& operator=(const HitStore&) = delete;

  // The store of `db`'s snapshot, shared with other threads that opened it;
  // a store of its own when the backend has no identity.
  static std::shared_ptr<HitStore> of(const Xapian::Database& db, std::size_t capacity_bytes = k_hit_store_bytes);

  // Document `id`, from the store or read from `db` (the same snapshot,
  // opened by the calling thread) and decoded by `decode`. Throws what
  // `decode` and Xapian throw.
  std::shared_ptr<const StoredHit> get(const Xapian::Database& db, Xapian::docid id, const Decoder& decode);
  // Bytes of text kept (for tests).
  std::size_t kept_bytes() const;

 private:
  mutable std::mutex m_mutex;
  std::size_t m_capacity;
  std::size_t m_bytes = 0;
  std::vector<std::shared_ptr<const StoredHit>> m_hits;  // by document id
};

}  // namespace vetrina::search
