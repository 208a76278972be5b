// vetrina-bench-gen: writes a synthetic site of N stories, deterministically,
// twice: as a Vetrina content folder (OUT/vetrina) and as an equivalent Hugo
// site (OUT/hugo) with layouts that produce the same pages as the etwinning
// theme. Used by bench/run-build-bench.sh; see docs/performance.md for the
// mapping between the two sites.
//
//   vetrina-bench-gen --stories 10000 --out bench/work/10000 --content content
//                     [--theme themes/etwinning] [--seed 42]
//
// The same seed and N give byte-identical files on every machine: the PRNG is
// our own (splitmix64), not a standard distribution whose output depends on
// the library.
//
// Over 500 lines on purpose: a standalone tool (it links only yaml-cpp) read
// top to bottom in one file: random, text, stories, the Vetrina and Hugo forms
// of a story, the site files, main. Its data (words, names, regions; the Hugo
// layouts) lives in gen_vocabulary.h and hugo_layouts.h.

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench/gen_vocabulary.h"
#include "bench/hugo_layouts.h"

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------- random

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  // Uniform in [0, n).
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  // Uniform in [lo, hi].
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  // k distinct indexes of [0, n), in random order.
  std::vector<std::size_t> distinct(std::size_t n, std::size_t k) {
    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i) {
      all[i] = i;
    }
    k = std::min(k, n);
    for (std::size_t i = 0; i < k; ++i) {
      std::swap(all[i], all[i + below(n - i)]);
    }
    all.resize(k);
    return all;
  }

 private:
  std::uint64_t m_state;
};

// ---------------------------------------------------------------- vocabulary

using namespace bench_gen;  // gen_vocabulary.h, hugo_layouts.h

// Every taxonomy, in the order of content/taxonomies.yaml; the front matter
// key that feeds it in Vetrina. Hugo uses the taxonomy id as its name.
struct TaxonomyInfo {
  std::string id;
  std::string label;
  std::string plural;
  std::string description;
  std::string segment;
  struct Term {
    std::string id, label, description;
  };
  std::vector<Term> terms;
};

// ---------------------------------------------------------------- helpers

std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
  return out;
}

std::string toml_quote(const std::string& s) {
  return yaml_quote(s);
}

std::string ids_list(const std::vector<std::string>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out += (i ? ", " : "") + ids[i];
  }
  return out + "]";
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i ? ", " : "") + yaml_quote(items[i]);
  }
  return out + "]";
}

std::string slugify(const std::string& s) {
  std::string out;
  bool dash = false;
  for (const unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
      dash = false;
    } else if (!dash && !out.empty()) {
      out += '-';
      dash = true;
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out;
}

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream f(path, std::ios::binary);
  if (!f) {
    throw std::runtime_error("cannot write " + path.string());
  }
  f.write(content.data(), static_cast<std::streamsize>(content.size()));
}

std::string read_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    throw std::runtime_error("cannot read " + path.string());
  }
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string capitalize(std::string w) {
  if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') {
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
  }
  return w;
}

// ---------------------------------------------------------------- text

class Text {
 public:
  explicit Text(Rng& rng) : m_rng(rng) {}

  // One sentence of n words, with an occasional comma and **bold** phrase.
  std::string sentence(int n, bool markup = true) {
    std::string out;
    int bold_at = markup && m_rng.chance(25) ? m_rng.between(1, std::max(1, n - 3)) : -1;
    for (int i = 0; i < n; ++i) {
      std::string w = m_rng.pick(k_words);
      if (i == 0) {
        w = capitalize(w);
      }
      if (i > 0) {
        out += ' ';
      }
      if (i == bold_at) {
        out += "**";
      }
      out += w;
      if (bold_at >= 0 && i == bold_at + 2) {
        out += "**";
      }
      if (i > 2 && i < n - 2 && m_rng.chance(8)) {
        out += ',';
      }
      m_words++;
    }
    return out + (m_rng.chance(10) ? "?" : ".");
  }

  // Sentences up to about `words` words, wrapped at ~78 columns.
  std::string paragraph(int words) {
    std::string text;
    int left = words;
    while (left > 0) {
      const int n = std::min(left, m_rng.between(8, 22));
      text += (text.empty() ? "" : " ") + sentence(std::max(n, 4));
      left -= std::max(n, 4);
    }
    return wrap(text, "");
  }

