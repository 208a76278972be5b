#include "generator/content/story_codec.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "generator/render/markdown_pass.h"
#include "generator/render/renderer.h"
#include "tests/unit/test_support.h"

using vetrina::AwardKind;
using vetrina::DiagnosticBag;
using vetrina::ImageRef;
using vetrina::ImageVariant;
using vetrina::Interview;
using vetrina::Located;
using vetrina::Location;
using vetrina::Partner;
using vetrina::PublishedImage;
using vetrina::Recognition;
using vetrina::Site;
using vetrina::Source;
using vetrina::Story;
using vetrina::VideoRef;
using vetrina::test::add_story;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

namespace {

StoryText rich_story() {
  return StoryText()
      .set("quality_labels", "{national: 2013, european: 2014}")
      .set("themes", "[inclusione]")
      .set("teachers", "[\"Anna Rossi\", \"Luca Bianchi\"]")
      .set("cover", "{src: cover.jpg, alt: \"La scatola\", credit: \"Foto della scuola\", minors: false}")
      .set("videos", "[{youtube: dQw4w9WgXcQ, title: \"Il video\", minors: false}]")
      .set("interviews", "[{role: docente, name: \"Anna Rossi\", quote: \"Bello.\"}]")
      .body("Il racconto con [un link](../altra/) e un **grassetto**.\n");
}

// A story whose every field, at every depth, differs from its default.
// Story's operator== is defaulted, so comparing two stories compares every
// field, including one added later: give it a non-default value here (the
// size checks of story_codec.cpp point at this function).
Story every_field_story() {
  const std::string own = "content/stories/tutto/index.md";
  auto at = [&own](int line, int column) { return Location{own, line, column}; };
  const PublishedImage published{
      1600, 900, {{480, 270, "/media/a-480.jpg", "a-480.jpg"}}, ImageVariant{1200, 630, "/media/a-og.jpg", "a-og.jpg"}};
  Story s;
  s.slug = "tutto";
  s.source_path = own;
  s.folder = "content/stories/tutto";
  s.slug_location = at(1, 1);
  s.title = {"Titolo", at(2, 8)};
  s.summary = {"Sommario", at(3, 10)};
  s.date = {{2019, 5, 10}, at(4, 7)};
  s.school_year = {"2018/2019", at(5, 14)};
  s.project_type = {"europeo", at(6, 15)};
  s.school_name = "IC Dante";
  s.city = "Bergamo";
  s.region = {"lombardia", Location{"content/taxonomies.yaml", 7, 30}};  // a location in another file
  s.teachers = {"Anna Rossi", "Luca Bianchi"};
  s.partners = {Partner{"Lycée Hugo", "Lyon", {"fr", at(8, 40)}}};
  s.partners_location = at(8, 1);
  s.school_location = at(6, 3);
  s.teachers_location = at(7, 3);
  s.national_label = Located<long long>{2019, at(9, 28)};
  s.european_label = Located<long long>{2020, at(9, 44)};
  s.quality_labels_location = at(9, 1);
  s.twinspace = {"https://twinspace.etwinning.net/1", at(10, 12)};
  s.cover = ImageRef{{"cover.jpg", at(11, 15)}, "La scatola", "Foto della scuola", true, true, at(11, 8), published};
  s.gallery = {ImageRef{{"b.jpg", at(12, 20)}, "Alt", "Credito", true, true, at(12, 12), published}};
  s.videos = {VideoRef{"dQw4w9WgXcQ", "video.mp4", "poster.jpg", "Il video", true, true, at(13, 12), published,
                       "/media/v.mp4"}};
  s.interviews = {Interview{"docente", "Anna Rossi", "Bello.", at(14, 16), {"Attività", at(14, 60)}, 7}};
  s.draft = true;
  s.example = {true, at(15, 10)};
  s.sources = {Source{"Rapporto", "p. 12", "https://www.etwinning.net/", at(16, 12)}};
  s.sources_location = at(16, 1);
  s.recognitions = {Recognition{2019, AwardKind::european_prize, "primaria", "European eTwinning Prize"}};
  for (std::size_t i = 0; i < s.terms.size(); ++i) {
    s.terms[i] = {{"term-" + std::to_string(i), at(20 + static_cast<int>(i), 3)}};
  }
  s.body = "Il *racconto*.\n";
  s.body_line = 30;
  s.body_html = "<p>Il <em>racconto</em>.</p>\n";
  s.body_text = "Il racconto.";
  s.files = {"scheda.pdf"};
  s.linked_slugs = {"altra"};
  return s;
}

// `story` without what the media phase and the award files attach (the
// cache keeps the story as decoded and rendered).
Story without_derived(Story story) {
  story.recognitions.clear();
  story.cover->published.reset();
  for (auto& image : story.gallery) {
    image.published.reset();
  }
  for (auto& video : story.videos) {
    video.poster_image.reset();
    video.published_url.clear();
  }
  return story;
}

}  // namespace

