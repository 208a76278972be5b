#include "generator/model/site.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace vetrina {

const std::array<TaxonomySpec, k_taxonomy_count>& taxonomy_specs() {
  static const std::array<TaxonomySpec, k_taxonomy_count> k_specs = {{
      {TaxonomyId::livello, "livello", "levels"},
      {TaxonomyId::competenza, "competenza", "competences"},
      {TaxonomyId::disciplina, "disciplina", "subjects"},
      {TaxonomyId::tipo, "tipo", "project_type"},
      {TaxonomyId::regione, "regione", "school.region"},
      {TaxonomyId::paese, "paese", "partners[].country"},
      {TaxonomyId::tema, "tema", "themes"},
      {TaxonomyId::metodo, "metodo", "methods"},
      {TaxonomyId::strumento, "strumento", "tools"},
      {TaxonomyId::premio, "premio", "awards"},
  }};
  return k_specs;
}

const Term* Taxonomy::find(const std::string& term_id) const {
  const auto it = term_index.find(term_id);
  return it == term_index.end() ? nullptr : &terms[it->second];
}

std::vector<std::string> Taxonomy::term_ids() const {
  std::vector<std::string> ids;
  ids.reserve(terms.size());
  for (const auto& t : terms) {
    ids.push_back(t.id);
  }
  return ids;
}

std::string Date::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::vector<std::string> Site::sorted_slugs() const {
  std::vector<std::string> slugs;
  slugs.reserve(stories.size());
  for (const auto& story : stories) {
    slugs.push_back(story.slug);
  }
  std::sort(slugs.begin(), slugs.end());
  return slugs;
}

const Story* Site::find_story(const std::string& slug) const {
  const auto it = story_index.find(slug);
  return it == story_index.end() ? nullptr : &stories[it->second];
}

void Site::index() {
  // Sorted as positions, then each story moved once, in place: a Story is
  // about 2 KB of strings and lists, and sorting them directly moved each
  // about 12 times (10,000 stories: 0.15 s on one core, before any other
  // work can start); a second vector would cost as much in page faults.
  std::vector<std::size_t> order(stories.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [this](std::size_t i, std::size_t j) {
    const Story& a = stories[i];
    const Story& b = stories[j];
    if (a.date.value != b.date.value) {
      return a.date.value > b.date.value;
    }
    if (a.slug != b.slug) {
      return a.slug < b.slug;
    }
    return i < j;  // the same slug twice (an error reported later): as loaded
  });
  // Position p takes the story at order[p]: each cycle of the permutation
  // is followed once, with one story held aside.
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) {
      continue;
    }
    Story held = std::move(stories[start]);
    std::size_t at = start;
    while (order[at] != start) {
      const std::size_t from = order[at];
      stories[at] = std::move(stories[from]);
      order[at] = at;
      at = from;
    }
    stories[at] = std::move(held);
    order[at] = at;
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) {
    return a.slug != b.slug ? a.slug < b.slug : a.source_path < b.source_path;
  });
  story_index.clear();
  for (auto& by_term : stories_by_term) {
    by_term.clear();
  }
  for (std::size_t i = 0; i < stories.size(); ++i) {
    story_index.emplace(stories[i].slug, i);
    for (std::size_t t = 0; t < k_taxonomy_count; ++t) {
      for (const auto& term : stories[i].terms[t]) {
        auto& list = stories_by_term[t][term.value];
        if (list.empty() || list.back() != i) {  // a story counts once per term
          list.push_back(i);
        }
      }
    }
  }
}

}  // namespace vetrina
