#include "search/query/hit_store.h"

#include <algorithm>
#include <map>
#include <utility>

namespace vetrina::search {

namespace {

std::size_t bytes_of(const StoredHit& stored) {
  const SearchHit& hit = stored.hit;
  std::size_t bytes = sizeof(StoredHit) + stored.packed_text.size() + hit.url.size() + hit.title.size() +
                      hit.summary.size() + hit.school_year.size() + hit.cover.size();
  for (const auto& level : hit.levels) {
    bytes += sizeof(FacetTerm) + level.id.size() + level.label.size();
  }
  return bytes;
}

}  // namespace

HitStore::HitStore(std::size_t capacity_bytes) : m_capacity(capacity_bytes) {}

std::shared_ptr<HitStore> HitStore::of(const Xapian::Database& db, std::size_t capacity_bytes) {
  const std::string uuid = db.get_uuid();
  if (uuid.empty()) {
    return std::make_shared<HitStore>(capacity_bytes);
  }
  const std::string key = uuid + "@" + std::to_string(db.get_revision());
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<HitStore>> stores;
  const std::lock_guard lock(mutex);
  for (auto it = stores.begin(); it != stores.end();) {
    it = it->second.expired() ? stores.erase(it) : std::next(it);
  }
  if (auto store = stores[key].lock()) {
    return store;
  }
  auto store = std::make_shared<HitStore>(capacity_bytes);
  stores[key] = store;
  return store;
}

std::shared_ptr<const StoredHit> HitStore::get(const Xapian::Database& db, Xapian::docid id, const Decoder& decode) {
  {
    const std::lock_guard lock(m_mutex);
    if (id < m_hits.size() && m_hits[id]) {
      return m_hits[id];
    }
  }
  // Decoded outside the lock: other threads go on meanwhile (two may decode
  // the same document at once; the first one stored is kept).
  auto stored = std::make_shared<const StoredHit>(decode(db.get_document(id).get_data()));
  const std::size_t bytes = bytes_of(*stored);
  const std::lock_guard lock(m_mutex);
  if (id < m_hits.size() && m_hits[id]) {
    return m_hits[id];
  }
  if (m_bytes + bytes <= m_capacity) {
    if (id >= m_hits.size()) {
      m_hits.resize(std::max<std::size_t>(id + 1, db.get_lastdocid() + 1));
    }
    m_hits[id] = stored;
    m_bytes += bytes;
  }
  return stored;
}

std::size_t HitStore::kept_bytes() const {
  const std::lock_guard lock(m_mutex);
  return m_bytes;
}

}  // namespace vetrina::search
