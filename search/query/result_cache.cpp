#include "search/query/result_cache.h"

namespace vetrina::search {

std::string request_key(const SearchRequest& request) {
  // The query (any text) with its length first; facet ids are checked
  // against the taxonomies or the school-year form, so they never hold the
  // control bytes that separate them.
  std::string key = std::to_string(request.query.size());
  key += ':';
  key += request.query;
  key += std::to_string(request.page);
  key += request.sort_recent ? "r" : "-";
  for (const auto& values : request.selected) {
    key += '\x1e';
    for (const auto& value : values) {
      key += value;
      key += '\x1f';
    }
  }
  return key;
}

std::shared_ptr<const SearchResult> ResultCache::find(const std::string& snapshot, const SearchRequest& request) {
  const std::string key = snapshot + '\x1d' + request_key(request);
  const std::lock_guard lock(m_mutex);
  const auto it = m_entries.find(key);
  if (it == m_entries.end()) {
    return nullptr;
  }
  m_lru.splice(m_lru.begin(), m_lru, it->second);
  return it->second->second;
}

void ResultCache::insert(const std::string& snapshot, const SearchRequest& request,
                         std::shared_ptr<const SearchResult> result) {
  if (m_capacity == 0) {
    return;
  }
  std::string key = snapshot + '\x1d' + request_key(request);
  const std::lock_guard lock(m_mutex);
  if (const auto it = m_entries.find(key); it != m_entries.end()) {
    it->second->second = std::move(result);
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return;
  }
  m_lru.emplace_front(std::move(key), std::move(result));
  m_entries[m_lru.front().first] = m_lru.begin();
  if (m_lru.size() > m_capacity) {
    m_entries.erase(m_lru.back().first);
    m_lru.pop_back();
  }
}

std::size_t ResultCache::size() const {
  const std::lock_guard lock(m_mutex);
  return m_lru.size();
}

}  // namespace vetrina::search
