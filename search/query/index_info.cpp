#include "search/query/index_info.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace vetrina::search {

const FacetTerm* IndexInfo::find(std::size_t facet, const std::string& id) const {
  for (const auto& term : terms[facet]) {
    if (term.id == id) {
      return &term;
    }
  }
  return nullptr;
}

IndexInfo read_index_info(const Xapian::Database& db) {
  using nlohmann::json;
  const std::string version = db.get_metadata("schema_version");
  if (version != std::to_string(k_schema_version)) {
    throw std::runtime_error("the search index was made by another version of vetrina (schema '" + version +
                             "', expected '" + std::to_string(k_schema_version) + "'): run 'vetrina build' again");
  }
  IndexInfo info;
  try {
    const json facets = json::parse(db.get_metadata("facets"));
    const json slots = json::parse(db.get_metadata("facet_slots"));
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      for (const auto& term : facets.at(k_facets[f].name)) {
        info.terms[f].push_back({term.at("id").get<std::string>(), term.at("label").get<std::string>()});
      }
      info.slots[f] = slots.at(k_facets[f].name).get<std::size_t>();
    }
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("the search index metadata is damaged: ") + e.what());
  }
  return info;
}

}  // namespace vetrina::search
