#include "generator/render/related_stories.h"

#include <algorithm>
#include <unordered_map>

#include "generator/util/parallel.h"

namespace vetrina {

std::vector<std::size_t> related_stories(const Site& site, std::size_t index, std::size_t count, std::size_t window) {
  std::unordered_map<std::size_t, int> scores;
  const Story& story = site.stories.at(index);
  const std::pair<TaxonomyId, int> weights[] = {
      {TaxonomyId::livello, 1}, {TaxonomyId::competenza, 2}, {TaxonomyId::disciplina, 2}};
  for (const auto& [id, weight] : weights) {
    const auto& by_term = site.stories_by_term[static_cast<std::size_t>(id)];
    for (const auto& term : story.terms_of(id)) {
      const auto it = by_term.find(term.value);
      if (it == by_term.end()) {
        continue;
      }
      const std::vector<std::size_t>& list = it->second;  // ascending indexes
      const auto at = static_cast<std::size_t>(std::lower_bound(list.begin(), list.end(), index) - list.begin());
      const std::size_t begin = at > window ? at - window : 0;
      const std::size_t end = std::min(list.size(), at + window + 1);
      for (std::size_t k = begin; k < end; ++k) {
        if (list[k] != index) {
          scores[list[k]] += weight;
        }
      }
    }
  }
  std::vector<std::pair<int, std::size_t>> ranked;
  ranked.reserve(scores.size());
  for (const auto& [other, score] : scores) {
    ranked.emplace_back(score, other);
  }
  auto distance = [index](std::size_t other) { return other > index ? other - index : index - other; };
  const std::size_t keep = std::min(count, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [&](const auto& a, const auto& b) {
                      if (a.first != b.first) {
                        return a.first > b.first;
                      }
                      if (distance(a.second) != distance(b.second)) {
                        return distance(a.second) < distance(b.second);
                      }
                      return a.second < b.second;
                    });
  std::vector<std::size_t> result;
  for (std::size_t i = 0; i < keep; ++i) {
    result.push_back(ranked[i].second);
  }
  return result;
}

std::vector<std::vector<std::size_t>> all_related_stories(const Site& site, unsigned jobs) {
  std::vector<std::vector<std::size_t>> all(site.stories.size());
  util::parallel_for(site.stories.size(), jobs, [&](std::size_t i) { all[i] = related_stories(site, i); });
  return all;
}

}  // namespace vetrina
