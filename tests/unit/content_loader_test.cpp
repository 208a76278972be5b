#include "generator/content/content_loader.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::decode_page;
using vetrina::decode_site_config;
using vetrina::decode_story;
using vetrina::decode_taxonomies;
using vetrina::DiagnosticBag;
using vetrina::load_content;
using vetrina::LoadOptions;
using vetrina::parse_date;
using vetrina::Site;
using vetrina::Story;
using vetrina::TaxonomyId;
using vetrina::test::add_story;
using vetrina::test::diagnostics_text;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

namespace {

const std::string k_folder = "content/stories/x";

// `base` with the one occurrence of `from` replaced by `to`.
std::string with(std::string base, const std::string& from, const std::string& to) {
  const auto pos = base.find(from);
  REQUIRE(pos != std::string::npos);
  return base.replace(pos, from.size(), to);
}

std::string ids(const std::vector<vetrina::Located<std::string>>& terms) {
  std::string out;
  for (const auto& t : terms) {
    out += (out.empty() ? "" : " ") + t.value;
  }
  return out;
}

std::string slugs(const Site& site) {
  std::string out;
  for (const auto& s : site.stories) {
    out += (out.empty() ? "" : " ") + s.slug;
  }
  return out;
}

std::string located(const vetrina::Location& loc) {
  return loc.path + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

// Decodes one story made by StoryText in folder content/stories/x; returns the diagnostics.
std::string story_errors(const StoryText& story) {
  DiagnosticBag diagnostics;
  decode_story(story.text(), k_folder, diagnostics);
  return diagnostics_text(diagnostics);
}

}  // namespace

TEST_SUITE("content_loader") {
  TEST_CASE("parse_date accepts real calendar dates written YYYY-MM-DD only") {
    struct Case {
      std::string text;
      bool valid;
    };
    const Case cases[] = {
        {"2016-05-10", true},   {"2020-02-29", true},  {"2000-02-29", true},  {"2019-12-31", true},
        {"1900-01-01", true},   {"2019-02-30", false}, {"2019-02-29", false}, {"1900-02-29", false},
        {"2019-04-31", false},  {"2019-13-01", false}, {"2019-00-10", false}, {"2019-05-00", false},
        {"2019-5-10", false},   {"10/05/2016", false}, {"2016-05-1x", false}, {"1899-12-31", false},
        {"2016-05-10 ", false}, {"", false},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      CHECK(parse_date(c.text).has_value() == c.valid);
    }
    const auto date = parse_date("2016-05-10");
    REQUIRE(date.has_value());
    CHECK(date->year == 2016);
    CHECK(date->month == 5);
    CHECK(date->day == 10);
    CHECK(date->iso() == "2016-05-10");
  }

  TEST_CASE("decode_site_config reads every field and applies the documented defaults") {
    DiagnosticBag diagnostics;
    const auto config = decode_site_config(vetrina::test::k_site_yaml, "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.title == "Esperienze eTwinning");
    CHECK(config.description == "Storie di progetti eTwinning");
    CHECK(config.base_url == "https://etwinning.example.it");
    CHECK(config.publisher == "Unità nazionale eTwinning");
    CHECK(config.language == "it");
    CHECK(config.intro.empty());
    CHECK(config.per_page == 12);
    CHECK(config.feed_items == 20);
    CHECK(config.image_widths == std::vector<int>{480, 960, 1600});
    REQUIRE(config.main_menu.size() == 1);
    CHECK(config.main_menu[0].label == "Esperienze");
    CHECK(config.main_menu[0].url == "/esperienze/");
    CHECK(located(config.main_menu[0].location) == "content/site.yaml:6:37");
    REQUIRE(config.footer_menu.size() == 1);
    CHECK(config.footer_menu[0].url == "/privacy/");
  }

  TEST_CASE("decode_site_config strips trailing slashes of base_url and sorts image widths") {
    const std::string text = with(with(vetrina::test::k_site_yaml, "https://etwinning.example.it", "https://x.it//"),
                                  "menus:", "image_widths: [1600, 480, 960, 480]\nper_page: 5\nlanguage: en\nmenus:");
    DiagnosticBag diagnostics;
    const auto config = decode_site_config(text, "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.base_url == "https://x.it");
    CHECK(config.image_widths == std::vector<int>{480, 960, 1600});
    CHECK(config.per_page == 5);
    CHECK(config.language == "en");
  }

  TEST_CASE("decode_site_config reads the footer's contact address") {
    DiagnosticBag diagnostics;
    const auto config =
        decode_site_config(std::string(vetrina::test::k_site_yaml) + "contact_email: etwinning@indire.it\n",
                           "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.contact_email == "etwinning@indire.it");
  }

  TEST_CASE("decode_site_config reports every wrong field") {
    struct Case {
      std::string name;
      std::string text;
      std::string expected;
    };
    const std::string site = vetrina::test::k_site_yaml;
    const Case cases[] = {
        {"relative base_url", with(site, "\"https://etwinning.example.it\"", "etwinning.it"),
         "content/site.yaml:3:11: error: base_url must be an absolute address starting with https://\n"},
        {"per_page out of range", site + "per_page: 0\n",
         "content/site.yaml:8:11: error: per_page must be between 1 and 100\n"},
        {"feed_items out of range", site + "feed_items: 5000\n",
         "content/site.yaml:8:13: error: feed_items must be between 1 and 1000\n"},
        {"per_page not a number", site + "per_page: dodici\n",
         "content/site.yaml:8:11: error: field 'per_page' must be a whole number, not 'dodici'\n"},
        {"bad image widths", site + "image_widths: [480, abc, 10]\n",
         "content/site.yaml:8:21: error: image width must be a number of pixels between 16 and 8000, not 'abc'\n"
         "content/site.yaml:8:26: error: image width must be a number of pixels between 16 and 8000, not '10'\n"},
        {"contact_email not an address", site + "contact_email: etwinning\n",
         "content/site.yaml:8:16: error: contact_email must be an e-mail address such as etwinning@indire.it\n"},
        {"unknown key", site + "titel: x\n",
         "content/site.yaml:8:1: error: unknown field 'titel' in site.yaml (did you mean 'title'?)\n"},
        {"unknown menu", with(site, "  footer:", "  fotter:"),
         "content/site.yaml:7:3: error: unknown field 'fotter' in menus (did you mean 'footer'?)\n"},
        {"menu item without url", with(site, "{label: \"Privacy\", url: \"/privacy/\"}", "{label: \"Privacy\"}"),
         "content/site.yaml:7:12: error: missing required field 'url' in menu item of 'footer'\n"},
        {"empty file", "",
         "content/site.yaml:1:1: error: missing required field 'base_url' in site.yaml\n"
         "content/site.yaml:1:1: error: missing required field 'description' in site.yaml\n"
         "content/site.yaml:1:1: error: missing required field 'publisher' in site.yaml\n"
         "content/site.yaml:1:1: error: missing required field 'title' in site.yaml\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      DiagnosticBag diagnostics;
      decode_site_config(c.text, "content/site.yaml", diagnostics);
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
  }

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

  TEST_CASE("decode_story reads every field of DESIGN.md with its location") {
    StoryText text;
    text.set("partners",
             "[{school: \"École\", city: \"Lyon\", country: FR}, {school: \"IC Roma\", country: it}, {school: \"B\", "
             "country: fr}]")
        .set("themes", "[inclusione]")
        .set("methods", "[clil]")
        .set("tools", "twinspace")
        .set("teachers", "[\"Silvana Rampone\", \"Anna Bianchi\"]")
        .set("quality_labels", "{national: 2013, european: 2014}")
        .set("twinspace", "https://twinspace.etwinning.net/1234")
        .set("cover", "{src: cover.jpg, alt: \"La scatola\", credit: \"Classe 3A\", minors: true, consent: sì}")
        .set("gallery", "[{src: a.jpg, alt: \"A\", minors: false}, {src: b.jpg, alt: \"B\", minors: false}]")
        .set("videos",
             "[{youtube: abcDEF_1234, title: \"Video\", minors: false}, {src: clip.mp4, poster: p.jpg, title: "
             "\"Clip\", minors: false}]")
        .set("interviews", "[{role: docente, name: \"Silvana\", quote: \"Bello\"}]")
        .set("draft", "true")
        .body("## Obiettivi\n");
    DiagnosticBag diagnostics;
    const auto story = decode_story(text.text(), "content/stories/Holidays in a Box", diagnostics);
    REQUIRE(story.has_value());
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(story->slug == "holidays-in-a-box");
    CHECK(story->folder == "content/stories/Holidays in a Box");
    CHECK(story->source_path == "content/stories/Holidays in a Box/index.md");
    CHECK(story->url() == "/esperienze/holidays-in-a-box/");
    CHECK(story->title.value == "Holidays in a box");
    CHECK(located(story->title.location) == "content/stories/Holidays in a Box/index.md:2:8");
    CHECK(story->summary.value == "Una scatola di vacanze da spedire ai compagni europei.");
    CHECK(story->date.value.iso() == "2016-05-10");
    CHECK(located(story->date.location) == "content/stories/Holidays in a Box/index.md:4:7");
    CHECK(story->school_year.value == "2012/2013");
    CHECK(story->project_type.value == "europeo");
    CHECK(story->school_name == "Scuola primaria statale");
    CHECK(story->city == "Prato");
    CHECK(story->region.value == "toscana");
    CHECK(story->teachers == std::vector<std::string>{"Silvana Rampone", "Anna Bianchi"});
    CHECK(ids(story->terms_of(TaxonomyId::livello)) == "primaria");
    CHECK(ids(story->terms_of(TaxonomyId::competenza)) == "multilinguistica");
    CHECK(ids(story->terms_of(TaxonomyId::disciplina)) == "inglese italiano");
    CHECK(ids(story->terms_of(TaxonomyId::tipo)) == "europeo");
    CHECK(ids(story->terms_of(TaxonomyId::regione)) == "toscana");
    CHECK(ids(story->terms_of(TaxonomyId::paese)) == "fr");  // lowercased, once, Italy never listed
    CHECK(ids(story->terms_of(TaxonomyId::tema)) == "inclusione");
    CHECK(ids(story->terms_of(TaxonomyId::metodo)) == "clil");
    CHECK(ids(story->terms_of(TaxonomyId::strumento)) == "twinspace");
    REQUIRE(story->partners.size() == 3);
    CHECK(story->partners[0].school == "École");
    CHECK(story->partners[0].city == "Lyon");
    CHECK(story->partners[0].country.value == "fr");
    CHECK(story->partners[1].country.value == "it");
    CHECK(story->partners[1].city.empty());
    REQUIRE(story->national_label.has_value());
    CHECK(story->national_label->value == 2013);
    REQUIRE(story->european_label.has_value());
    CHECK(story->european_label->value == 2014);
    CHECK(story->twinspace.value == "https://twinspace.etwinning.net/1234");
    REQUIRE(story->cover.has_value());
    CHECK(story->cover->src.value == "cover.jpg");
    CHECK(story->cover->alt == "La scatola");
    CHECK(story->cover->credit == "Classe 3A");
    CHECK(story->cover->minors);
    CHECK(story->cover->consent);
    REQUIRE(story->gallery.size() == 2);
    CHECK(story->gallery[1].src.value == "b.jpg");
    CHECK_FALSE(story->gallery[1].minors);
    REQUIRE(story->videos.size() == 2);
    CHECK(story->videos[0].youtube == "abcDEF_1234");
    CHECK(story->videos[1].src == "clip.mp4");
    CHECK(story->videos[1].poster == "p.jpg");
    CHECK(story->videos[1].title == "Clip");
    REQUIRE(story->interviews.size() == 1);
    CHECK(story->interviews[0].role == "docente");
    CHECK(story->interviews[0].quote == "Bello");
    CHECK(story->draft);
    CHECK(story->body == "## Obiettivi\n");
    CHECK(story->body_line == 24);  // '---', 21 fields, '---'
  }

  TEST_CASE("decode_story makes the slug from the folder name") {
    struct Case {
      std::string folder;
      std::string slug;
    };
    const Case cases[] = {
        {"content/stories/L'orto di Città Alta", "l-orto-di-citta-alta"},
        {"content/stories/holidays-in-a-box", "holidays-in-a-box"},
        {"content/stories/Città verde", "citta-verde"},
        {"stories/Perché no?", "perche-no"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.folder);
      DiagnosticBag diagnostics;
      const auto story = decode_story(StoryText().text(), c.folder, diagnostics);
      REQUIRE(story.has_value());
      CHECK(story->slug == c.slug);
      CHECK(diagnostics_text(diagnostics) == "");
    }
    DiagnosticBag diagnostics;
    CHECK_FALSE(decode_story(StoryText().text(), "content/stories/!!!", diagnostics).has_value());
    CHECK(diagnostics_text(diagnostics) ==
          "content/stories/!!!/index.md:1:1: error: the folder name '!!!' gives an empty address: use letters or "
          "digits\n");
  }

  TEST_CASE("decode_story reports decoding errors at their line and column") {
    struct Case {
      std::string name;
      StoryText story;
      std::string expected;
    };
    const std::string p = "content/stories/x/index.md:";
    const Case cases[] = {
        {"impossible date", StoryText().set("date", "2019-02-30"),
         p + "4:7: error: date '2019-02-30' is not a real date: write it as YYYY-MM-DD, e.g. 2019-05-10\n"},
        {"Italian date order", StoryText().set("date", "\"10/05/2016\""),
         p + "4:7: error: date '10/05/2016' is not a real date: write it as YYYY-MM-DD, e.g. 2019-05-10\n"},
        {"missing title", StoryText().remove("title"), p + "3:1: error: missing required field 'title' in story\n"},
        {"missing date", StoryText().remove("date"), p + "2:1: error: missing required field 'date' in story\n"},
        {"missing levels", StoryText().remove("levels"), p + "2:1: error: missing required field 'levels' in story\n"},
        {"empty subjects", StoryText().set("subjects", "[]"),
         p + "9:11: error: field 'subjects' needs at least 1 value\n"},
        {"missing school", StoryText().remove("school"),
         p + "2:1: error: missing required field 'school' (write school: {name: \"...\", city: \"...\", region: "
             "...})\n"},
        {"school without region", StoryText().set("school", "{name: \"IC\", city: \"Prato\"}"),
         p + "10:9: error: missing required field 'region' in school\n"},
        {"title as a list", StoryText().set("title", "[a, b]"),
         p + "2:8: error: field 'title' must be a single value, not a list or a group\n"},
        {"levels as a group", StoryText().set("levels", "{primaria: true}"),
         p + "7:9: error: field 'levels' must be a list like [a, b]\n"},
        {"draft neither true nor false", StoryText().set("draft", "forse"),
         p + "12:8: error: field 'draft' must be true or false, not 'forse'\n"},
        {"misspelt key", StoryText().set("tittle", "x"),
         p + "12:1: error: unknown field 'tittle' in story (did you mean 'title'?)\n"},
        {"misspelt partner key", StoryText().set("partners", "[{school: \"A\", contry: FR}]"),
         p + "11:12: error: missing required field 'country' in partner 1\n" + p +
             "11:26: error: unknown field 'contry' in partner 1 (did you mean 'country'?)\n"},
        {"partners not a list", StoryText().set("partners", "FR"),
         p + "11:11: error: field 'partners' must be a list of items\n"},
        {"quality label not a number", StoryText().set("quality_labels", "{national: duemila}"),
         p + "12:28: error: field 'national' must be a whole number, not 'duemila'\n"},
        {"misspelt quality label", StoryText().set("quality_labels", "{nazionale: 2014}"),
         p + "12:18: error: unknown field 'nazionale' in quality_labels (did you mean 'national'?)\n"},
        {"cover without src", StoryText().set("cover", "{alt: \"x\"}"),
         p + "12:8: error: missing required field 'src' in cover\n"},
        {"video with both sources",
         StoryText().set("videos", "[{youtube: abc, src: a.mp4, title: \"V\", minors: false}]"),
         p + "12:10: error: a video needs exactly one of 'youtube' (the video id) or 'src' (a local .mp4 file)\n"},
        {"video with no source", StoryText().set("videos", "[{title: \"V\", minors: false}]"),
         p + "12:10: error: a video needs exactly one of 'youtube' (the video id) or 'src' (a local .mp4 file)\n"},
        {"unknown interview role", StoryText().set("interviews", "[{role: docnte, name: \"A\", quote: \"B\"}]"),
         p + "12:21: error: unknown interview role 'docnte': use docente, dirigente, alunno or genitore (did you "
             "mean 'docente'?)\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      CHECK(story_errors(c.story) == c.expected);
    }
  }

  TEST_CASE("decode_story gives up only when the front matter cannot be read") {
    struct Case {
      std::string name;
      std::string text;
      std::string expected;
    };
    const Case cases[] = {
        {"no front matter", "# Titolo\n",
         "content/stories/x/index.md:1:1: error: missing fields: the file must start with a line '---', then "
         "the fields, then '---'\n"},
        {"YAML syntax error", "---\ntitle: x\nsummary: Perché: no\n---\n",
         "content/stories/x/index.md:3:17: error: a value that contains ': ' must be written between double quotes "
         "(yaml: illegal map value)\n"},
        {"front matter is a list", "---\n- a\n- b\n---\n",
         "content/stories/x/index.md:2:1: error: story must be a set of 'key: value' fields\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      DiagnosticBag diagnostics;
      CHECK_FALSE(decode_story(c.text, k_folder, diagnostics).has_value());
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
    // With field errors the story is still returned, so its slug takes part in later checks.
    DiagnosticBag diagnostics;
    CHECK(decode_story(StoryText().remove("title").text(), k_folder, diagnostics).has_value());
  }

  TEST_CASE("decode_page makes the slug from the file name and reads title, description and draft") {
    DiagnosticBag diagnostics;
    const auto page = decode_page("---\ntitle: \"Cos'è eTwinning\"\ndescription: \"La community\"\n---\nTesto\n",
                                  "content/pages/Cos'è eTwinning.md", diagnostics);
    REQUIRE(page.has_value());
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(page->slug == "cos-e-etwinning");
    CHECK(page->url() == "/cos-e-etwinning/");
    CHECK(page->title == "Cos'è eTwinning");
    CHECK(page->description == "La community");
    CHECK_FALSE(page->draft);
    CHECK(page->body == "Testo\n");
    CHECK(page->body_line == 5);
  }

  TEST_CASE("decode_page reports a missing title, unknown fields and a name without letters") {
    DiagnosticBag diagnostics;
    CHECK(decode_page("---\nsummary: x\n---\n", "content/pages/privacy.md", diagnostics).has_value());
    CHECK(decode_page("---\ntitle: x\n---\n", "content/pages/---.md", diagnostics) == std::nullopt);
    CHECK(diagnostics_text(diagnostics) ==
          "content/pages/---.md:1:1: error: the file name '---' gives an empty address: use letters or digits\n"
          "content/pages/privacy.md:2:1: error: missing required field 'title' in page\n"
          "content/pages/privacy.md:2:1: error: unknown field 'summary' in page\n");
  }

  TEST_CASE("load_content reads a site from a MemoryFileSystem, newest story first") {
    auto fs = tiny_site();
    add_story(fs, "b-story", StoryText().set("date", "2018-01-01"));
    add_story(fs, "a-story", StoryText().set("date", "2018-01-01").set("levels", "[primaria, infanzia]"));
    add_story(fs, "old", StoryText().set("date", "2010-03-04"));
    add_story(fs, "new", StoryText().set("date", "2020-09-01").set("levels", "[infanzia]"));
    fs.add_file("content/stories/README.md", "# Le storie");
    fs.add_file("content/stories/.bozza/index.md", "not a story");
    fs.add_file("content/pages/privacy.md", "---\ntitle: Privacy\n---\nTesto\n");
    fs.add_file("content/pages/note.txt", "ignored");
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(site.content_dir == "content");
    CHECK(site.config.title == "Esperienze eTwinning");
    CHECK(site.taxonomy(TaxonomyId::livello).terms.size() == 4);
    CHECK(slugs(site) == "new a-story b-story old");
    REQUIRE(site.find_story("old") != nullptr);
    CHECK(site.find_story("old")->date.value.iso() == "2010-03-04");
    CHECK(site.find_story("missing") == nullptr);
    const auto& by_level = site.stories_by_term[static_cast<std::size_t>(TaxonomyId::livello)];
    CHECK(by_level.at("infanzia") == std::vector<std::size_t>{0, 1});
    CHECK(by_level.at("primaria") == std::vector<std::size_t>{1, 2, 3});
    REQUIRE(site.pages.size() == 1);
    CHECK(site.pages[0].slug == "privacy");
  }

  TEST_CASE("load_content skips drafts unless asked to include them") {
    auto fs = tiny_site();
    add_story(fs, "pubblicata", StoryText());
    add_story(fs, "bozza", StoryText().set("draft", "true"));
    fs.add_file("content/pages/prossimamente.md", "---\ntitle: Presto\ndraft: true\n---\n");
    DiagnosticBag diagnostics;
    const Site published = load_content(fs, "content", {}, diagnostics);
    CHECK(slugs(published) == "pubblicata");
    CHECK(published.pages.empty());
    LoadOptions options;
    options.include_drafts = true;
    const Site preview = load_content(fs, "content", options, diagnostics);
    CHECK(slugs(preview) == "bozza pubblicata");
    CHECK(preview.pages.size() == 1);
    CHECK(diagnostics_text(diagnostics) == "");
  }

  TEST_CASE("load_content with config_only reads only site.yaml and taxonomies.yaml") {
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().remove("title"));
    LoadOptions options;
    options.config_only = true;
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", options, diagnostics);
    CHECK(site.stories.empty());
    CHECK(site.config.publisher == "Unità nazionale eTwinning");
    CHECK(diagnostics_text(diagnostics) == "");
  }

  TEST_CASE("load_content reports misplaced files and missing pieces, and goes on") {
    struct Case {
      std::string name;
      std::vector<std::pair<std::string, std::string>> files;
      std::string expected;
    };
    const std::string site = vetrina::test::k_site_yaml;
    const std::string tax = vetrina::test::k_taxonomies_yaml;
    const Case cases[] = {
        {"no content folder", {}, "content: error: content folder not found (give another with --content)\n"},
        {"story as a lone file",
         {{"content/site.yaml", site}, {"content/taxonomies.yaml", tax}, {"content/stories/Il mio orto.md", "x"}},
         "content/stories/Il mio orto.md: error: a story must be a folder with an index.md inside: move this file "
         "to content/stories/il-mio-orto/index.md\n"},
        {"story folder without index.md",
         {{"content/site.yaml", site}, {"content/taxonomies.yaml", tax}, {"content/stories/vuota/foto.jpg", "x"}},
         "content/stories/vuota/index.md: error: the story folder has no index.md (no such file)\n"},
        {"no site.yaml",
         {{"content/taxonomies.yaml", tax}},
         "content/site.yaml: error: no such file (every site needs it: see docs/content-format.md)\n"},
        {"no taxonomies.yaml",
         {{"content/site.yaml", site}},
         "content/taxonomies.yaml: error: no such file (every site needs it: see docs/content-format.md)\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'competenza' is missing (it holds the values of "
         "'competences')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'disciplina' is missing (it holds the values of 'subjects')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'livello' is missing (it holds the values of 'levels')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'paese' is missing (it holds the values of "
         "'partners[].country')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'regione' is missing (it holds the values of "
         "'school.region')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'tipo' is missing (it holds the values of 'project_type')\n"},
        {"errors in two stories are all reported",
         {{"content/site.yaml", site},
          {"content/taxonomies.yaml", tax},
          {"content/stories/a/index.md", StoryText().set("date", "2019-02-30").text()},
          {"content/stories/b/index.md", StoryText().set("tittle", "x").text()}},
         "content/stories/a/index.md:4:7: error: date '2019-02-30' is not a real date: write it as YYYY-MM-DD, e.g. "
         "2019-05-10\n"
         "content/stories/b/index.md:12:1: error: unknown field 'tittle' in story (did you mean 'title'?)\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      vetrina::util::MemoryFileSystem fs;
      for (const auto& [path, content] : c.files) {
        fs.add_file(path, content);
      }
      DiagnosticBag diagnostics;
      load_content(fs, "content", {}, diagnostics);
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
  }

  TEST_CASE("load_content reads only regular files inside the content, and each index.md inside its folder") {
    auto fs = tiny_site();
    add_story(fs, "buona", StoryText());
    // index.md linking to /dev/zero (endless) and a FIFO (blocks a reader).
    fs.add_special("/dev/zero");
    fs.add_symlink("content/stories/zero/index.md", "/dev/zero");
    fs.add_special("content/stories/fifo/index.md");
    // A story folder linking out of the content, and an index.md linking to another story's.
    fs.add_file("/home/x/segreti/index.md", StoryText().text());
    fs.add_symlink("content/stories/fuori", "/home/x/segreti");
    fs.add_symlink("content/stories/presa/index.md", "../buona/index.md");
    // A page linking to a file outside the content.
    fs.add_file("/etc/passwd", "root:x:0:0");
    fs.add_symlink("content/pages/chi-siamo.md", "/etc/passwd");
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/pages/chi-siamo.md: error: cannot read file: a symbolic link leading outside content: copy the "
          "file itself into content\n"
          "content/stories/fifo/index.md: error: index.md cannot be read: not a regular file (a folder, a device or "
          "a pipe): only ordinary files are read\n"
          "content/stories/fuori: error: the story folder is a symbolic link leading outside content/stories: move "
          "the story itself into content/stories\n"
          "content/stories/presa/index.md: error: index.md cannot be read: a symbolic link leading outside "
          "content/stories/presa: copy the file itself into content/stories/presa\n"
          "content/stories/zero/index.md: error: index.md cannot be read: a symbolic link leading outside "
          "content/stories/zero: copy the file itself into content/stories/zero\n");
    REQUIRE(site.stories.size() == 1);
    CHECK(site.stories[0].slug == "buona");
  }

  TEST_CASE("index.md and pages are size-checked before they are read (file_limits.max_text_bytes)") {
    auto fs = tiny_site();
    fs.add_file("content/site.yaml", std::string(vetrina::test::k_site_yaml) + "file_limits: {max_text_bytes: 2048}\n");
    add_story(fs, "lunga", StoryText().body(std::string(3000, 'a') + "\n"));
    fs.add_file("content/pages/lunga.md", "---\ntitle: \"L\"\n---\n" + std::string(3000, 'a'));
    DiagnosticBag diagnostics;
    load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/pages/lunga.md: error: cannot read file: the file is 3 KB; the limit is 2 KB\n"
          "content/stories/lunga/index.md: error: index.md cannot be read: the file is 4 KB; the limit is 2 KB "
          "(file_limits.max_text_bytes in site.yaml)\n");
  }

  TEST_CASE("menu addresses that would run script are refused, however they are spelled") {
    for (const std::string url : {"javascript:alert(1)", "  JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "vbscript:x",
                                  "data:text/html,x", "file:///etc/passwd"}) {
      CAPTURE(url);
      DiagnosticBag diagnostics;
      const auto config = decode_site_config(
          "title: t\ndescription: d\nbase_url: \"https://x.it\"\npublisher: p\nmenus:\n  main: [{label: L, url: \"" +
              url + "\"}]\n",
          "content/site.yaml", diagnostics);
      CHECK(config.main_menu.empty());
      const std::string text = diagnostics_text(diagnostics);
      CAPTURE(text);
      CHECK(text.starts_with("content/site.yaml:6:26: error: menu link '"));
      CHECK(text.find("cannot be published: addresses starting with javascript:, vbscript:, file: or data: are "
                      "removed for the visitors' safety") != std::string::npos);
    }
    DiagnosticBag diagnostics;
    const auto config = decode_site_config(
        "title: t\ndescription: d\nbase_url: \"https://x.it\"\npublisher: p\nmenus:\n  main: [{label: L, url: "
        "\"/chi-siamo/\"}, {label: M, url: \"https://x.it/a:b\"}, {label: N, url: \"mailto:a@b.it\"}]\n",
        "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.main_menu.size() == 3);
  }

  TEST_CASE("a story saved with CR-only line ends reads like any other; errors point at the editor's lines") {
    std::string text = StoryText().set("tittle", "\"x\"").text();
    for (char& c : text) {
      c = c == '\n' ? '\r' : c;
    }
    auto fs = tiny_site();
    fs.add_file("content/stories/mac/index.md", text);
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    REQUIRE(site.stories.size() == 1);
    CHECK(site.stories[0].title.value == "Holidays in a box");
    const std::string shown = vetrina::format_all(diagnostics.sorted(), vetrina::DiagnosticFormat::text, &fs, false);
    CHECK(shown.starts_with("content/stories/mac/index.md:12:1: error: unknown field 'tittle' in story"));
    CHECK(shown.find("\n  tittle: \"x\"\n  ^\n") != std::string::npos);
    CHECK(shown.size() < 400);  // one line quoted, not the whole file
  }

  TEST_CASE("load_content gives the same site and diagnostics whatever the number of jobs") {
    auto fs = tiny_site();
    for (int i = 0; i < 40; ++i) {
      StoryText story;
      story.set("date", "2019-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10));
      if (i % 7 == 0) {
        story.set("tittle", "x");
      }
      add_story(fs, "storia-" + std::to_string(i), story);
    }
    DiagnosticBag serial_diagnostics;
    const Site serial = load_content(fs, "content", {}, serial_diagnostics);
    LoadOptions options;
    options.jobs = 8;
    DiagnosticBag parallel_diagnostics;
    const Site parallel = load_content(fs, "content", options, parallel_diagnostics);
    CHECK(serial.stories.size() == 40);
    CHECK(slugs(serial) == slugs(parallel));
    CHECK(serial_diagnostics.error_count() == 6);
    CHECK(diagnostics_text(serial_diagnostics) == diagnostics_text(parallel_diagnostics));
  }

  TEST_CASE("load_content reads the real content of the repository without errors") {
    const vetrina::util::DiskFileSystem fs;
    const std::string content = std::string(VETRINA_SOURCE_DIR) + "/content";
    LoadOptions options;
    options.jobs = 4;
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, content, options, diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(site.stories.size() >= 15);
    CHECK(site.find_story("holidays-in-a-box") != nullptr);
    CHECK(site.taxonomy(TaxonomyId::competenza).terms.size() == 8);
  }
}
