#include "generator/admin/cms_config.h"

#include <utility>
#include <vector>

namespace vetrina {

namespace {

// One form field of Decap CMS (https://decapcms.org/docs/widgets/).
struct Field {
  std::string name;
  std::string label;
  std::string widget;
  bool required = true;
  std::string hint;
  // Further keys with their YAML value as written ("true", "1", "\"YYYY-MM-DD\"").
  std::vector<std::pair<std::string, std::string>> extra;
  std::vector<std::pair<std::string, std::string>> options;  // select: value, label
  std::vector<Field> fields;                                 // object and list of objects
};

// A double-quoted YAML scalar: every string goes out quoted, so no label
// or id is ever read back as a number, a boolean or a date.
std::string quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

void emit(std::string& out, const Field& field, const std::string& indent) {
  out += indent + "- name: " + quote(field.name) + "\n";
  const std::string in = indent + "  ";
  out += in + "label: " + quote(field.label) + "\n";
  out += in + "widget: " + quote(field.widget) + "\n";
  if (!field.required) {
    out += in + "required: false\n";
  }
  if (!field.hint.empty()) {
    out += in + "hint: " + quote(field.hint) + "\n";
  }
  for (const auto& [key, value] : field.extra) {
    out += in + key + ": " + value + "\n";
  }
  if (!field.options.empty()) {
    out += in + "options:\n";
    for (const auto& [value, label] : field.options) {
      out += in + "  - {label: " + quote(label) + ", value: " + quote(value) + "}\n";
    }
  }
  if (!field.fields.empty()) {
    out += in + "fields:\n";
    for (const Field& sub : field.fields) {
      emit(out, sub, in + "  ");
    }
  }
}

Field text(std::string name, std::string label, bool required = true, std::string hint = {}) {
  return Field{std::move(name), std::move(label), "string", required, std::move(hint), {}, {}, {}};
}

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return text;
}

std::vector<std::pair<std::string, std::string>> options_of(const Taxonomy& taxonomy) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const Term& term : taxonomy.terms) {
    options.emplace_back(term.id, term.label);
  }
  return options;
}

// A select list of the terms of `id`; `multiple` writes a list, required
// ones with at least one item.
Field select(const Site& site, TaxonomyId id, bool multiple, bool required, std::string hint = {}) {
  const Taxonomy& taxonomy = site.taxonomy(id);
  Field field{taxonomy.field,
              multiple ? taxonomy.plural : taxonomy.label,
              "select",
              required,
              std::move(hint),
              {},
              options_of(taxonomy),
              {}};
  if (multiple) {
    field.extra.emplace_back("multiple", "true");
    if (required) {
      field.extra.emplace_back("min", "1");
    }
  }
  return field;
}

// The answer every photo and video must give (docs/guida-redazione.md):
// a select without a default, so an editor cannot publish by omission.
// `required` is false only inside the optional cover: Decap checks the
// fields of an object even when the story has no cover at all; there
// `vetrina check` asks for the answer.
Field minors_field(bool required) {
  Field minors{"minors",
               "Si riconoscono minori?",
               "select",
               required,
               "Obbligatorio. Con «Sì» serve anche la liberatoria delle famiglie.",
               {},
               {},
               {}};
  minors.options = {{"true", "Sì, si riconoscono alunne o alunni"}, {"false", "No"}};
  return minors;
}

Field consent_field() {
  return Field{"consent",
               "Liberatoria delle famiglie agli atti",
               "boolean",
               false,
               "Attivate solo se la liberatoria è davvero agli atti della scuola.",
               {},
               {},
               {}};
}

// A photo's fields; `in_list`: an item of the gallery, which exists only
// once added (the cover is an object that is always there, maybe empty).
std::vector<Field> photo_fields(bool in_list) {
  std::vector<Field> fields;
  fields.push_back(
      Field{"src", "Foto", "image", in_list, "JPEG o PNG, salvata nella cartella della storia.", {}, {}, {}});
  fields.push_back(text("alt", "Testo alternativo", in_list,
                        "Che cosa mostra la foto, per chi non la vede (una frase, senza «foto di»)."));
  fields.push_back(text("credit", "Crediti", false));
  fields.push_back(minors_field(in_list));
  fields.push_back(consent_field());
  return fields;
}

