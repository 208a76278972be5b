// Award files and events: decoding, the recognitions and "premio" terms a
// story gets from them, and validation messages not pinned by the e2e
// fixtures (tests/e2e/fixtures/award-*, one per rule).

#include <doctest/doctest.h>

#include "generator/check/award_rules.h"
#include "generator/check/validator.h"
#include "generator/content/award_loader.h"
#include "generator/content/content_loader.h"
#include "generator/model/awards.h"
#include "generator/render/views.h"
#include "test_support.h"

namespace {

using vetrina::AwardKind;
using vetrina::DiagnosticBag;
using vetrina::Site;
using vetrina::TaxonomyId;
using vetrina::test::add_story;
using vetrina::test::diagnostics_text;
using vetrina::test::StoryText;

std::vector<std::string> premio_terms(const vetrina::Story& story) {
  std::vector<std::string> ids;
  for (const auto& term : story.terms_of(TaxonomyId::premio)) {
    ids.push_back(term.value);
  }
  return ids;
}

std::string check(const vetrina::util::MemoryFileSystem& fs) {
  DiagnosticBag diagnostics;
  const Site site = vetrina::load_content(fs, "content", {}, diagnostics);
  vetrina::validate_site(site, fs, diagnostics);
  return diagnostics_text(diagnostics);
}

}  // namespace

TEST_SUITE("awards") {
  TEST_CASE("award files give stories their recognitions and premio terms, oldest first") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText().set("quality_labels", "{national: 2013, european: 2014}"));
    add_story(fs, "plain", StoryText().set("title", "\"Plain\""));
    fs.add_file("content/awards/2015.yaml",
                "year: 2015\nnational_prizes:\n  - {category: primaria, story: box}\n"
                "european_prizes:\n  - {story: box, name: \"Premio europeo, fascia 4-11\"}\n");
    fs.add_file("content/awards/2014.yaml", "year: 2014\nspecial_mentions:\n  - {story: box}\n");
    const Site site = vetrina::test::load_clean(fs);
    REQUIRE(site.awards.size() == 2);
    CHECK(site.awards[0].year == 2015);  // newest first
    const auto* box = site.find_story("box");
    REQUIRE(box != nullptr);
    REQUIRE(box->recognitions.size() == 3);
    CHECK(box->recognitions[0].year == 2014);
    CHECK(box->recognitions[0].kind == AwardKind::special_mention);
    CHECK(box->recognitions[1].kind == AwardKind::national_prize);
    CHECK(box->recognitions[1].category == "primaria");
    CHECK(box->recognitions[2].name == "Premio europeo, fascia 4-11");
    CHECK(premio_terms(*box) == std::vector<std::string>{"menzione-speciale", "premio-nazionale", "premio-europeo",
                                                         "label-europeo", "label-nazionale"});
    CHECK(premio_terms(*site.find_story("plain")).empty());
    // The computed taxonomy lists the stories, like any other.
    const auto& by_term = site.stories_by_term[static_cast<std::size_t>(TaxonomyId::premio)];
    CHECK(by_term.at("premio-nazionale").size() == 1);
    CHECK(by_term.count("premio-nazionale") == 1);
    CHECK(site.taxonomy(TaxonomyId::premio).find("label-nazionale")->label == "Certificato di Qualità nazionale");
    CHECK(check(fs) == "");
  }

  TEST_CASE("an award entry names a story or a project, never both nor neither") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText().set("quality_labels", "{national: 2013}"));
    fs.add_file("content/awards/2014.yaml",
                "year: 2014\nnational_prizes:\n"
                "  - {category: primaria, story: box, project: {title: T, school: S, city: C}}\n"
                "  - {category: primaria}\n"
                "  - {category: mista, project: {title: T}}\n");
    CHECK(check(fs) ==
          "content/awards/2014.yaml:3:47: error: give either 'story' (the folder name of a story) or 'project' "
          "(title, school, city of a project without a story), not both\n"
          "content/awards/2014.yaml:4:5: error: national prize 2 needs 'story' (the folder name of a story) or "
          "'project' (title, school, city of a project without a story)\n"
          "content/awards/2014.yaml:5:32: error: missing required field 'city' in national prize 3 project\n"
          "content/awards/2014.yaml:5:32: error: missing required field 'school' in national prize 3 project\n");
  }

  TEST_CASE("Quality Label counts must add up, and a European prize needs the European label") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText().set("quality_labels", "{national: 2013}"));
    fs.add_file("content/awards/2014.yaml",
                "year: 2014\neuropean_prizes:\n  - {story: box}\n"
                "quality_labels: {applications: 10, national: 12, european: 13}\n");
    CHECK(check(fs) ==
          "content/awards/2014.yaml:3:13: error: a European prize needs the story's European Quality Label in 2014 "
          "or before, but story 'box' has none (quality_labels.european in content/stories/box/index.md)\n"
          "content/awards/2014.yaml:4:46: error: national Quality Labels (12) cannot be more than the applications "
          "assessed (10)\n"
          "content/awards/2014.yaml:4:60: error: European Quality Labels (13) cannot be more than the national ones "
          "(12)\n");
  }

  TEST_CASE("a draft story cannot be cited until it is published") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText().set("draft", "true"));
    fs.add_file("content/awards/2014.yaml", "year: 2014\nspecial_mentions:\n  - {story: box}\n");
    CHECK(check(fs) ==
          "content/awards/2014.yaml:3:13: error: story 'box' is a draft (draft: true): publish it, or name the "
          "project with 'project: {title, school, city}' until its story is ready\n");
  }

  TEST_CASE("events are sorted, dated in Italian and checked") {
    auto fs = vetrina::test::tiny_site();
    fs.add_file("content/awards/2019.yaml", "year: 2019\n");
    fs.add_file("content/events.yaml",
                "events:\n"
                "  - {type: Fiera, title: B, place: Milano, start: 2019-03-08, end: 2019-03-10}\n"
                "  - {type: Conferenza, title: A, place: Napoli, start: 2014-09-30, end: 2014-10-01, awards: 2014}\n"
                "  - {type: Conferenza, title: C, place: Bari, start: 2019-12-02, end: 2019-12-01, awards: 2019}\n"
                "  - {type: Fiera, title: D, place: Firenze, start: 2019-02-30}\n");
    DiagnosticBag diagnostics;
    const Site site = vetrina::load_content(fs, "content", {}, diagnostics);
    vetrina::validate_site(site, fs, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/events.yaml:3:93: error: no award file for 2014 (content/awards/2014.yaml): remove 'awards' or "
          "add the file\n"
          "content/events.yaml:4:71: error: the event ends (2019-12-01) before it starts (2019-12-02)\n"
          "content/events.yaml:5:52: error: date '2019-02-30' is not a real date: write it as YYYY-MM-DD, e.g. "
          "2019-12-02\n");
    REQUIRE(site.events.size() == 3);
    CHECK(site.events[0].title == "A");
    CHECK(vetrina::Views::event_dates(site.events[0]) == "30 settembre – 1 ottobre 2014");
    CHECK(vetrina::Views::event_dates(site.events[1]) == "8–10 marzo 2019");
  }

  TEST_CASE("taxonomies.yaml may relabel 'premio' but not invent its terms") {
    auto fs = vetrina::test::tiny_site();
    fs.add_file("content/taxonomies.yaml", std::string(vetrina::test::k_taxonomies_yaml) +
                                               "premio:\n  label: Premio\n  plural: Premi\n  terms:\n"
                                               "    - {id: premio-nazionale, label: \"Premio nazionale eTwinning\"}\n"
                                               "    - {id: premio-regionale, label: \"Premio regionale\"}\n");
    DiagnosticBag diagnostics;
    const Site site = vetrina::load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/taxonomies.yaml:66:12: error: the terms of 'premio' come from the award files and are fixed: "
          "premio-nazionale, menzione-speciale, premio-europeo, label-europeo, label-nazionale\n");
    const auto& premio = site.taxonomy(TaxonomyId::premio);
    CHECK(premio.find("premio-nazionale")->label == "Premio nazionale eTwinning");
    CHECK(premio.terms.size() == 5);  // the others keep their default labels
  }
}

