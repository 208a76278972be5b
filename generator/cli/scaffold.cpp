#include "generator/cli/scaffold.h"

#include "generator/check/validator.h"
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
  // One field per line, no {...} groups: the shape an editor copies safely.
  // The placeholder texts are the validator's (refused unless draft: true).
  const auto& p = scaffold_placeholders();
  std::string text;
  text += "---\n";
  text += "# Nuova storia. Completate i campi, poi scrivete 'draft: false' per pubblicarla.\n";
  text += "# Guida: docs/guida-redazione.md. Controllo: vetrina check --drafts\n";
  text += "title: " + quoted(title) + "\n";
  text += "# Riassunto in testo semplice, al massimo 300 caratteri: appare negli elenchi e nei risultati.\n";
  text += "summary: " + quoted(p.summary) + "\n";
  text += "# Data di pubblicazione (AAAA-MM-GG): ordina le storie e il feed.\n";
  text += "date: " + today.iso() + "\n";
  text += "# Anno scolastico del progetto: due anni consecutivi.\n";
  text += "school_year: \"" + school_year_of(today) + "\"\n";
  text += "# europeo (almeno un partner di un altro Paese eTwinning) | nazionale (partner italiani)\n";
  text += "# | istituto (nessun partner e nessun Quality Label).\n";
  text += "project_type: europeo\n";
  text += "# Livelli: infanzia, primaria, secondaria-1, secondaria-2 (uno per riga, anche più di uno).\n";
  text += "levels:\n";
  text += "  - primaria\n";
  text += "# Competenze chiave 2018: alfabetica, multilinguistica, stem, digitale, personale-sociale,\n";
  text += "# cittadinanza, imprenditoriale, culturale.\n";
  text += "competences:\n";
  text += "  - multilinguistica\n";
  text += "# Discipline: gli id di 'disciplina' in content/taxonomies.yaml (italiano, inglese, scienze, ...).\n";
  text += "subjects:\n";
  text += "  - inglese\n";
  text += "# Facoltativi: temi, metodologie e strumenti (id in content/taxonomies.yaml), uno per riga.\n";
  text += "themes: []\n";
  text += "methods: []\n";
  text += "tools: []\n";
  text += "# La scuola italiana; region è l'id della regione (toscana, emilia-romagna, valle-d-aosta, ...).\n";
  text += "school:\n";
  text += "  name: " + quoted(p.school) + "\n";
  text += "  city: " + quoted(p.city) + "\n";
  text += "  region: toscana\n";
  text += "teachers:\n";
  text += "  - " + quoted(p.teacher) + "\n";
  text += "# Scuole partner; country è il codice del Paese (FR, ES, DE, PL, ...). Per 'istituto' togliete la lista.\n";
  text += "partners:\n";
  text += "  - school: " + quoted(p.partner) + "\n";
  text += "    city: " + quoted(p.partner_city) + "\n";
  text += "    country: FR\n";
  text += "# Facoltativi (togliete il # all'inizio delle righe che usate):\n";
  text += "# quality_labels:\n";
  text += "#   national: 2026\n";
  text += "#   european: 2027\n";
  text += "# twinspace: \"https://twinspace.etwinning.net/...\"\n";
  text += "# Ogni foto e ogni video dice se mostra alunni (minors: true, con consent: true solo\n";
  text += "# quando la liberatoria delle famiglie è agli atti) oppure no (minors: false).\n";
  text += "# cover:\n";
  text += "#   src: copertina.jpg\n";
  text += "#   alt: \"Che cosa mostra la foto\"\n";
  text += "#   minors: false\n";
  text += "# gallery:\n";
  text += "#   - src: foto1.jpg\n";
  text += "#     alt: \"Che cosa mostra la foto\"\n";
  text += "#     minors: false\n";
  text += "# videos:\n";
  text += "#   - youtube: ID_DEL_VIDEO\n";
  text += "#     title: \"Titolo del video\"\n";
  text += "#     minors: false\n";
  text += "# interviews:   # role: docente | dirigente | alunno | genitore\n";
  text += "#   - role: docente\n";
  text += "#     name: \"Nome Cognome\"\n";
  text += "#     quote: \"Che cosa ha detto\"\n";
  text += "#     section: \"Attività\"   # facoltativo: la voce compare alla fine di questa sezione (##)\n";
  text += "# Fonti: un progetto reale cita dove si trova ogni fatto (documento e pagina, o indirizzo web);\n";
  text += "# build/vetrina build --production pubblica solo storie con fonti.\n";
  text += "# sources:\n";
  text += "#   - title: \"Titolo del documento\"\n";
  text += "#     where: \"p. 12\"\n";
  text += "# Storia inventata, solo per l'anteprima: example: true (mai nomi reali; --production la rifiuta).\n";
  text += "draft: true\n";
  text += "---\n\n";
  const auto& body = p.body_lines;
  text += std::string(body[0]) + "\n\n";
  text += "## Obiettivi\n\n- " + std::string(body[1]) + "\n- " + std::string(body[2]) + "\n\n";
  text += "## Attività\n\n" + std::string(body[3]) + "\n\n";
  text += "## Risultati\n\n" + std::string(body[4]) + "\n\n";
  text += "## Metodologia\n\n" + std::string(body[5]) + "\n";
  return text;
}

}  // namespace vetrina