  static std::string wrap(const std::string& text, const std::string& indent) {
    std::string out;
    std::size_t col = 0;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(' ', start);
      if (end == std::string::npos) {
        end = text.size();
      }
      const std::string word = text.substr(start, end - start);
      if (col > 0 && col + 1 + word.size() > 78) {
        out += "\n" + indent;
        col = indent.size();
      } else if (col > 0) {
        out += ' ';
        ++col;
      }
      out += word;
      col += word.size();
      start = end + 1;
    }
    return out;
  }

  int words() const { return m_words; }
  void reset() { m_words = 0; }

 private:
  Rng& m_rng;
  int m_words = 0;
};

// ---------------------------------------------------------------- stories

struct Partner {
  std::string school, city, country;  // country: lowercase id
};
struct Interview {
  std::string role, name, quote;
};

struct Story {
  std::string slug, title, summary, date, school_year, project_type;
  std::vector<std::string> levels, competences, subjects, themes, methods, tools;
  std::string school_name, city, region;
  std::vector<std::string> teachers;
  std::vector<Partner> partners;
  int national_label = 0, european_label = 0;
  std::string twinspace;
  std::vector<Interview> interviews;
  std::string body;
};

const TaxonomyInfo& tax(const std::vector<TaxonomyInfo>& all, const std::string& id) {
  for (const auto& t : all) {
    if (t.id == id) {
      return t;
    }
  }
  throw std::runtime_error("taxonomy '" + id + "' missing from taxonomies.yaml");
}

std::vector<std::string> pick_terms(Rng& rng, const TaxonomyInfo& t, int lo, int hi) {
  std::vector<std::string> out;
  const int k = rng.between(lo, hi);
  if (k == 0) {
    return out;
  }
  for (const auto i : rng.distinct(t.terms.size(), static_cast<std::size_t>(k))) {
    out.push_back(t.terms[i].id);
  }
  return out;
}

std::string person(Rng& rng) {
  return rng.pick(k_first_names) + " " + rng.pick(k_last_names);
}

