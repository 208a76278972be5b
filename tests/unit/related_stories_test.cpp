#include "generator/render/related_stories.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::related_stories;
using vetrina::test::add_story;
using vetrina::test::StoryText;

namespace {

// Stories named by slug; dates make the site's order a, b, c, ... (newest first).
vetrina::Site site_of(const std::vector<std::tuple<std::string, std::string, std::string, std::string>>& stories) {
  auto fs = vetrina::test::tiny_site();
  int day = 28;
  for (const auto& [slug, levels, competences, subjects] : stories) {
    add_story(fs, slug,
              StoryText()
                  .set("title", "\"" + slug + "\"")
                  .set("date", "2016-05-" + std::to_string(day--))
                  .set("levels", levels)
                  .set("competences", competences)
                  .set("subjects", subjects));
  }
  return vetrina::test::load_clean(fs);
}

std::vector<std::string> slugs(const vetrina::Site& site, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> out;
  for (const auto index : indexes) {
    out.push_back(site.stories[index].slug);
  }
  return out;
}

}  // namespace

TEST_SUITE("related_stories") {
  TEST_CASE("competences and subjects weigh more than levels; nothing shared, nothing suggested") {
    const auto site = site_of({
        {"a", "[primaria]", "[digitale]", "[inglese]"},
        {"b", "[primaria]", "[stem]", "[matematica]"},       // level only: 1
        {"c", "[infanzia]", "[digitale]", "[inglese]"},      // competence + subject: 4
        {"d", "[secondaria-2]", "[culturale]", "[storia]"},  // nothing
        {"e", "[primaria]", "[digitale]", "[matematica]"},   // level + competence: 3
    });
    REQUIRE(site.stories[0].slug == "a");
    CHECK(slugs(site, related_stories(site, 0)) == std::vector<std::string>{"c", "e", "b"});
    CHECK(slugs(site, related_stories(site, 0, 10)) == std::vector<std::string>{"c", "e", "b"});
    CHECK(related_stories(site, 3).empty());
  }

  TEST_CASE("equal scores go to the nearer story in the order, then to the newer") {
    const auto site = site_of({
        {"a", "[primaria]", "[stem]", "[scienze]"},
        {"b", "[primaria]", "[stem]", "[scienze]"},
        {"c", "[primaria]", "[stem]", "[scienze]"},
        {"d", "[primaria]", "[stem]", "[scienze]"},
        {"e", "[primaria]", "[stem]", "[scienze]"},
    });
    CHECK(slugs(site, related_stories(site, 2)) == std::vector<std::string>{"b", "d", "a"});
    CHECK(slugs(site, related_stories(site, 0)) == std::vector<std::string>{"b", "c", "d"});
    CHECK(related_stories(site, 2) == related_stories(site, 2));
  }

  TEST_CASE("only the window of nearest stories of each term is looked at") {
    const auto site = site_of({
        {"a", "[primaria]", "[stem]", "[scienze]"},
        {"b", "[infanzia]", "[culturale]", "[arte]"},
        {"c", "[primaria]", "[stem]", "[scienze]"},
    });
    CHECK(slugs(site, related_stories(site, 0, 3, 1)) == std::vector<std::string>{"c"});
    CHECK(related_stories(site, 0, 3, 0).empty());
  }
}
