#include "generator/cli/scaffold.h"

#include "generator/util/strings.h"

namespace vetrina {

namespace {

// A YAML double-quoted scalar.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string school_year_of(const Date& date) {
  const int start = date.month >= 9 ? date.year : date.year - 1;
  return std::to_string(start) + "/" + std::to_string(start + 1);
}

std::string story_scaffold(const std::string& title, const Date& today) {
  std::string text;
  text += "---\n";
  text += "# Nuova storia. Completa i campi, poi metti 'draft: false' per pubblicarla.\n";
  text += "# Guida: docs/guida-redazione.md. Controllo: build/vetrina check --drafts\n";
  text += "title: " + quoted(title) + "\n";
  text += "# Riassunto in testo semplice, al massimo 300 caratteri: appare negli elenchi e nei risultati.\n";
  text += "summary: \"Da scrivere: in due o tre frasi, che cosa hanno fatto le classi e che cosa hanno imparato.\"\n";
  text += "# Data di pubblicazione (AAAA-MM-GG): ordina le storie e il feed.\n";
  text += "date: " + today.iso() + "\n";
  text += "# Anno scolastico del progetto: due anni consecutivi.\n";
  text += "school_year: \"" + school_year_of(today) + "\"\n";
  text += "# europeo (almeno un partner di un altro Paese eTwinning) | nazionale (partner italiani)\n";
  text += "# | istituto (nessun partner e nessun Quality Label).\n";
  text += "project_type: europeo\n";
  text += "# Livelli: infanzia, primaria, secondaria-1, secondaria-2 (anche più di uno).\n";
  text += "levels: [primaria]\n";
  text += "# Competenze chiave 2018: alfabetica, multilinguistica, stem, digitale, personale-sociale,\n";
  text += "# cittadinanza, imprenditoriale, culturale.\n";
  text += "competences: [multilinguistica]\n";
  text += "# Discipline: gli id di 'disciplina' in content/taxonomies.yaml (italiano, inglese, scienze, ...).\n";
  text += "subjects: [inglese]\n";
  text += "# Facoltativi: temi, metodologie e strumenti (id in content/taxonomies.yaml).\n";
  text += "themes: []\n";
  text += "methods: []\n";
  text += "tools: []\n";
  text += "# La scuola italiana; region è l'id della regione (toscana, emilia-romagna, valle-d-aosta, ...).\n";
  text += "school: {name: \"Nome della scuola\", city: \"Città\", region: toscana}\n";
  text += "teachers: [\"Nome Cognome\"]\n";
  text += "# Scuole partner; country è il codice del Paese (FR, ES, DE, PL, ...). Per 'istituto' togli la lista.\n";
  text += "partners:\n";
  text += "  - {school: \"Scuola partner\", city: \"Città\", country: FR}\n";
  text += "# Facoltativi:\n";
  text += "# quality_labels: {national: 2026, european: 2027}   # anni; mai per i progetti di istituto\n";
  text += "# twinspace: https://twinspace.etwinning.net/...\n";
  text += "# cover: {src: copertina.jpg, alt: \"Che cosa mostra la foto\", minors: true, consent: true}\n";
  text += "# gallery: [{src: foto1.jpg, alt: \"...\", minors: false}]\n";
  text += "# videos: [{youtube: ID_DEL_VIDEO, title: \"...\"}]\n";
  text += "# interviews: [{role: docente, name: \"Nome Cognome\", quote: \"...\"}]   # role: docente|dirigente|alunno|genitore\n";
  text += "# Fonti: un progetto reale cita dove si trova ogni fatto (documento e pagina, o indirizzo web);\n";
  text += "# build/vetrina build --production pubblica solo storie con fonti.\n";
  text += "# sources: [{title: \"Titolo del documento\", where: \"p. 12\"}, https://...]\n";
  text += "# Storia inventata, solo per l'anteprima: example: true (mai nomi reali; --production la rifiuta).\n";
  text += "draft: true\n";
  text += "---\n\n";
  text += "Un paragrafo di introduzione: dove, chi, perché.\n\n";
  text += "## Obiettivi\n\n- Primo obiettivo\n- Secondo obiettivo\n\n";
  text += "## Attività\n\nChe cosa hanno fatto le classi, in ordine.\n\n";
  text += "## Risultati\n\nChe cosa è rimasto: prodotti, competenze, ricadute sulla scuola.\n\n";
  text += "## Metodologia\n\nCome hanno lavorato: gruppi, strumenti, valutazione.\n";
  return text;
}

}  // namespace vetrina