Story make_story(Rng& rng, std::size_t index, const std::vector<TaxonomyInfo>& taxes,
                 const std::vector<std::string>& earlier_slugs, const std::vector<std::string>& countries) {
  Text text(rng);
  Story s;
  std::string title = rng.pick(k_title_heads);
  const std::string& tail = rng.pick(k_title_tails);
  if (!tail.empty()) {
    title += " " + tail;
  }
  s.title = title + " " + std::to_string(index + 1);
  s.slug = slugify(s.title);

  // Summary: plain text, at most 300 characters.
  while (true) {
    std::string sentence = text.sentence(rng.between(10, 22), false);
    if (!s.summary.empty() && s.summary.size() + sentence.size() + 1 > 280) {
      break;
    }
    if (s.summary.empty() && sentence.size() > 280) {
      continue;
    }
    s.summary += (s.summary.empty() ? "" : " ") + sentence;
    if (s.summary.size() > 160) {
      break;
    }
  }

  const int year = rng.between(2008, 2024);
  const int month = rng.between(1, 12);
  const int day = rng.between(1, 28);
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
  s.date = date;
  const int start = month >= 9 ? year : year - 1;
  s.school_year = std::to_string(start) + "/" + std::to_string(start + 1);

  const std::size_t type_roll = rng.below(100);
  s.project_type = type_roll < 70 ? "europeo" : type_roll < 90 ? "nazionale" : "istituto";

  s.levels = pick_terms(rng, tax(taxes, "livello"), 1, 3);
  s.competences = pick_terms(rng, tax(taxes, "competenza"), 1, 3);
  s.subjects = pick_terms(rng, tax(taxes, "disciplina"), 1, 4);
  s.themes = pick_terms(rng, tax(taxes, "tema"), 0, 2);
  s.methods = pick_terms(rng, tax(taxes, "metodo"), 0, 2);
  s.tools = pick_terms(rng, tax(taxes, "strumento"), 0, 2);

  const Region& region = k_regions[rng.below(k_regions.size())];
  s.region = region.id;
  s.city = rng.pick(region.cities);
  s.school_name = rng.pick(k_school_kinds) + " \"" + rng.pick(k_first_names) + " " + rng.pick(k_last_names) + "\"";
  for (int i = rng.between(1, 3); i > 0; --i) {
    s.teachers.push_back(person(rng));
  }

  if (s.project_type == "europeo") {
    for (const auto i : rng.distinct(countries.size(), static_cast<std::size_t>(rng.between(1, 4)))) {
      s.partners.push_back({rng.pick(k_foreign_schools) + " " + rng.pick(k_last_names),
                            "Città " + std::to_string(rng.between(1, 99)), countries[i]});
    }
  } else if (s.project_type == "nazionale") {
    for (int i = rng.between(1, 2); i > 0; --i) {
      const Region& r = rng.pick(k_regions);
      s.partners.push_back({rng.pick(k_school_kinds) + " " + rng.pick(k_last_names), rng.pick(r.cities), "it"});
    }
  }
  if (s.project_type != "istituto" && rng.chance(40)) {
    s.national_label = start + 1;
    if (s.project_type == "europeo" && rng.chance(50)) {
      s.european_label = s.national_label + static_cast<int>(rng.below(2));
    }
  }
  if (rng.chance(50)) {
    s.twinspace = "https://twinspace.etwinning.net/" + std::to_string(10000 + rng.below(190000)) + "/home";
  }
  static const std::vector<std::string> roles = {"docente", "dirigente", "alunno", "genitore"};
  for (int i = rng.between(0, 2); i > 0; --i) {
    Interview iv;
    iv.role = rng.pick(roles);
    if (iv.role == "docente" || iv.role == "dirigente" || rng.chance(30)) {
      iv.name = person(rng);
    }
    iv.quote = text.sentence(rng.between(12, 30), false);
    s.interviews.push_back(iv);
  }

  // Body: ~600-900 words, with the usual sections, lists and a table.
  const double scale = 0.85 + static_cast<double>(rng.below(40)) / 100.0;
  auto w = [&](int lo, int hi) { return static_cast<int>(rng.between(lo, hi) * scale); };
  std::string b;
  b += text.paragraph(w(60, 100)) + "\n\n";
  b += "## Obiettivi\n\n" + text.paragraph(w(15, 30)) + "\n\n";
  for (int i = rng.between(3, 5); i > 0; --i) {
    b += "- " + Text::wrap(text.sentence(w(12, 22)), "  ") + "\n";
  }
  b += "\n## Attività\n\n" + text.paragraph(w(70, 110)) + "\n\n";
  const int steps = rng.between(3, 6);
  for (int i = 1; i <= steps; ++i) {
    b += std::to_string(i) + ". " + Text::wrap(text.sentence(w(16, 30)), "   ") + "\n";
  }
  b += "\n" + text.paragraph(w(40, 70)) + "\n\n";
  b += "| Fase | Periodo | Prodotto |\n| --- | --- | --- |\n";
  static const std::vector<std::string> periods = {"settembre-ottobre", "novembre",     "dicembre-gennaio",
                                                   "febbraio",          "marzo-aprile", "maggio"};
  for (int i = 1; i <= rng.between(3, 5); ++i) {
    b += "| " + capitalize(rng.pick(k_words)) + " " + rng.pick(k_words) + " | " + rng.pick(periods) + " | " +
         capitalize(rng.pick(k_words)) + " " + rng.pick(k_words) + " " + rng.pick(k_words) + " |\n";
  }
  b += "\n## Risultati\n\n" + text.paragraph(w(60, 100)) + "\n\n";
  std::string results = text.paragraph(w(50, 90));
  if (!earlier_slugs.empty() && rng.chance(60)) {
    const std::string& other = earlier_slugs[rng.below(earlier_slugs.size())];
    results += " Un percorso simile è raccontato in\n[un'altra esperienza](../" + other + "/).";
  }
  b += results + "\n\n";
  b += "## Metodologia\n\n" + text.paragraph(w(50, 90)) + "\n";
  s.body = std::move(b);
  return s;
}

// ---------------------------------------------------------------- Vetrina form

