#include "generator/content/taxonomy_decoder.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::decode_taxonomies;
using vetrina::DiagnosticBag;
using vetrina::TaxonomyId;
using vetrina::test::diagnostics_text;

namespace {

// `base` with the one occurrence of `from` replaced by `to`.
std::string with(std::string base, const std::string& from, const std::string& to) {
  const auto pos = base.find(from);
  REQUIRE(pos != std::string::npos);
  return base.replace(pos, from.size(), to);
}

}  // namespace

TEST_SUITE("taxonomy_decoder") {
  TEST_CASE("decode_taxonomies reads labels, terms in order and defaults segment and param to the id") {
    DiagnosticBag diagnostics;
    const auto taxonomies = decode_taxonomies(vetrina::test::k_taxonomies_yaml, "content/taxonomies.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    const auto& livello = taxonomies[static_cast<std::size_t>(TaxonomyId::livello)];
    CHECK(livello.id == "livello");
    CHECK(livello.field == "levels");
    CHECK(livello.label == "Livello scolastico");
    CHECK(livello.plural == "Livelli scolastici");
    CHECK(livello.segment == "livello");
    CHECK(livello.param == "livello");
    CHECK(livello.term_ids() == std::vector<std::string>{"infanzia", "primaria", "secondaria-1", "secondaria-2"});
    REQUIRE(livello.find("primaria") != nullptr);
    CHECK(livello.find("primaria")->label == "Scuola primaria");
    CHECK(livello.find("Primaria") == nullptr);
    const auto& paese = taxonomies[static_cast<std::size_t>(TaxonomyId::paese)];
    CHECK(paese.field == "partners[].country");
    CHECK(paese.term_ids() == std::vector<std::string>{"fr", "es", "pl"});
    // tema, metodo and strumento are optional: an absent one has no terms.
    CHECK(taxonomies[static_cast<std::size_t>(TaxonomyId::metodo)].terms.empty());
    CHECK(taxonomies[static_cast<std::size_t>(TaxonomyId::metodo)].segment == "metodo");
  }

  TEST_CASE("decode_taxonomies reads the search-only aliases and the Italian names of foreign cities") {
    DiagnosticBag diagnostics;
    std::string tax = vetrina::test::k_taxonomies_yaml;
    tax = with(tax, "{id: fr, label: \"Francia\"}",
               "{id: fr, label: \"Francia\", aliases: [\"France\"], cities: {\"Lyon\": \"Lione\", Nice: Nizza}}");
    const auto taxonomies = decode_taxonomies(tax, "content/taxonomies.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    const vetrina::Term* france = taxonomies[static_cast<std::size_t>(TaxonomyId::paese)].find("fr");
    REQUIRE(france != nullptr);
    CHECK(france->aliases == std::vector<std::string>{"France"});
    CHECK(france->cities == std::vector<std::pair<std::string, std::string>>{{"Lyon", "Lione"}, {"Nice", "Nizza"}});

    DiagnosticBag misplaced;
    decode_taxonomies(with(vetrina::test::k_taxonomies_yaml, "{id: primaria, label: \"Scuola primaria\"",
                           "{id: primaria, cities: {A: B}, label: \"Scuola primaria\""),
                      "content/taxonomies.yaml", misplaced);
    CHECK(diagnostics_text(misplaced).find("'cities' belongs to the terms of 'paese'") != std::string::npos);
  }

  TEST_CASE("decode_taxonomies reports missing taxonomies, bad ids, duplicates and clashing segments") {
    struct Case {
      std::string name;
      std::string text;
      std::string expected;
    };
    const std::string tax = vetrina::test::k_taxonomies_yaml;
    const Case cases[] = {
        {"empty file", "",
         "content/taxonomies.yaml:1:1: error: taxonomy 'competenza' is missing (it holds the values of "
         "'competences')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'disciplina' is missing (it holds the values of 'subjects')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'livello' is missing (it holds the values of 'levels')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'paese' is missing (it holds the values of "
         "'partners[].country')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'regione' is missing (it holds the values of "
         "'school.region')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'tipo' is missing (it holds the values of 'project_type')\n"},
        {"unknown taxonomy", tax + "livelli:\n  label: x\n",
         "content/taxonomies.yaml:61:1: error: unknown field 'livelli' in taxonomies.yaml (did you mean "
         "'livello'?)\n"},
        {"segment not a slug",
         with(tax, "  plural: \"Livelli scolastici\"\n",
              "  plural: \"Livelli scolastici\"\n  segment: Livello Scolastico\n"),
         "content/taxonomies.yaml:4:12: error: segment must be lowercase letters, digits and hyphens (try "
         "'livello-scolastico')\n"},
        {"two taxonomies with one segment",
         with(tax, "  plural: \"Discipline\"\n", "  plural: \"Discipline\"\n  segment: livello\n"),
         "content/taxonomies.yaml:24:12: error: segment 'livello' is used by two taxonomies\n"},
        {"term id not a slug", with(tax, "{id: primaria,", "{id: Scuola Primaria,"),
         "content/taxonomies.yaml:6:12: error: term id 'Scuola Primaria' must be lowercase letters, digits and "
         "hyphens (try 'scuola-primaria')\n"},
        {"term listed twice", with(tax, "{id: infanzia,", "{id: primaria,"),
         "content/taxonomies.yaml:6:12: error: term 'primaria' appears twice in taxonomy 'livello'\n"},
        {"no terms",
         with(tax,
              "tema:\n  label: \"Tema\"\n  plural: \"Temi\"\n  terms:\n    - {id: inclusione, label: "
              "\"Inclusione\"}\n",
              "tema:\n  label: \"Tema\"\n  plural: \"Temi\"\n"),
         "content/taxonomies.yaml:57:3: error: taxonomy 'tema' needs a list of terms\n"},
        {"term without label", with(tax, "{id: fr, label: \"Francia\"}", "{id: fr}"),
         "content/taxonomies.yaml:53:7: error: missing required field 'label' in term of 'paese'\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      DiagnosticBag diagnostics;
      decode_taxonomies(c.text, "content/taxonomies.yaml", diagnostics);
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
  }
}
