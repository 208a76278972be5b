#pragma once
// Each story's terms as their places in their taxonomy (Taxonomy::terms),
// made once per plan: counting a list's stories by term is then array
// indexing, not a string lookup per story and term (list_filters.h counts
// every story of a list for its first page, and the live preview redoes a
// dozen such pages on every edit). Stories' terms change only with a new
// plan (a new Views). Read-only after construction: safe to share.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "generator/model/site.h"

namespace vetrina {

class TermPlaces {
 public:
  explicit TermPlaces(const Site& site);

  // The places of site.stories[story]'s terms of taxonomy `id`, in the
  // story's order, without repeats; terms the taxonomy does not list are left out.
  std::span<const std::uint32_t> of(std::size_t story, TaxonomyId id) const;

 private:
  std::vector<std::uint32_t> m_offsets;  // [story * k_taxonomy_count + taxonomy], one more at the end
  std::vector<std::uint32_t> m_places;
};

}  // namespace vetrina