TEST_SUITE("story_codec") {
  TEST_CASE("every field of a story survives the bytes; what later phases attach is left out") {
    const Story full = every_field_story();
    const auto back = vetrina::deserialize_story(vetrina::serialize_story(full, false));
    REQUIRE(back.has_value());
    CHECK(*back == without_derived(full));
    CHECK(*back != full);
    CHECK(back->region.location.path == "content/taxonomies.yaml");
    CHECK(back->title.location.path == full.source_path);
  }

  TEST_CASE("the fingerprint covers what the media phase and the award files attach") {
    const Story full = every_field_story();
    const auto fingerprint = vetrina::story_fingerprint(full);
    CHECK(vetrina::story_fingerprint(without_derived(full)) != fingerprint);
    std::vector<Story> changed(5, full);
    changed[0].recognitions[0].kind = AwardKind::special_mention;
    changed[1].cover->published->og->width = 1201;
    changed[2].gallery[0].published->sizes[0].url = "/media/b-480.jpg";
    changed[3].videos[0].poster_image.reset();
    changed[4].videos[0].published_url = "/media/w.mp4";
    for (std::size_t i = 0; i < changed.size(); ++i) {
      CAPTURE(i);
      CHECK(vetrina::story_fingerprint(changed[i]) != fingerprint);
    }
  }

  TEST_CASE("a story survives serialization field for field") {
    auto fs = tiny_site();
    add_story(fs, "holidays-in-a-box", rich_story());
    add_story(fs, "altra", StoryText().set("title", "\"Altra\""));
    fs.add_file("content/stories/holidays-in-a-box/cover.jpg", "jpeg");
    Site site = vetrina::test::load_clean(fs);
    DiagnosticBag diagnostics;
    vetrina::render_bodies(site, fs, 1, diagnostics);
    const Story& story = *site.find_story("holidays-in-a-box");
    REQUIRE(story.linked_slugs == std::vector<std::string>{"altra"});
    const std::string bytes = vetrina::serialize_story(story, false);
    const auto back = vetrina::deserialize_story(bytes);
    REQUIRE(back.has_value());
    CHECK(vetrina::serialize_story(*back, false) == bytes);
    CHECK(back->title.value == "Holidays in a box");
    CHECK(back->title.location.path == story.source_path);
    CHECK(back->title.location.line == 2);
    CHECK(back->european_label->value == 2014);
    CHECK(back->cover->credit == "Foto della scuola");
    CHECK(back->videos.at(0).youtube == "dQw4w9WgXcQ");
    CHECK(back->interviews.at(0).quote == "Bello.");
    CHECK(back->body_html.str() == story.body_html.str());
    CHECK(back->terms_of(vetrina::TaxonomyId::tema).at(0).value == "inclusione");
  }

  TEST_CASE("the example mark and the sources survive serialization, with their lines") {
    auto fs = tiny_site();
    add_story(fs, "esempio", StoryText().set("example", "true"));
    add_story(fs, "documentata",
              StoryText()
                  .set("title", "\"Documentata\"")
                  .set("sources", "[{title: \"Rapporto\", where: \"p. 12\"}, \"https://www.etwinning.net/\"]"));
    const Site site = vetrina::test::load_clean(fs);
    const auto example = vetrina::deserialize_story(vetrina::serialize_story(*site.find_story("esempio"), false));
    REQUIRE(example.has_value());
    CHECK(example->example.value);
    CHECK(example->example.location.line == 12);
    CHECK(example->example.location.path == "content/stories/esempio/index.md");
    CHECK(example->sources.empty());
    const Story& original = *site.find_story("documentata");
    const auto sourced = vetrina::deserialize_story(vetrina::serialize_story(original, false));
    REQUIRE(sourced.has_value());
    CHECK_FALSE(sourced->example.value);
    REQUIRE(sourced->sources.size() == 2);
    CHECK(sourced->sources[0].title == "Rapporto");
    CHECK(sourced->sources[0].where == "p. 12");
    CHECK(sourced->sources[1].url == "https://www.etwinning.net/");
    CHECK(sourced->sources[1].location.line == 12);
    CHECK(sourced->sources_location.line == 12);
    CHECK(vetrina::story_fingerprint(*sourced) == vetrina::story_fingerprint(original));
    Story changed = original;
    changed.sources[0].where = "p. 13";
    CHECK(vetrina::story_fingerprint(changed) != vetrina::story_fingerprint(original));
  }

  TEST_CASE("malformed or truncated bytes are refused, not half-read") {
    auto fs = tiny_site();
    add_story(fs, "a", StoryText());
    const Site site = vetrina::test::load_clean(fs);
    const std::string bytes = vetrina::serialize_story(site.stories.at(0), false);
    CHECK_FALSE(vetrina::deserialize_story(bytes.substr(0, bytes.size() / 2)).has_value());
    CHECK_FALSE(vetrina::deserialize_story(bytes + "x").has_value());
    CHECK_FALSE(vetrina::deserialize_story("").has_value());
  }

  TEST_CASE("the fingerprint changes with any field and with what the media phase attached") {
    auto fs = tiny_site();
    add_story(fs, "a", StoryText());
    Site site = vetrina::test::load_clean(fs);
    Story& story = site.stories.at(0);
    const auto before = vetrina::story_fingerprint(story);
    CHECK(vetrina::story_fingerprint(story) == before);
    story.city = "Lucca";
    const auto city = vetrina::story_fingerprint(story);
    CHECK(city != before);
    story.recognitions.push_back({2019, vetrina::AwardKind::national_prize, "primaria", ""});
    CHECK(vetrina::story_fingerprint(story) != city);
  }

  TEST_CASE("the fingerprint follows the rendered body, not its Markdown (which a build drops)") {
    const Story full = every_field_story();
    const auto fingerprint = vetrina::story_fingerprint(full);
    Story dropped = full;
    dropped.body.clear();
    CHECK(vetrina::story_fingerprint(dropped) == fingerprint);
    Story html = full;
    html.body_html = "<p>Il <em>racconto</em>!</p>\n";
    CHECK(vetrina::story_fingerprint(html) != fingerprint);
    Story text = full;
    text.body_text = "Il racconto!";
    CHECK(vetrina::story_fingerprint(text) != fingerprint);
    // The cache keeps the Markdown: it is what a later run renders again.
    CHECK(vetrina::serialize_story(dropped, false) != vetrina::serialize_story(full, false));
  }

  TEST_CASE("a packed body that does not unpack is refused with the rest") {
    const Story full = every_field_story();
    std::string bytes = vetrina::serialize_story(full, false);
    const std::string& packed = full.body_html.packed();
    const auto at = bytes.find(packed);
    REQUIRE(at != std::string::npos);
    bytes[at + packed.size() / 2] = static_cast<char>(bytes[at + packed.size() / 2] ^ 0x55);
    CHECK_FALSE(vetrina::deserialize_story(bytes).has_value());
  }
}
