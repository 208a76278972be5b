#include "search/query/bitset_index.h"

#include <algorithm>
#include <map>

namespace vetrina::search {

BitsetIndex::BitsetIndex(const Xapian::Database& db, std::size_t term_cache_entries)
    : m_all(db.get_lastdocid()),
      m_lengths(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0),
      m_capacity(term_cache_entries) {
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    m_all.insert(*it);
    m_lengths[*it] = it.get_doclength();
  }
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    const std::string prefix = k_facets[f].prefix;
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      m_values[f].push_back({(*term).substr(prefix.size()), documents_with_term(db, *term)});
    }
  }
  Xapian::doccount dated = 0;
  bool ordered = true;
  std::string previous;
  for (auto it = db.valuestream_begin(k_slot_date); it != db.valuestream_end(k_slot_date); ++it) {
    const std::string date = *it;
    if (dated++ > 0 && previous < date) {
      ordered = false;
      break;
    }
    previous = date;
  }
  m_ids_in_date_order = ordered && dated == db.get_doccount();
}

std::shared_ptr<BitsetIndex> BitsetIndex::of(const Xapian::Database& db, std::size_t term_cache_entries) {
  const std::string uuid = db.get_uuid();
  if (uuid.empty()) {
    return std::make_shared<BitsetIndex>(db, term_cache_entries);  // a backend without identity: not shared
  }
  const std::string key = uuid + "@" + std::to_string(db.get_revision());
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<BitsetIndex>> indexes;
  const std::lock_guard lock(mutex);
  for (auto it = indexes.begin(); it != indexes.end();) {
    it = it->second.expired() ? indexes.erase(it) : std::next(it);
  }
  if (auto index = indexes[key].lock()) {
    return index;
  }
  auto index = std::make_shared<BitsetIndex>(db, term_cache_entries);
  indexes[key] = index;
  return index;
}

DocSet BitsetIndex::with_any(std::size_t facet, const std::vector<std::string>& ids) const {
  DocSet set;
  for (const auto& value : m_values[facet]) {
    if (std::find(ids.begin(), ids.end(), value.id) != ids.end()) {
      set |= value.documents;
    }
  }
  return set;
}

DocSet BitsetIndex::documents_with(const Xapian::Database& db, const std::string& term) {
  if (m_capacity == 0 || db.get_termfreq(term) < db.get_doccount() / 64) {
    return documents_with_term(db, term);
  }
  return postings(db, term)->documents;
}

std::shared_ptr<const TermPostings> BitsetIndex::postings(const Xapian::Database& db, const std::string& term) {
  if (m_capacity == 0 || db.get_termfreq(term) < db.get_doccount() / 64) {
    return std::make_shared<const TermPostings>(read_postings(db, term, false));
  }
  {
    const std::lock_guard lock(m_mutex);
    if (const auto it = m_cached.find(term); it != m_cached.end()) {
      m_lru.splice(m_lru.begin(), m_lru, it->second);
      return it->second->second;
    }
  }
  // Read outside the lock: other threads go on meanwhile (two may read the
  // same term at once; the second keeps the first's copy).
  auto read = std::make_shared<const TermPostings>(read_postings(db, term, true));
  const std::lock_guard lock(m_mutex);
  if (const auto it = m_cached.find(term); it != m_cached.end()) {
    return it->second->second;
  }
  m_lru.emplace_front(term, read);
  m_cached[term] = m_lru.begin();
  if (m_lru.size() > m_capacity) {
    m_cached.erase(m_lru.back().first);
    m_lru.pop_back();
  }
  return read;
}

std::size_t BitsetIndex::cached_terms() const {
  const std::lock_guard lock(m_mutex);
  return m_lru.size();
}

}  // namespace vetrina::search
