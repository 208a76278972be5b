#pragma once
// Recent search results of the service, so a request repeated while the
// index is unchanged (the /cerca/ landing page, a popular word, a shared
// link) is answered without searching again. Exact: an entry is keyed by the
// index snapshot it was computed on and by the whole request, and a result
// never changes while its snapshot lives. Least recently used entries go
// first. The server uses it for a local index only: remote shards can change
// behind an unchanged stub file.
//
// Thread-safety: every member takes the cache's mutex.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "search/query/query.h"

namespace vetrina::search {

// How many results the service keeps (about 16 KB each).
inline constexpr std::size_t k_result_cache_entries = 512;

class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : m_capacity(capacity) {}
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  // The result of `request` on the snapshot named `snapshot`, or null.
  std::shared_ptr<const SearchResult> find(const std::string& snapshot, const SearchRequest& request);
  void insert(const std::string& snapshot, const SearchRequest& request, std::shared_ptr<const SearchResult> result);
  std::size_t size() const;

 private:
  using Lru = std::list<std::pair<std::string, std::shared_ptr<const SearchResult>>>;
  mutable std::mutex m_mutex;
  std::size_t m_capacity;
  Lru m_lru;  // most recently used first
  std::unordered_map<std::string, Lru::iterator> m_entries;
};

// The cache key of a request: every field that shapes the answer.
std::string request_key(const SearchRequest& request);

}  // namespace vetrina::search
