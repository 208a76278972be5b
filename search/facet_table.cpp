#include "search/facet_table.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace vetrina::search {

FacetTable::FacetTable(const Xapian::Database& db) : m_all(documents_with_term(db, "")) {
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

std::shared_ptr<const FacetTable> FacetTable::of(const Xapian::Database& db) {
  const std::string uuid = db.get_uuid();
  if (uuid.empty()) {
    return std::make_shared<const FacetTable>(db);  // a backend without identity: not shared
  }
  const std::string key = uuid + "@" + std::to_string(db.get_revision());
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<const FacetTable>> tables;
  const std::lock_guard lock(mutex);
  for (auto it = tables.begin(); it != tables.end();) {
    it = it->second.expired() ? tables.erase(it) : std::next(it);
  }
  if (auto table = tables[key].lock()) {
    return table;
  }
  auto table = std::make_shared<const FacetTable>(db);
  tables[key] = table;
  return table;
}

DocSet FacetTable::with_any(std::size_t facet, const std::vector<std::string>& ids) const {
  DocSet set;
  for (const auto& value : m_values[facet]) {
    if (std::find(ids.begin(), ids.end(), value.id) != ids.end()) {
      set |= value.documents;
    }
  }
  return set;
}

}  // namespace vetrina::search