std::vector<Field> story_fields(const Site& site) {
  std::vector<Field> fields;
  fields.push_back(text("title", "Titolo"));
  fields.push_back(Field{"summary",
                         "Sommario",
                         "text",
                         true,
                         "Testo semplice, al massimo 300 caratteri: appare negli elenchi e nei risultati di ricerca.",
                         {{"pattern", "['^[\\s\\S]{1,300}$', \"Al massimo 300 caratteri\"]"}},
                         {},
                         {}});
  fields.push_back(Field{"date",
                         "Data di pubblicazione",
                         "datetime",
                         true,
                         {},
                         {{"format", "\"YYYY-MM-DD\""}, {"date_format", "\"DD/MM/YYYY\""}, {"time_format", "false"}},
                         {},
                         {}});
  fields.push_back(
      Field{"school_year",
            "Anno scolastico",
            "string",
            false,
            "Due anni consecutivi, per esempio 2012/2013. Obbligatorio se la storia non ha fonti.",
            {{"pattern", "['^[0-9]{4}/[0-9]{4}$', \"Scrivete due anni consecutivi, per esempio 2012/2013\"]"}},
            {},
            {}});
  // Decap refuses a select list without options: a taxonomy without terms has no field.
  auto add = [&](Field field) {
    if (!field.options.empty()) {
      fields.push_back(std::move(field));
    }
  };
  add(select(site, TaxonomyId::tipo, false, false, "Obbligatorio se la storia non ha fonti."));
  add(select(site, TaxonomyId::livello, true, true));
  add(select(site, TaxonomyId::competenza, true, true));
  add(select(site, TaxonomyId::disciplina, true, true));
  add(select(site, TaxonomyId::tema, true, false));
  add(select(site, TaxonomyId::metodo, true, false));
  add(select(site, TaxonomyId::strumento, true, false));

  Field school{"school", "Scuola", "object", false, "Obbligatoria se la storia non ha fonti.", {}, {}, {}};
  school.fields.push_back(text("name", "Nome della scuola"));
  school.fields.push_back(text("city", "Città"));
  school.fields.push_back(select(site, TaxonomyId::regione, false, true));
  school.fields.back().name = "region";
  fields.push_back(school);

  fields.push_back(Field{"teachers", "Docenti", "list", false, "Nome e cognome, uno per voce.", {}, {}, {}});

  Field partners{"partners",
                 "Scuole partner",
                 "list",
                 false,
                 "Progetto europeo: almeno un partner di un altro Paese. Nazionale: solo scuole italiane.",
                 {},
                 {},
                 {}};
  partners.fields.push_back(text("school", "Scuola"));
  partners.fields.push_back(text("city", "Città"));
  // Country codes in capitals, as the guide and `vetrina new` write them (the
  // loader reads both); Italy first: it is no term of 'paese' (every story is Italian).
  Field country{"country", "Paese", "select", true, {}, {}, {{"IT", "Italia"}}, {}};
  for (auto& option : options_of(site.taxonomy(TaxonomyId::paese))) {
    country.options.emplace_back(upper(option.first), std::move(option.second));
  }
  partners.fields.push_back(country);
  fields.push_back(partners);

  Field labels{"quality_labels",
               "Certificati di Qualità",
               "object",
               false,
               "L'anno di ciascun certificato; non per i progetti di Istituto.",
               {},
               {},
               {}};
  for (const auto& [name, label] :
       {std::pair{"national", "Nazionale (anno)"}, std::pair{"european", "Europeo (anno)"}}) {
    labels.fields.push_back(Field{name, label, "number", false, {}, {{"value_type", "\"int\""}}, {}, {}});
  }
  fields.push_back(labels);

  fields.push_back(text("twinspace", "Indirizzo del TwinSpace", false, "Un indirizzo che inizia con https://"));

  Field cover{"cover",
              "Foto di copertina",
              "object",
              false,
              "Facoltativa: senza, il sito disegna una copertina. Con una foto servono testo alternativo e risposta "
              "sui minori.",
              {},
              {},
              photo_fields(false)};
  fields.push_back(cover);
  Field gallery{"gallery", "Galleria", "list", false, {}, {}, {}, photo_fields(true)};
  fields.push_back(gallery);

  Field videos{"videos",
               "Video",
               "list",
               false,
               "Un video di YouTube (il suo codice) oppure un file MP4 nella cartella della storia.",
               {},
               {},
               {}};
  videos.fields.push_back(text("youtube", "Codice del video YouTube", false));
  videos.fields.push_back(Field{"src", "File video (MP4)", "file", false, {}, {}, {}, {}});
  videos.fields.push_back(Field{"poster", "Immagine di anteprima", "image", false, {}, {}, {}, {}});
  videos.fields.push_back(text("title", "Titolo del video"));
  videos.fields.push_back(minors_field(true));
  videos.fields.push_back(consent_field());
  fields.push_back(videos);

  Field interviews{"interviews", "Interviste", "list", false, {}, {}, {}, {}};
  Field role{"role", "Chi parla", "select", true, {}, {}, {}, {}};
  role.options = {{"docente", "Docente"},
                  {"dirigente", "Dirigente scolastico"},
                  {"alunno", "Alunna o alunno"},
                  {"genitore", "Genitore"}};
  interviews.fields.push_back(role);
  interviews.fields.push_back(text("name", "Nome", false, "Facoltativo: lasciate vuoto per alunni e genitori."));
  interviews.fields.push_back(Field{"quote", "Citazione", "text", true, {}, {}, {}, {}});
  interviews.fields.push_back(text("section", "Sezione del testo", false,
                                   "Facoltativo: il titolo di una sezione (##) del testo, per esempio Attività; la "
                                   "citazione compare alla fine di quella sezione. Vuoto: in fondo alla storia."));
  fields.push_back(interviews);

  Field sources{"sources",
                "Fonti",
                "list",
                false,
                "I documenti da cui viene ciò che la storia racconta: titolo, e la pagina o l'indirizzo.",
                {},
                {},
                {}};
  sources.fields.push_back(text("title", "Titolo del documento"));
  sources.fields.push_back(text("where", "Dove (pagina, slide)", false));
  sources.fields.push_back(text("url", "Indirizzo (https://...)", false));
  fields.push_back(sources);

  fields.push_back(Field{"example",
                         "Storia di esempio (inventata)",
                         "boolean",
                         false,
                         "Solo per storie inventate: vengono segnalate ai visitatori e non vanno in produzione.",
                         {},
                         {},
                         {}});
  fields.push_back(Field{"draft", "Bozza (non pubblicata)", "boolean", false, {}, {}, {}, {}});
  fields.push_back(Field{
      "body", "Testo della storia", "markdown", true, "Sezioni: ## Obiettivi, ## Attività, ## Risultati.", {}, {}, {}});
  return fields;
}

