#pragma once
// What a search index says about itself, decoded from its metadata (written
// by search/index/indexer.cpp): the facet terms with their labels in display
// order, and how many value slots each facet uses.
//
// Thread-safety: a plain value, immutable once read.

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/index/schema.h"

namespace vetrina::search {

struct FacetTerm {
  std::string id;
  std::string label;
};

struct IndexInfo {
  std::array<std::vector<FacetTerm>, k_facets.size()> terms;
  std::array<std::size_t, k_facets.size()> slots{};
  // Facet `facet`'s term with `id`, or null.
  const FacetTerm* find(std::size_t facet, const std::string& id) const;
};

// The metadata of `db` decoded. Throws std::runtime_error when the index was
// made by another schema version or its metadata is damaged, and
// Xapian::Error when the database cannot be read.
IndexInfo read_index_info(const Xapian::Database& db);

}  // namespace vetrina::search
