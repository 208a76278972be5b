#include "generator/render/list_filters.h"

#include <functional>
#include <map>
#include <vector>

#include "generator/util/strings.h"
#include "search/index/indexer.h"
#include "search/index/schema.h"

namespace vetrina {

std::optional<TemplateData> list_filters(const Site& site, const TermPlaces& places,
                                         const std::vector<std::size_t>& stories,
                                         const std::optional<std::pair<TaxonomyId, std::string>>& own) {
  using kainjow::mustache::data;
  std::optional<std::size_t> own_facet;
  if (own) {
    for (std::size_t f = 0; f < search::k_facets.size(); ++f) {
      if (search::facet_taxonomy_id(f) == own->first) {
        own_facet = f;
      }
    }
    if (!own_facet) {
      return std::nullopt;
    }
  }
  data facets{data::type::list};
  for (std::size_t f = 0; f < search::k_facets.size(); ++f) {
    const auto taxonomy_id = search::facet_taxonomy_id(f);
    const char* name = search::k_facets[f].name;
    data values{data::type::list};
    auto add = [&](const std::string& id, const std::string& label, std::size_t count) {
      const bool checked = own_facet && *own_facet == f && own->second == id;
      data entry;
      entry.set("id", id);
      entry.set("label", label);
      entry.set("count", util::format_thousands(static_cast<long long>(count)));
      entry.set("checked", checked);
      entry.set("input_id", std::string("f-") + name + "-" + id);
      values.push_back(entry);
    };
    if (!taxonomy_id) {
      std::map<std::string, std::size_t, std::greater<>> years;
      for (const std::size_t i : stories) {
        ++years[site.stories[i].school_year.value];
      }
      for (const auto& [year, count] : years) {
        add(search::school_year_id(year), year, count);
      }
    } else {
      // Counted by the terms' places (term_places.h): no string lookup per story.
      const Taxonomy& taxonomy = site.taxonomy(*taxonomy_id);
      std::vector<std::size_t> counts(taxonomy.terms.size(), 0);
      for (const std::size_t i : stories) {
        for (const std::uint32_t place : places.of(i, *taxonomy_id)) {
          ++counts[place];
        }
      }
      for (std::size_t t = 0; t < taxonomy.terms.size(); ++t) {
        if (counts[t] != 0) {
          add(taxonomy.terms[t].id, taxonomy.terms[t].label, counts[t]);
        }
      }
    }
    if (values.is_empty_list()) {
      continue;
    }
    data facet;
    facet.set("name", name);
    facet.set("label", taxonomy_id ? site.taxonomy(*taxonomy_id).plural : std::string("Anno scolastico"));
    facet.set("values", values);
    facet.set("open", f == 0 || (own_facet && *own_facet == f));
    facets.push_back(facet);
  }
  data filters;
  filters.set("facets", facets);
  filters.set("sort_recent", false);
  if (own_facet) {
    filters.set("active", std::string("1 attivo"));
  }
  return filters;
}

}  // namespace vetrina
