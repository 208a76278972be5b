#include "generator/check/term_rules.h"

#include <doctest/doctest.h>

#include "tests/unit/check_support.h"

using vetrina::TaxonomyId;
using vetrina::test::check_story;
using vetrina::test::k_p;
using vetrina::test::run;
using vetrina::test::StoryText;

TEST_SUITE("term_rules") {
  TEST_CASE("unknown taxonomy ids are reported with a did-you-mean hint or the valid values") {
    run({
        {"competence with a typo", StoryText().set("competences", "[digitle]"),
         k_p + "8:15: error: unknown competence 'digitle': write 'digitale' (Competenza digitale)\n"},
        {"level far from every id", StoryText().set("levels", "[media]"),
         k_p + "7:10: error: unknown level 'media' (valid values: infanzia, primaria, secondaria-1, secondaria-2)\n"},
        {"competence far from every id (8 ids are listed)", StoryText().set("competences", "[sport]"),
         k_p + "8:15: error: unknown competence 'sport' (valid values: alfabetica, multilinguistica, stem, digitale, "
               "personale-sociale, cittadinanza, imprenditoriale, culturale)\n"},
        {"subject among more than 8 ids", StoryText().set("subjects", "[inglese, fisica]"),
         k_p + "9:21: error: unknown subject 'fisica' (see the ids of 'disciplina' in taxonomies.yaml)\n"},
        {"region with a typo",
         StoryText().set("school", "{name: \"Scuola primaria statale\", city: \"Prato\", region: toscanna}"),
         k_p + "10:66: error: unknown region 'toscanna': write 'toscana' (Toscana)\n"},
        {"country outside the taxonomy", StoryText().set("partners", "[{school: \"S\", country: XX}]"),
         k_p + "11:35: error: unknown country 'xx' (valid values: FR, ES, PL)\n"},
        {"project type with a typo", StoryText().set("project_type", "europe"),
         k_p + "6:15: error: unknown project type 'europe': write 'europeo' (Progetto europeo)\n"},
        {"theme with a typo", StoryText().set("themes", "[inclusion]"),
         k_p + "12:10: error: unknown theme 'inclusion': write 'inclusione' (Inclusione)\n"},
        {"method of a taxonomy with no terms", StoryText().set("methods", "[clil]"),
         k_p + "12:11: error: unknown method 'clil' (see the ids of 'metodo' in taxonomies.yaml)\n"},
        {"a level listed twice", StoryText().set("levels", "[primaria, primaria]"),
         k_p + "7:20: error: level 'primaria' is listed twice\n"},
        {"upper-case id", StoryText().set("levels", "[Primaria]"),
         k_p + "7:10: error: unknown level 'Primaria': write 'primaria' (Scuola primaria)\n"},
    });
  }

  TEST_CASE("two partners from one country are not a duplicate") {
    CHECK(check_story(StoryText().set("partners", "[{school: \"A\", country: FR}, {school: \"B\", country: fr}]")) ==
          "");
  }

  TEST_CASE("taxonomy_noun names each taxonomy's values in messages") {
    const std::pair<TaxonomyId, std::string> cases[] = {
        {TaxonomyId::livello, "level"},     {TaxonomyId::competenza, "competence"}, {TaxonomyId::disciplina, "subject"},
        {TaxonomyId::tipo, "project type"}, {TaxonomyId::regione, "region"},        {TaxonomyId::paese, "country"},
        {TaxonomyId::tema, "theme"},        {TaxonomyId::metodo, "method"},         {TaxonomyId::strumento, "tool"},
    };
    for (const auto& [id, noun] : cases) {
      CHECK(vetrina::taxonomy_noun(id) == noun);
    }
  }
}