std::string vetrina_story(const Story& s) {
  std::string o = "---\n";
  o += "title: " + yaml_quote(s.title) + "\n";
  o += "summary: " + yaml_quote(s.summary) + "\n";
  o += "date: " + s.date + "\n";
  o += "school_year: " + yaml_quote(s.school_year) + "\n";
  o += "project_type: " + s.project_type + "\n";
  o += "levels: " + ids_list(s.levels) + "\n";
  o += "competences: " + ids_list(s.competences) + "\n";
  o += "subjects: " + ids_list(s.subjects) + "\n";
  if (!s.themes.empty()) {
    o += "themes: " + ids_list(s.themes) + "\n";
  }
  if (!s.methods.empty()) {
    o += "methods: " + ids_list(s.methods) + "\n";
  }
  if (!s.tools.empty()) {
    o += "tools: " + ids_list(s.tools) + "\n";
  }
  o +=
      "school: {name: " + yaml_quote(s.school_name) + ", city: " + yaml_quote(s.city) + ", region: " + s.region + "}\n";
  o += "teachers: " + quoted_list(s.teachers) + "\n";
  if (!s.partners.empty()) {
    o += "partners:\n";
    for (const auto& p : s.partners) {
      std::string cc = p.country;
      for (auto& c : cc) {
        c = static_cast<char>(c - 'a' + 'A');
      }
      o += "  - {school: " + yaml_quote(p.school) + ", city: " + yaml_quote(p.city) + ", country: " + yaml_quote(cc) +
           "}\n";
    }
  }
  if (s.national_label) {
    o += "quality_labels: {national: " + std::to_string(s.national_label);
    if (s.european_label) {
      o += ", european: " + std::to_string(s.european_label);
    }
    o += "}\n";
  }
  if (!s.twinspace.empty()) {
    o += "twinspace: " + s.twinspace + "\n";
  }
  if (!s.interviews.empty()) {
    o += "interviews:\n";
    for (const auto& iv : s.interviews) {
      o += "  - {role: " + iv.role + (iv.name.empty() ? "" : ", name: " + yaml_quote(iv.name)) +
           ", quote: " + yaml_quote(iv.quote) + "}\n";
    }
  }
  o += "draft: false\n---\n\n";
  return o + s.body;
}

// ---------------------------------------------------------------- Hugo form

std::string hugo_story(const Story& s) {
  std::string o = "---\n";
  o += "title: " + yaml_quote(s.title) + "\n";
  o += "summary: " + yaml_quote(s.summary) + "\n";
  o += "date: " + s.date + "\n";
  o += "school_year: " + yaml_quote(s.school_year) + "\n";
  o += "tipo: [" + s.project_type + "]\n";
  o += "livello: " + ids_list(s.levels) + "\n";
  o += "competenza: " + ids_list(s.competences) + "\n";
  o += "disciplina: " + ids_list(s.subjects) + "\n";
  if (!s.themes.empty()) {
    o += "tema: " + ids_list(s.themes) + "\n";
  }
  if (!s.methods.empty()) {
    o += "metodo: " + ids_list(s.methods) + "\n";
  }
  if (!s.tools.empty()) {
    o += "strumento: " + ids_list(s.tools) + "\n";
  }
  o += "regione: [" + s.region + "]\n";
  // Countries of partners (Italy never has a page, as in Vetrina), once each.
  std::vector<std::string> countries;
  for (const auto& p : s.partners) {
    if (p.country != "it" && std::find(countries.begin(), countries.end(), p.country) == countries.end()) {
      countries.push_back(p.country);
    }
  }
  if (!countries.empty()) {
    o += "paese: " + quoted_list(countries) + "\n";
  }
  o +=
      "school: {name: " + yaml_quote(s.school_name) + ", city: " + yaml_quote(s.city) + ", region: " + s.region + "}\n";
  o += "teachers: " + quoted_list(s.teachers) + "\n";
  if (!s.partners.empty()) {
    o += "partners:\n";
    for (const auto& p : s.partners) {
      o += "  - {school: " + yaml_quote(p.school) + ", city: " + yaml_quote(p.city) +
           ", country: " + yaml_quote(p.country) + "}\n";
    }
  }
  if (s.national_label) {
    o += "quality_labels: {national: " + std::to_string(s.national_label);
    if (s.european_label) {
      o += ", european: " + std::to_string(s.european_label);
    }
    o += "}\n";
  }
  if (!s.twinspace.empty()) {
    o += "twinspace: " + s.twinspace + "\n";
  }
  if (!s.interviews.empty()) {
    o += "interviews:\n";
    for (const auto& iv : s.interviews) {
      o += "  - {role: " + iv.role + (iv.name.empty() ? "" : ", name: " + yaml_quote(iv.name)) +
           ", quote: " + yaml_quote(iv.quote) + "}\n";
    }
  }
  o += "draft: false\n---\n\n";
  return o + s.body;
}

