#include "generator/render/list_filters.h"

#include <functional>
#include <map>

#include "generator/util/strings.h"
#include "search/index/indexer.h"
#include "search/index/schema.h"

namespace vetrina {

std::optional<TemplateData> list_filters(const Site& site, const std::vector<std::size_t>& stories,
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
      std::map<std::string, std::size_t> counts;
      for (const std::size_t i : stories) {
        const auto& terms = site.stories[i].terms_of(*taxonomy_id);
        for (std::size_t t = 0; t < terms.size(); ++t) {
          bool repeated = false;
          for (std::size_t u = 0; u < t; ++u) {
            repeated = repeated || terms[u].value == terms[t].value;
          }
          if (!repeated) {
            ++counts[terms[t].value];
          }
        }
      }
      for (const auto& term : site.taxonomy(*taxonomy_id).terms) {
        const auto it = counts.find(term.id);
        if (it != counts.end()) {
          add(term.id, term.label, it->second);
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
