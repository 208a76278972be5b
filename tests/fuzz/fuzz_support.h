#pragma once
// Shared pieces of the libFuzzer targets (tests/fuzz/README.md): a tiny
// valid site in memory, to which a target adds the hostile input.

#include <string>

#include "generator/util/file_system.h"

namespace vetrina::fuzz {

inline const char* const k_site_yaml = R"(title: "Esperienze eTwinning"
description: "Storie di progetti eTwinning"
base_url: "https://etwinning.example.it"
publisher: "Unità nazionale eTwinning"
menus:
  main: [{label: "Esperienze", url: "/esperienze/"}]
)";

inline const char* const k_taxonomies_yaml = R"(livello:
  label: Livello
  plural: Livelli
  terms: [{id: primaria, label: "Scuola primaria"}]
competenza:
  label: Competenza
  plural: Competenze
  terms: [{id: digitale, label: "Competenza digitale"}]
disciplina:
  label: Disciplina
  plural: Discipline
  terms: [{id: inglese, label: "Inglese"}]
tipo:
  label: Tipo
  plural: Tipi
  terms: [{id: europeo, label: "Europeo"}]
regione:
  label: Regione
  plural: Regioni
  terms: [{id: toscana, label: "Toscana"}]
paese:
  label: Paese
  plural: Paesi
  terms: [{id: fr, label: "Francia"}]
)";

inline std::string story_text(const std::string& title, const std::string& body) {
  return "---\ntitle: \"" + title +
         "\"\nsummary: \"Una storia.\"\ndate: 2016-05-10\nschool_year: \"2015/2016\"\nproject_type: europeo\n"
         "levels: [primaria]\ncompetences: [digitale]\nsubjects: [inglese]\n"
         "school: {name: \"Scuola\", city: \"Prato\", region: toscana}\n"
         "partners: [{school: \"École\", city: \"Lyon\", country: FR}]\n---\n" +
         body;
}

inline util::MemoryFileSystem tiny_site() {
  util::MemoryFileSystem fs;
  fs.add_file("content/site.yaml", k_site_yaml);
  fs.add_file("content/taxonomies.yaml", k_taxonomies_yaml);
  fs.add_file("content/stories/altra/index.md", story_text("Altra", "Il racconto.\n"));
  fs.add_file("content/stories/altra/relazione.pdf", "%PDF-1.4");
  return fs;
}

}  // namespace vetrina::fuzz
