#include "generator/render/term_places.h"

#include <algorithm>

namespace vetrina {

TermPlaces::TermPlaces(const Site& site) {
  m_offsets.reserve(site.stories.size() * k_taxonomy_count + 1);
  for (const Story& story : site.stories) {
    for (std::size_t t = 0; t < k_taxonomy_count; ++t) {
      m_offsets.push_back(static_cast<std::uint32_t>(m_places.size()));
      const Taxonomy& taxonomy = site.taxonomies[t];
      const std::size_t first = m_places.size();
      for (const auto& term : story.terms[t]) {
        const auto it = taxonomy.term_index.find(term.value);
        if (it == taxonomy.term_index.end()) {
          continue;
        }
        const auto place = static_cast<std::uint32_t>(it->second);
        if (std::find(m_places.begin() + static_cast<std::ptrdiff_t>(first), m_places.end(), place) == m_places.end()) {
          m_places.push_back(place);
        }
      }
    }
  }
  m_offsets.push_back(static_cast<std::uint32_t>(m_places.size()));
}

std::span<const std::uint32_t> TermPlaces::of(std::size_t story, TaxonomyId id) const {
  const std::size_t slot = story * k_taxonomy_count + static_cast<std::size_t>(id);
  return {m_places.data() + m_offsets[slot], m_places.data() + m_offsets[slot + 1]};
}

}  // namespace vetrina
