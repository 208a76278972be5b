#include "generator/render/page_table.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "generator/render/page_plan.h"
#include "generator/render/related_stories.h"
#include "generator/render/renderer.h"
#include "tests/unit/test_support.h"

namespace vetrina {
namespace {

bool has(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

TEST_SUITE("page table") {
  TEST_CASE("every page kind has one row, whose template every theme must provide") {
    CHECK(page_table().size() == static_cast<std::size_t>(PageKind::stats) + 1);
    for (int k = 0; k <= static_cast<int>(PageKind::stats); ++k) {
      const auto kind = static_cast<PageKind>(k);
      CAPTURE(k);
      CHECK(page_row(kind).kind == kind);
      CHECK(has(required_templates(), page_row(kind).template_name));
      CHECK((page_row(kind).plan != nullptr && page_row(kind).view != nullptr));
    }
    CHECK(has(required_templates(), "search"));
  }

  TEST_CASE("the sitemap leaves out the 404 page and the list of a taxonomy no story uses") {
    auto fs = test::tiny_site();
    test::add_story(fs, "x", test::StoryText());
    const Site site = test::load_clean(fs);
    const std::vector<PageJob> plan = plan_pages(site);
    const std::vector<std::string> indexed = indexed_urls(site, plan);
    CHECK(plan.size() == indexed.size() + 5);  // 404, tema, metodo, strumento, premio
    CHECK_FALSE(has(indexed, "/404.html"));
    CHECK_FALSE(has(indexed, "/esperienze/tema/"));
    CHECK(has(indexed, "/esperienze/livello/"));
    CHECK(has(indexed, "/esperienze/x/"));
  }

  TEST_CASE("pages whose row has no fingerprint get 0; the others change with what they show") {
    auto fs = test::tiny_site();
    test::add_story(fs, "x", test::StoryText());
    test::add_story(fs, "y", test::StoryText().set("levels", "[infanzia]").set("date", "2015-01-01"));
    const Site site = test::load_clean(fs);
    RenderInputs inputs{7, {11, 13}, {}};
    const std::vector<PageJob> plan = plan_pages(site);
    auto find = [&plan](const std::string& url) {
      return *std::find_if(plan.begin(), plan.end(), [&url](const PageJob& job) { return job.url == url; });
    };
    CHECK(page_fingerprint(site, find("/"), 1, inputs) == 0);
    CHECK(page_fingerprint(site, find("/premi/"), 1, inputs) == 0);
    const PageJob infanzia = find("/esperienze/livello/infanzia/");
    const std::uint64_t before = page_fingerprint(site, infanzia, 1, inputs);
    CHECK(before != 0);
    inputs.stories[0] += 1;  // "x", not on the infanzia list
    CHECK(page_fingerprint(site, infanzia, 1, inputs) == before);
    inputs.stories[1] += 1;  // "y"
    CHECK(page_fingerprint(site, infanzia, 1, inputs) != before);
  }

  TEST_CASE("a story page's fingerprint is the same from kept related stories, and follows them") {
    auto fs = test::tiny_site();
    test::add_story(fs, "a", test::StoryText());
    test::add_story(fs, "b", test::StoryText().set("date", "2015-01-01"));
    test::add_story(fs, "c", test::StoryText().set("levels", "[infanzia]").set("date", "2014-01-01"));
    const Site site = test::load_clean(fs);
    RenderInputs inputs{7, {11, 13, 17}, {}};
    const std::vector<PageJob> plan = plan_pages(site);
    const PageJob story =
        *std::find_if(plan.begin(), plan.end(), [](const PageJob& job) { return job.url == "/esperienze/a/"; });
    const std::uint64_t computed = page_fingerprint(site, story, 1, inputs);
    inputs.related.resize(site.stories.size());
    for (std::size_t i = 0; i < site.stories.size(); ++i) {
      inputs.related[i] = related_stories(site, i);
    }
    CHECK(page_fingerprint(site, story, 1, inputs) == computed);
    REQUIRE_FALSE(inputs.related[story.index].empty());
    inputs.related[story.index].clear();  // what the kept list says is what counts
    CHECK(page_fingerprint(site, story, 1, inputs) != computed);
  }
}

}  // namespace
}  // namespace vetrina
