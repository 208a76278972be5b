#include "generator/content/story_decoder.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::decode_story;
using vetrina::DiagnosticBag;
using vetrina::TaxonomyId;
using vetrina::test::diagnostics_text;
using vetrina::test::StoryText;

namespace {

const std::string k_folder = "content/stories/x";

std::string ids(const std::vector<vetrina::Located<std::string>>& terms) {
  std::string out;
  for (const auto& t : terms) {
    out += (out.empty() ? "" : " ") + t.value;
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

TEST_SUITE("story_decoder") {
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
    CHECK(story->body.str() == "## Obiettivi\n");
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
}
