#include "generator/render/related_stories.h"

#include <algorithm>

#include "generator/util/parallel.h"

namespace vetrina {

std::vector<std::size_t> related_stories(const Site& site, std::size_t index, std::size_t count, std::size_t window) {
  // Scores by story index, kept per thread and cleared after use: the
  // candidates are a few hundred, looked up thousands of times a story.
  thread_local std::vector<int> score_of;
  thread_local std::vector<std::size_t> candidates;
  if (score_of.size() < site.stories.size()) {
    score_of.assign(site.stories.size(), 0);
  }
  candidates.clear();
  struct Clear {  // the scores left at zero for the next call, whatever happens
    ~Clear() {
      for (const std::size_t other : candidates) {
        score_of[other] = 0;
      }
    }
  } clear;
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
        const std::size_t other = list[k];
        if (other != index) {
          if (score_of[other] == 0) {
            candidates.push_back(other);
          }
          score_of[other] += weight;
        }
      }
    }
  }
  std::vector<std::pair<int, std::size_t>> ranked;
  ranked.reserve(candidates.size());
  for (const std::size_t other : candidates) {
    ranked.emplace_back(score_of[other], other);
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