// ---------------------------------------------------------------- site files

struct SiteInfo {
  std::string title, description, intro, base_url, publisher;
  int per_page = 12, feed_items = 20;
  std::vector<std::pair<std::string, std::string>> main_menu, footer_menu;
};

SiteInfo load_site(const fs::path& file) {
  const YAML::Node y = YAML::LoadFile(file.string());
  SiteInfo s;
  s.title = y["title"].as<std::string>();
  s.description = y["description"].as<std::string>();
  s.intro = y["intro"] ? y["intro"].as<std::string>() : "";
  s.base_url = y["base_url"].as<std::string>();
  s.publisher = y["publisher"].as<std::string>();
  if (y["per_page"]) {
    s.per_page = y["per_page"].as<int>();
  }
  if (y["feed_items"]) {
    s.feed_items = y["feed_items"].as<int>();
  }
  for (const auto& [key, list] : {std::pair{"main", &s.main_menu}, std::pair{"footer", &s.footer_menu}}) {
    if (y["menus"] && y["menus"][key]) {
      for (const auto& item : y["menus"][key]) {
        list->emplace_back(item["label"].as<std::string>(), item["url"].as<std::string>());
      }
    }
  }
  return s;
}

std::vector<TaxonomyInfo> load_taxonomies(const fs::path& file) {
  const YAML::Node y = YAML::LoadFile(file.string());
  std::vector<TaxonomyInfo> out;
  for (const auto& entry : y) {
    TaxonomyInfo t;
    t.id = entry.first.as<std::string>();
    const YAML::Node& n = entry.second;
    t.label = n["label"].as<std::string>();
    t.plural = n["plural"].as<std::string>();
    t.description = n["description"] ? n["description"].as<std::string>() : "";
    t.segment = n["segment"] ? n["segment"].as<std::string>() : t.id;
    for (const auto& term : n["terms"]) {
      t.terms.push_back({term["id"].as<std::string>(), term["label"].as<std::string>(),
                         term["description"] ? term["description"].as<std::string>() : ""});
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string hugo_config(const SiteInfo& site, const std::vector<TaxonomyInfo>& taxes) {
  std::string c;
  c += "baseURL = " + toml_quote(site.base_url + "/") + "\n";
  c += "languageCode = \"it\"\ndefaultContentLanguage = \"it\"\n";
  c += "title = " + toml_quote(site.title) + "\n";
  c += "paginate = " + std::to_string(site.per_page) + "\n";
  c += "paginatePath = \"pagina\"\n";
  c += "enableRobotsTXT = true\ndisableAliases = true\ndisableHugoGeneratorInject = true\ntimeout = \"600s\"\n\n";
  c += "[params]\n";
  c += "  base = " + toml_quote(site.base_url) + "\n";
  c += "  description = " + toml_quote(site.description) + "\n";
  c += "  intro = " + toml_quote(site.intro) + "\n";
  c += "  publisher = " + toml_quote(site.publisher) + "\n";
  c += "  css = \"/assets/style.css?v=bench\"\n";
  c += "  feed_items = " + std::to_string(site.feed_items) + "\n";
  c += "[params.roles]\n  docente = \"Docente\"\n  dirigente = \"Dirigente scolastico\"\n"
       "  alunno = \"Alunno\"\n  genitore = \"Genitore\"\n";
  c += "[params.singular]\n";
  for (const auto& t : taxes) {
    c += "  " + t.id + " = " + toml_quote(t.label) + "\n";
  }
  c += "[params.plural]\n";
  for (const auto& t : taxes) {
    c += "  " + t.id + " = " + toml_quote(t.plural) + "\n";
  }
  c += "\n[taxonomies]\n";
  for (const auto& t : taxes) {
    c += "  " + t.id + " = \"" + t.id + "\"\n";
  }
  c += "\n[permalinks]\n";  // stories keep Hugo's default /esperienze/<folder>/
  for (const auto& t : taxes) {
    c += "  " + t.id + " = \"/esperienze/" + t.segment + "/:slug/\"\n";
  }
  c += "\n[outputs]\n  home = [\"HTML\", \"Atom\"]\n  section = [\"HTML\"]\n  taxonomy = [\"HTML\"]\n"
       "  term = [\"HTML\"]\n  page = [\"HTML\"]\n";
  c += "\n[mediaTypes.\"application/atom+xml\"]\n  suffixes = [\"xml\"]\n";
  c += "[outputFormats.Atom]\n  mediaType = \"application/atom+xml\"\n  baseName = \"feed\"\n  rel = \"alternate\"\n";
  c += "\n[markup.goldmark.renderer]\n  unsafe = false\n";
  c += "[markup.goldmark.extensions]\n  typographer = false\n";
  c += "[markup.goldmark.parser]\n  autoHeadingIDType = \"github-ascii\"\n";
  int weight = 1;
  for (const auto& [label, url] : site.main_menu) {
    c += "\n[[menu.main]]\n  name = " + toml_quote(label) + "\n  url = " + toml_quote(url) +
         "\n  weight = " + std::to_string(weight++) + "\n";
  }
  weight = 1;
  for (const auto& [label, url] : site.footer_menu) {
    c += "\n[[menu.footer]]\n  name = " + toml_quote(label) + "\n  url = " + toml_quote(url) +
         "\n  weight = " + std::to_string(weight++) + "\n";
  }
  return c;
}

void usage() {
  std::cerr << "usage: vetrina-bench-gen --stories N --out DIR --content CONTENT_DIR [--theme THEME_DIR] "
               "[--seed S]\n"
               "  writes DIR/vetrina (a Vetrina content folder) and DIR/hugo (the same site for Hugo)\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  fs::path out;
  fs::path content;
  fs::path theme;
  std::uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--stories") {
      count = std::stoul(value());
    } else if (a == "--out") {
      out = value();
    } else if (a == "--content") {
      content = value();
    } else if (a == "--theme") {
      theme = value();
    } else if (a == "--seed") {
      seed = std::stoull(value());
    } else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else {
      usage();
      return 2;
    }
  }
  if (count == 0 || out.empty() || content.empty()) {
    usage();
    return 2;
  }
  if (theme.empty()) {
    theme = content.parent_path().empty() ? fs::path("themes/etwinning")
                                          : fs::absolute(content).parent_path() / "themes" / "etwinning";
  }

  try {
    const SiteInfo site = load_site(content / "site.yaml");
    const std::vector<TaxonomyInfo> taxes = load_taxonomies(content / "taxonomies.yaml");
    std::vector<std::string> countries;  // partner countries: every eTwinning country but Italy
    for (const auto& term : tax(taxes, "paese").terms) {
      if (term.id != "it") {
        countries.push_back(term.id);
      }
    }

    const fs::path vdir = out / "vetrina";
    const fs::path hdir = out / "hugo";
    fs::remove_all(vdir);
    fs::remove_all(hdir);

    // Site configuration: Vetrina's verbatim, Hugo's translated.
    // Without `featured` (it names real stories the synthetic site does not have).
    {
      std::istringstream in(read_file(content / "site.yaml"));
      std::string yaml;
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("featured:", 0) != 0) {
          yaml += line + "\n";
        }
      }
      write_file(vdir / "site.yaml", yaml);
    }
    // The statistics pages the menu links to (/numeri/), as they are.
    if (fs::is_directory(content / "stats")) {
      fs::copy(content / "stats", vdir / "stats", fs::copy_options::recursive);
    }
    write_file(vdir / "taxonomies.yaml", read_file(content / "taxonomies.yaml"));
    write_file(hdir / "config.toml", hugo_config(site, taxes));

    // Plain pages (the menus link to them): same Markdown in both.
    if (fs::is_directory(content / "pages")) {
      for (const auto& entry : fs::directory_iterator(content / "pages")) {
        if (entry.path().extension() == ".md") {
          const std::string md = read_file(entry.path());
          write_file(vdir / "pages" / entry.path().filename(), md);
          write_file(hdir / "content" / entry.path().filename(), md);
        }
      }
    }

    // Stories.
    Rng rng(seed);
    std::vector<std::string> slugs;
    slugs.reserve(count);
    std::map<std::string, std::map<std::string, std::size_t>> used;  // taxonomy -> term -> stories
    long long words = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const Story s = make_story(rng, i, taxes, slugs, countries);
      write_file(vdir / "stories" / s.slug / "index.md", vetrina_story(s));
      write_file(hdir / "content" / "esperienze" / s.slug / "index.md", hugo_story(s));
      slugs.push_back(s.slug);
      for (const auto& [t, ids] : {std::pair{"livello", &s.levels}, std::pair{"competenza", &s.competences},
                                   std::pair{"disciplina", &s.subjects}, std::pair{"tema", &s.themes},
                                   std::pair{"metodo", &s.methods}, std::pair{"strumento", &s.tools}}) {
        for (const auto& id : *ids) {
          used[t][id]++;
        }
      }
      used["tipo"][s.project_type]++;
      used["regione"][s.region]++;
      for (const auto& p : s.partners) {
        if (p.country != "it") {
          used["paese"][p.country]++;
        }
      }
      std::istringstream body(s.body);
      std::string w;
      while (body >> w) {
        ++words;
      }
    }

    // Hugo: the section, each taxonomy and each used term get a page with
    // the labels, descriptions and order of taxonomies.yaml.
    write_file(hdir / "content" / "_index.md", "---\ntitle: " + yaml_quote(site.title) + "\n---\n");
    write_file(
        hdir / "content" / "esperienze" / "_index.md",
        "---\ntitle: \"Esperienze\"\ndescription: \"Tutte le esperienze pubblicate, dalla più recente.\"\n---\n");
    for (const auto& t : taxes) {
      write_file(hdir / "content" / t.id / "_index.md", "---\ntitle: " + yaml_quote(t.plural) +
                                                            "\ndescription: " + yaml_quote(t.description) +
                                                            "\nurl: \"/esperienze/" + t.segment + "/\"\n---\n");
      int weight = 1;
      for (const auto& term : t.terms) {
        ++weight;
        if (used[t.id][term.id] == 0) {
          continue;  // Vetrina makes no page for a term without stories
        }
        std::string fm = "---\ntitle: " + yaml_quote(term.label) + "\nslug: " + yaml_quote(term.id) +
                         "\nweight: " + std::to_string(weight) + "\n";
        if (!term.description.empty()) {
          fm += "description: " + yaml_quote(term.description) + "\n";
        }
        write_file(hdir / "content" / t.id / term.id / "_index.md", fm + "---\n");
      }
    }

    // Hugo layouts.
    const fs::path layouts = hdir / "layouts";
    write_file(layouts / "partials" / "head.html", k_head);
    write_file(layouts / "partials" / "foot.html", k_foot);
    write_file(layouts / "partials" / "card.html", k_card);
    write_file(layouts / "partials" / "pagination.html", k_pagination);
    write_file(layouts / "index.html", k_home);
    write_file(layouts / "index.atom.xml", k_atom);
    write_file(layouts / "_default" / "list.html", k_section);
    write_file(layouts / "_default" / "term.html", k_term);
    write_file(layouts / "_default" / "taxonomy.html", k_taxonomy);
    write_file(layouts / "_default" / "single.html", k_page);
    write_file(layouts / "esperienze" / "single.html", k_story);
    write_file(layouts / "404.html", k_404);
    write_file(layouts / "sitemap.xml", k_sitemap);
    write_file(layouts / "robots.txt", k_robots);

    // The theme's static files, as Vetrina copies them.
    if (fs::is_directory(theme / "static")) {
      fs::copy(theme / "static", hdir / "static", fs::copy_options::recursive);
    }

    std::cout << "wrote " << count << " stories (" << (count ? words / static_cast<long long>(count) : 0)
              << " words per body on average) to " << vdir.string() << " and " << hdir.string() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "vetrina-bench-gen: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