std::vector<Field> page_fields() {
  std::vector<Field> fields;
  fields.push_back(text("title", "Titolo"));
  fields.push_back(Field{"description", "Descrizione (per i motori di ricerca)", "text", false, {}, {}, {}, {}});
  fields.push_back(Field{"draft", "Bozza (non pubblicata)", "boolean", false, {}, {}, {}, {}});
  fields.push_back(Field{"body", "Testo", "markdown", true, {}, {}, {}, {}});
  return fields;
}

}  // namespace

std::string cms_config_yaml(const Site& site, const CmsSettings& settings) {
  std::string out;
  out += "# Decap CMS (/admin/): written by `vetrina build` from content/admin.yaml and\n";
  out += "# content/taxonomies.yaml; do not edit (docs/cms.md).\n";
  out += "backend:\n";
  out += "  name: " + quote(settings.backend) + "\n";
  if (!settings.repo.empty()) {
    out += "  repo: " + quote(settings.repo) + "\n";
  }
  out += "  branch: " + quote(settings.branch) + "\n";
  if (!settings.auth_url.empty()) {
    out += "  base_url: " + quote(settings.auth_url) + "\n";
  }
  if (!settings.auth_endpoint.empty()) {
    out += "  auth_endpoint: " + quote(settings.auth_endpoint) + "\n";
  }
  out += "  commit_messages:\n";
  out += "    create: \"Nuova {{collection}}: {{slug}}\"\n";
  out += "    update: \"Modifica {{collection}}: {{slug}}\"\n";
  out += "    delete: \"Eliminazione {{collection}}: {{slug}}\"\n";
  out += "    uploadMedia: \"Caricamento di {{path}}\"\n";
  out += "    deleteMedia: \"Eliminazione di {{path}}\"\n";
  if (settings.editorial_workflow) {
    out += "publish_mode: \"editorial_workflow\"\n";
  }
  out += "# `npx decap-server` in the repository: edits go to the files on this computer.\n";
  out += "local_backend: true\n";
  out += "locale: \"it\"\n";
  if (!site.config.base_url.empty()) {
    out += "site_url: " + quote(site.config.base_url) + "\n";
    out += "display_url: " + quote(site.config.base_url) + "\n";
  }
  out += "media_folder: \"content/media\"\n";
  out += "slug:\n  encoding: \"ascii\"\n  clean_accents: true\n  sanitize_replacement: \"-\"\n";
  out += "collections:\n";

  out += "  - name: \"stories\"\n";
  out += "    label: \"Esperienze\"\n";
  out += "    label_singular: \"Esperienza\"\n";
  out += "    description: \"Una storia per cartella: content/stories/<nome>/index.md, con le sue foto.\"\n";
  out += "    folder: \"content/stories\"\n";
  out += "    path: \"{{slug}}/index\"\n";
  out += "    slug: \"{{title}}\"\n";
  out += "    create: true\n";
  out += "    extension: \"md\"\n";
  out += "    format: \"frontmatter\"\n";
  out += "    media_folder: \"\"\n";
  out += "    public_folder: \"\"\n";
  out += "    preview_path: \"esperienze/{{slug}}/\"\n";
  out += "    summary: \"{{title}} ({{date}})\"\n";
  out += "    sortable_fields: [\"date\", \"title\"]\n";
  out += "    fields:\n";
  for (const Field& field : story_fields(site)) {
    emit(out, field, "      ");
  }

  out += "  - name: \"pages\"\n";
  out += "    label: \"Pagine\"\n";
  out += "    label_singular: \"Pagina\"\n";
  out += "    description: \"Le pagine fisse del sito: content/pages/<nome>.md.\"\n";
  out += "    folder: \"content/pages\"\n";
  out += "    slug: \"{{title}}\"\n";
  out += "    create: true\n";
  out += "    extension: \"md\"\n";
  out += "    format: \"frontmatter\"\n";
  out += "    preview_path: \"{{slug}}/\"\n";
  out += "    fields:\n";
  for (const Field& field : page_fields()) {
    emit(out, field, "      ");
  }
  return out;
}

}  // namespace vetrina
