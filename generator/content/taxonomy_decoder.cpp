#include "generator/content/taxonomy_decoder.h"

#include <algorithm>
#include <set>
#include <vector>

#include "generator/content/yaml_reader.h"
#include "generator/model/awards.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

std::array<Taxonomy, k_taxonomy_count> decode_taxonomies(std::string_view text, const std::string& path,
                                                         DiagnosticBag& diagnostics) {
  std::array<Taxonomy, k_taxonomy_count> taxonomies;
  const auto& specs = taxonomy_specs();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < k_taxonomy_count; ++i) {
    taxonomies[i].id = specs[i].name;
    taxonomies[i].field = specs[i].field;
    taxonomies[i].label = taxonomies[i].plural = taxonomies[i].segment = taxonomies[i].param = specs[i].name;
    names.emplace_back(specs[i].name);
  }
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return taxonomies;
  }
  MapReader reader(*root, source, diagnostics, "taxonomies.yaml", names);
  if (!reader.is_map()) {
    return taxonomies;
  }
  std::set<std::string> segments;
  for (std::size_t i = 0; i < k_taxonomy_count; ++i) {
    Taxonomy& tax = taxonomies[i];
    const bool required = i < 6;  // livello..paese are fixed by DESIGN.md; tema, metodo, strumento optional
    if (!reader.has(specs[i].name)) {
      if (required) {
        diagnostics.error({path, 1, 1},
                          tr("taxonomy '{}' is missing (it holds the values of '{}')", tax.id, tax.field));
      }
      continue;
    }
    MapReader t(reader.node(specs[i].name), source, diagnostics, tr("taxonomy '{}'", tax.id),
                {"label", "plural", "description", "segment", "param", "terms"});
    tax.label = value_or(t.text("label", true), tax.label);
    tax.plural = value_or(t.text("plural", true), tax.plural);
    tax.description = value_or(t.text("description", false));
    for (const char* key : {"segment", "param"}) {
      if (auto v = t.text(key, false)) {
        if (!util::is_slug(v->value)) {
          diagnostics.error(v->location, tr("{} must be lowercase letters, digits and hyphens (try '{}')",
                                            std::string(key), util::slugify(v->value)));
        } else {
          (std::string_view(key) == "segment" ? tax.segment : tax.param) = v->value;
        }
      }
    }
    if (!segments.insert(tax.segment).second) {
      diagnostics.error(t.location_of("segment"), tr("segment '{}' is used by two taxonomies", tax.segment));
    }
    const auto terms = t.map_list("terms");
    if (terms.empty() && t.is_map()) {
      diagnostics.error(t.location(), tr("taxonomy '{}' needs a list of terms", tax.id));
    }
    for (const auto& node : terms) {
      MapReader term(node, source, diagnostics, tr("term of '{}'", tax.id),
                     {"id", "label", "description", "aliases", "cities"});
      auto id = term.text("id", true);
      auto label = term.text("label", true);
      if (!id || !label) {
        continue;
      }
      if (!util::is_slug(id->value)) {
        diagnostics.error(id->location, tr("term id '{}' must be lowercase letters, digits and hyphens (try '{}')",
                                           id->value, util::slugify(id->value)));
        continue;
      }
      if (id->value.size() > k_max_id_bytes) {
        diagnostics.error(id->location, tr("term id of {} characters; the limit is {}: shorten it",
                                           std::to_string(id->value.size()), std::to_string(k_max_id_bytes)));
        continue;
      }
      if (tax.term_index.count(id->value) != 0) {
        diagnostics.error(id->location, tr("term '{}' appears twice in taxonomy '{}'", id->value, tax.id));
        continue;
      }
      if (specs[i].id == TaxonomyId::premio && std::none_of(award_terms().begin(), award_terms().end(),
                                                            [&](const Term& known) { return known.id == id->value; })) {
        std::string ids;
        for (const auto& known : award_terms()) {
          ids += (ids.empty() ? "" : ", ") + known.id;
        }
        diagnostics.error(id->location, tr("the terms of 'premio' come from the award files and are fixed: {}", ids));
        continue;
      }
      Term entry{id->value, label->value, value_or(term.text("description", false)), {}, {}};
      for (const auto& alias : term.text_list("aliases", 0)) {
        entry.aliases.push_back(alias.value);
      }
      if (term.has("cities")) {
        const YAML::Node cities = term.node("cities");
        if (specs[i].id != TaxonomyId::paese || !cities.IsMap()) {
          diagnostics.error(term.location_of("cities"),
                            _("'cities' belongs to the terms of 'paese' and maps a city's local name to its Italian "
                              "name (cities: {Sevilla: Siviglia})"));
        } else {
          for (const auto& city : cities) {
            entry.cities.emplace_back(scalar_text(city.first), scalar_text(city.second));
          }
        }
      }
      tax.term_index.emplace(id->value, tax.terms.size());
      tax.terms.push_back(std::move(entry));
    }
  }
  // "premio" is computed (awards.h): its terms exist even when the file does not list them.
  Taxonomy& awards = taxonomies[static_cast<std::size_t>(TaxonomyId::premio)];
  if (!reader.has("premio")) {
    awards.label = "Riconoscimento";
    awards.plural = "Riconoscimenti";
    awards.description = "Premi nazionali ed europei, menzioni speciali e Certificati di Qualità.";
  }
  for (const auto& term : award_terms()) {
    if (awards.find(term.id) == nullptr) {
      awards.term_index.emplace(term.id, awards.terms.size());
      awards.terms.push_back(term);
    }
  }
  return taxonomies;
}

}  // namespace vetrina