TEST_SUITE("home") {
  TEST_CASE("featured stories in site.yaml must be published stories") {
    auto fs = vetrina::test::tiny_site();
    fs.add_file("content/site.yaml", std::string(vetrina::test::k_site_yaml) + "featured: [box, bx, bozza]\n");
    add_story(fs, "box", StoryText());
    add_story(fs, "bozza", StoryText().set("draft", "true"));
    const std::string text = check(fs);
    CHECK(text.find("featured story 'bx' is not published (missing or a draft) (did you mean 'box'?)") !=
          std::string::npos);
    CHECK(text.find("featured story 'bozza' is not published") != std::string::npos);
    std::size_t errors = 0;
    for (auto at = text.find("error:"); at != std::string::npos; at = text.find("error:", at + 1)) {
      ++errors;
    }
    CHECK(errors == 2);  // "box" itself is fine
  }

  TEST_CASE("a featured story whose own file has errors is reported there, not again as unpublished") {
    auto fs = vetrina::test::tiny_site();
    fs.add_file("content/site.yaml", std::string(vetrina::test::k_site_yaml) + "featured: [rotta]\n");
    add_story(fs, "rotta", StoryText().set("title", "[unclosed"));  // the front matter does not parse
    const std::string text = check(fs);
    CHECK(text.find("content/stories/rotta/index.md:") != std::string::npos);
    CHECK(text.find("featured story") == std::string::npos);
  }
}
