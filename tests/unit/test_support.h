#pragma once
// Shared fixtures of the unit tests: a tiny valid site in memory (site.yaml,
// taxonomies.yaml, a story builder with fixed line numbers), diagnostics as
// compiler-style text for exact comparisons, and a temporary folder under
// /tmp that removes itself. Header-only; not a test suite of its own.

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "generator/content/content_loader.h"
#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina::test {

// Every diagnostic of `bag`, sorted, as "path:line:col: error: message\n"
// lines (format_text without source lines): compare with exact text.
inline std::string diagnostics_text(const DiagnosticBag& bag) {
  return format_all(bag.sorted(), DiagnosticFormat::text, nullptr, false);
}

inline const char* const k_site_yaml = R"(title: "Esperienze eTwinning"
description: "Storie di progetti eTwinning"
base_url: "https://etwinning.example.it"
publisher: "Unità nazionale eTwinning"
menus:
  main: [{label: "Esperienze", url: "/esperienze/"}]
  footer: [{label: "Privacy", url: "/privacy/"}]
)";

// The fixed ids of DESIGN.md (regions and countries shortened).
inline const char* const k_taxonomies_yaml = R"(livello:
  label: "Livello scolastico"
  plural: "Livelli scolastici"
  terms:
    - {id: infanzia, label: "Scuola dell'infanzia"}
    - {id: primaria, label: "Scuola primaria"}
    - {id: secondaria-1, label: "Scuola secondaria di I grado"}
    - {id: secondaria-2, label: "Scuola secondaria di II grado"}
competenza:
  label: "Competenza chiave"
  plural: "Competenze chiave"
  terms:
    - {id: alfabetica, label: "Competenza alfabetica funzionale"}
    - {id: multilinguistica, label: "Competenza multilinguistica"}
    - {id: stem, label: "Competenza STEM"}
    - {id: digitale, label: "Competenza digitale"}
    - {id: personale-sociale, label: "Competenza personale e sociale"}
    - {id: cittadinanza, label: "Competenza in materia di cittadinanza"}
    - {id: imprenditoriale, label: "Competenza imprenditoriale"}
    - {id: culturale, label: "Competenza culturale"}
disciplina:
  label: "Disciplina"
  plural: "Discipline"
  terms:
    - {id: italiano, label: "Italiano"}
    - {id: inglese, label: "Inglese"}
    - {id: francese, label: "Francese"}
    - {id: spagnolo, label: "Spagnolo"}
    - {id: tedesco, label: "Tedesco"}
    - {id: matematica, label: "Matematica"}
    - {id: scienze, label: "Scienze"}
    - {id: storia, label: "Storia"}
    - {id: geografia, label: "Geografia"}
    - {id: arte, label: "Arte e immagine"}
tipo:
  label: "Tipo di progetto"
  plural: "Tipi di progetto"
  terms:
    - {id: europeo, label: "Progetto europeo"}
    - {id: nazionale, label: "Progetto nazionale"}
    - {id: istituto, label: "Progetto di Istituto"}
regione:
  label: "Regione"
  plural: "Regioni"
  terms:
    - {id: lombardia, label: "Lombardia"}
    - {id: toscana, label: "Toscana"}
    - {id: sicilia, label: "Sicilia"}
paese:
  label: "Paese partner"
  plural: "Paesi partner"
  terms:
    - {id: fr, label: "Francia"}
    - {id: es, label: "Spagna"}
    - {id: pl, label: "Polonia"}
tema:
  label: "Tema"
  plural: "Temi"
  terms:
    - {id: inclusione, label: "Inclusione"}
)";

// A story file whose front matter fields sit on fixed lines: '---' is line 1,
// then one field per line in this order (title on line 2, summary 3, date 4,
// school_year 5, project_type 6, levels 7, competences 8, subjects 9,
// school 10, partners 11), then extra fields, then '---' and the body.
// The defaults make a valid European story.
class StoryText {
 public:
  StoryText() {
    m_fields = {
        {"title", "\"Holidays in a box\""},
        {"summary", "\"Una scatola di vacanze da spedire ai compagni europei.\""},
        {"date", "2016-05-10"},
        {"school_year", "\"2012/2013\""},
        {"project_type", "europeo"},
        {"levels", "[primaria]"},
        {"competences", "[multilinguistica]"},
        {"subjects", "[inglese, italiano]"},
        {"school", "{name: \"Scuola primaria statale\", city: \"Prato\", region: toscana}"},
        {"partners", "[{school: \"École Jules Ferry\", city: \"Lyon\", country: FR}]"},
    };
  }
  // Replaces the value of `key` in place, or appends the field.
  StoryText& set(const std::string& key, const std::string& value) {
    for (auto& field : m_fields) {
      if (field.first == key) {
        field.second = value;
        return *this;
      }
    }
    m_fields.emplace_back(key, value);
    return *this;
  }
  // Blanks the field's line (an empty line keeps the other line numbers).
  StoryText& remove(const std::string& key) { return set(key, ""); }
  StoryText& body(std::string text) {
    m_body = std::move(text);
    return *this;
  }
  std::string text() const {
    std::string out = "---\n";
    for (const auto& [key, value] : m_fields) {
      out += value.empty() ? "\n" : key + ": " + value + "\n";
    }
    return out + "---\n" + m_body;
  }

 private:
  std::vector<std::pair<std::string, std::string>> m_fields;
  std::string m_body = "Il racconto.\n";
};

// content/site.yaml and content/taxonomies.yaml of the tiny site.
inline util::MemoryFileSystem tiny_site() {
  util::MemoryFileSystem fs;
  fs.add_file("content/site.yaml", k_site_yaml);
  fs.add_file("content/taxonomies.yaml", k_taxonomies_yaml);
  return fs;
}

inline void add_story(util::MemoryFileSystem& fs, const std::string& folder, const StoryText& story) {
  fs.add_file("content/stories/" + folder + "/index.md", story.text());
}

// Loads the site in `fs` ("content"), which must give no diagnostics.
inline Site load_clean(const util::MemoryFileSystem& fs, unsigned jobs = 1) {
  DiagnosticBag diagnostics;
  LoadOptions options;
  options.jobs = jobs;
  Site site = load_content(fs, "content", options, diagnostics);
  REQUIRE(diagnostics_text(diagnostics) == "");
  return site;
}

// A folder under /tmp made for one test and removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vetrina-unit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::string operator/(const std::string& relative) const { return (m_path / relative).string(); }

 private:
  std::filesystem::path m_path;
};

}  // namespace vetrina::test
