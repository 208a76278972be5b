#include "generator/model/site.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>

#include "tests/unit/test_support.h"

using vetrina::Date;
using vetrina::Site;
using vetrina::Story;
using vetrina::TaxonomyId;

namespace {

Story story(const std::string& slug, Date date, std::vector<std::string> levels = {}) {
  Story s;
  s.slug = slug;
  s.date.value = date;
  for (auto& level : levels) {
    s.terms[static_cast<std::size_t>(TaxonomyId::livello)].push_back({std::move(level), {}});
  }
  return s;
}

}  // namespace

TEST_SUITE("site") {
  TEST_CASE("Date::iso pads to YYYY-MM-DD and dates order by year, month, day") {
    CHECK(Date{2016, 5, 1}.iso() == "2016-05-01");
    CHECK(Date{987, 12, 31}.iso() == "0987-12-31");
    CHECK(Date{2016, 5, 10} < Date{2016, 6, 1});
    CHECK(Date{2015, 12, 31} < Date{2016, 1, 1});
    CHECK(Date{2016, 5, 10} == Date{2016, 5, 10});
  }

  TEST_CASE("taxonomy_specs fixes ids, front matter fields and order") {
    std::string specs;
    for (const auto& spec : vetrina::taxonomy_specs()) {
      specs += std::string(spec.name) + "<-" + spec.field + " ";
    }
    CHECK(specs ==
          "livello<-levels competenza<-competences disciplina<-subjects tipo<-project_type regione<-school.region "
          "paese<-partners[].country tema<-themes metodo<-methods strumento<-tools premio<-awards ");
  }

  TEST_CASE("Site::index sorts stories newest first, then by slug, and indexes them by term") {
    Site site;
    site.stories.push_back(story("b", {2018, 1, 1}, {"primaria"}));
    site.stories.push_back(story("old", {2010, 1, 1}, {"infanzia", "primaria"}));
    site.stories.push_back(story("a", {2018, 1, 1}, {"primaria", "primaria"}));
    site.stories.push_back(story("new", {2021, 9, 1}));
    site.index();
    std::string order;
    for (const auto& s : site.stories) {
      order += s.slug + " ";
    }
    CHECK(order == "new a b old ");
    const auto& by_level = site.stories_by_term[static_cast<std::size_t>(TaxonomyId::livello)];
    CHECK(by_level.at("primaria") == std::vector<std::size_t>{1, 2, 3});  // "a" lists it twice, counts once
    CHECK(by_level.at("infanzia") == std::vector<std::size_t>{3});
    REQUIRE(site.find_story("old") != nullptr);
    CHECK(site.find_story("old") == &site.stories[3]);
    CHECK(site.find_story("nessuna") == nullptr);
  }

  TEST_CASE("Site::index puts every story, with all its fields, where a plain sort would") {
    // Hundreds of stories in a scrambled order (many cycles of the
    // permutation), dates repeating so that slugs decide too.
    Site site;
    std::vector<std::pair<Date, std::string>> expected;
    std::uint64_t seed = 12345;
    for (int i = 0; i < 300; ++i) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      const Date date{2010 + static_cast<int>((seed >> 33) % 5), 1 + static_cast<int>((seed >> 40) % 3), 1};
      const std::string slug = "s" + std::to_string((seed >> 20) % 100000) + "-" + std::to_string(i);
      site.stories.push_back(story(slug, date, {"primaria"}));
      site.stories.back().title.value = "title of " + slug;
      expected.emplace_back(date, slug);
    }
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    site.index();
    REQUIRE(site.stories.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(i);
      CHECK(site.stories[i].slug == expected[i].second);
      CHECK(site.stories[i].title.value == "title of " + expected[i].second);
      CHECK(site.find_story(expected[i].second) == &site.stories[i]);
    }
  }

  TEST_CASE("Site::index keeps stories of the same date and slug in the order they were loaded") {
    Site site;
    for (const char* title : {"first", "second", "third"}) {
      site.stories.push_back(story("same", {2020, 1, 1}));
      site.stories.back().title.value = title;
      site.stories.push_back(story("zz-later", {2019, 1, 1}));
    }
    site.index();
    std::string order;
    for (const auto& s : site.stories) {
      order += s.slug + ":" + s.title.value + " ";
    }
    CHECK(order == "same:first same:second same:third zz-later: zz-later: zz-later: ");
  }

  TEST_CASE("Site::index can run again after stories change") {
    Site site;
    site.stories.push_back(story("a", {2018, 1, 1}, {"primaria"}));
    site.index();
    site.stories.push_back(story("b", {2019, 1, 1}, {"infanzia"}));
    site.index();
    const auto& by_level = site.stories_by_term[static_cast<std::size_t>(TaxonomyId::livello)];
    CHECK(by_level.at("primaria") == std::vector<std::size_t>{1});
    CHECK(by_level.at("infanzia") == std::vector<std::size_t>{0});
    CHECK(site.find_story("a") == &site.stories[1]);
  }

  TEST_CASE("Story and Page addresses") {
    CHECK(story("holidays-in-a-box", {}).url() == "/esperienze/holidays-in-a-box/");
    vetrina::Page page;
    page.slug = "privacy";
    CHECK(page.url() == "/privacy/");
  }
}
