#include "generator/content/story_cache.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <unordered_set>

#include "generator/render/markdown_pass.h"
#include "generator/render/renderer.h"
#include "generator/util/hash.h"
#include "tests/unit/test_support.h"

using vetrina::DiagnosticBag;
using vetrina::LoadOptions;
using vetrina::Site;
using vetrina::Story;
using vetrina::StoryCache;
using vetrina::test::add_story;
using vetrina::test::StoryText;
using vetrina::test::TempDir;
using vetrina::test::tiny_site;
namespace util = vetrina::util;
namespace stdfs = std::filesystem;

namespace {

// Loads `fs` with `cache`, renders bodies, returns the site (no diagnostics expected).
Site load_with(const util::MemoryFileSystem& fs, StoryCache& cache) {
  DiagnosticBag diagnostics;
  LoadOptions options;
  options.cache = &cache;
  Site site = vetrina::load_content(fs, "content", options, diagnostics);
  const auto todo = cache.restore_bodies(site, fs);
  vetrina::render_bodies(site, fs, todo, 1, diagnostics);
  cache.store_bodies(site, todo, {});
  REQUIRE(vetrina::test::diagnostics_text(diagnostics) == "");
  return site;
}

}  // namespace

TEST_SUITE("story_cache") {
  TEST_CASE("a saved pack gives back the decoded story and its body; another text is a miss") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().body("Corpo *uno*.\n"));
    std::string html;
    {
      StoryCache cache(dir / "stories", false);
      const Site site = load_with(fs, cache);
      html = site.stories.at(0).body_html.str();
      CHECK(cache.hits() == 0);
      CHECK(cache.misses() == 1);
      cache.save();
    }
    {
      StoryCache cache(dir / "stories", false);
      Site site = load_with(fs, cache);
      CHECK(cache.hits() == 1);
      CHECK(cache.misses() == 0);
      CHECK(site.stories.at(0).body_html.str() == html);
      CHECK(html.find("<em>uno</em>") != std::string::npos);
    }
    add_story(fs, "a", StoryText().body("Corpo *due*.\n"));
    StoryCache cache(dir / "stories", true);
    const Site site = load_with(fs, cache);
    CHECK(cache.hits() == 0);
    CHECK(site.stories.at(0).body_html.str().find("<em>due</em>") != std::string::npos);
  }

  TEST_CASE("a cache whose folder did not exist misses without reading, then finds what it wrote") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().body("Corpo *uno*.\n"));
    StoryCache cache(dir / "stories", false);
    REQUIRE_FALSE(stdfs::exists(dir / "stories"));
    load_with(fs, cache);
    CHECK(cache.misses() == 1);
    cache.save();
    REQUIRE(stdfs::exists(dir / "stories"));
    load_with(fs, cache);  // the same cache, as a preview keeps it
    CHECK(cache.hits() == 1);
    // A folder that exists (emptied or not) is read: an entry put there by
    // another build is found.
    StoryCache other(dir / "stories", true);
    load_with(fs, other);
    CHECK(other.hits() == 1);
  }

  TEST_CASE("an entry from another version or binary is a miss, and is replaced") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText());
    {
      StoryCache cache(dir / "stories", false);
      load_with(fs, cache);
      cache.save();
    }
    std::vector<stdfs::path> entries;
    for (const auto& entry : stdfs::recursive_directory_iterator(dir / "stories")) {
      if (entry.is_regular_file()) {
        entries.push_back(entry.path());
      }
    }
    REQUIRE(entries.size() == 1);
    std::ifstream in(entries[0], std::ios::binary);
    std::string header;
    std::getline(in, header);
    CHECK(header == "vetrina story v6 " + util::hex64(util::executable_hash()) + " 10");
    const std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    std::ofstream(entries[0], std::ios::binary) << "vetrina story v0 0000000000000000 10\n" << rest;
    {
      StoryCache cache(dir / "stories", false);
      load_with(fs, cache);
      CHECK(cache.hits() == 0);
      cache.save();
    }
    StoryCache cache(dir / "stories", false);
    load_with(fs, cache);
    CHECK(cache.hits() == 1);
  }

  TEST_CASE("entries of stories that changed are deleted when the cache is saved") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText());
    add_story(fs, "b", StoryText().set("date", "2017-01-01"));
    auto count = [&dir] {
      std::size_t files = 0;
      for (const auto& entry : stdfs::recursive_directory_iterator(dir / "stories")) {
        files += entry.is_regular_file() ? 1U : 0U;
      }
      return files;
    };
    {
      StoryCache cache(dir / "stories", false);
      load_with(fs, cache);
      cache.save();
    }
    CHECK(count() == 2);
    add_story(fs, "b", StoryText().set("date", "2017-01-02"));
    StoryCache cache(dir / "stories", false);
    load_with(fs, cache);
    CHECK(cache.hits() == 1);
    cache.save();
    CHECK(count() == 2);
  }

  TEST_CASE("a cached body is rendered again when a story it links to is gone") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().body("Vedi [b](../b/).\n"));
    add_story(fs, "b", StoryText().set("title", "\"B\""));
    {
      StoryCache cache(dir / "stories", false);
      load_with(fs, cache);
      cache.save();
    }
    StoryCache cache(dir / "stories", false);
    DiagnosticBag diagnostics;
    LoadOptions options;
    options.cache = &cache;
    util::MemoryFileSystem without_b = tiny_site();
    add_story(without_b, "a", StoryText().body("Vedi [b](../b/).\n"));
    Site site = vetrina::load_content(without_b, "content", options, diagnostics);
    CHECK(cache.hits() == 1);
    const auto todo = cache.restore_bodies(site, without_b);
    CHECK(todo == std::vector<std::size_t>{0});
    vetrina::render_bodies(site, without_b, todo, 1, diagnostics);
    CHECK(vetrina::test::diagnostics_text(diagnostics) ==
          "content/stories/a/index.md:13:6: error: link to a missing story '../b/' (did you mean 'a'?)\n");
  }

  TEST_CASE("a story whose body has an error is kept decoded without its body, and a draft is kept too") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().body("Vedi [la storia](../manca/).\n"));
    add_story(fs, "bozza", StoryText().set("title", "\"Bozza\"").set("draft", "true"));
    auto run = [&](std::size_t expected_hits) {
      StoryCache cache(dir / "stories", false);
      DiagnosticBag diagnostics;
      LoadOptions options;
      options.cache = &cache;
      Site site = vetrina::load_content(fs, "content", options, diagnostics);
      REQUIRE(site.stories.size() == 1);
      CHECK(cache.hits() == expected_hits);
      const auto todo = cache.restore_bodies(site, fs);
      CHECK(todo == std::vector<std::size_t>{0});  // the body is rendered again every time
      vetrina::render_bodies(site, fs, todo, 1, diagnostics);
      REQUIRE(diagnostics.has_errors());
      std::unordered_set<std::string> failed;
      for (const auto& diagnostic : diagnostics.sorted()) {
        failed.insert(diagnostic.location.path);
      }
      cache.store_bodies(site, todo, failed);
      cache.save();
    };
    run(0);
    run(2);  // the story and the draft are decoded from the cache
    run(2);
  }

  TEST_CASE("a draft in the site (--drafts, the preview) keeps its rendered body") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "bozza", StoryText().set("draft", "true").body("Una *bozza*.\n"));
    auto run = [&](std::size_t expected_to_render) {
      StoryCache cache(dir / "stories", false);
      DiagnosticBag diagnostics;
      LoadOptions options;
      options.cache = &cache;
      options.include_drafts = true;
      Site site = vetrina::load_content(fs, "content", options, diagnostics);
      REQUIRE(site.stories.size() == 1);
      const auto todo = cache.restore_bodies(site, fs);
      CHECK(todo.size() == expected_to_render);
      vetrina::render_bodies(site, fs, todo, 1, diagnostics);
      REQUIRE_FALSE(diagnostics.has_errors());
      cache.store_bodies(site, todo, {});
      cache.save();
      CHECK(site.stories[0].body_html.str().find("<em>bozza</em>") != std::string::npos);
    };
    run(1);
    run(0);  // decoded and rendered from the cache
  }

  TEST_CASE("stories with diagnostics are not cached") {
    TempDir dir;
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().set("tittle", "\"x\""));
    StoryCache cache(dir / "stories", false);
    DiagnosticBag diagnostics;
    LoadOptions options;
    options.cache = &cache;
    vetrina::load_content(fs, "content", options, diagnostics);
    CHECK(diagnostics.has_errors());
    vetrina::load_content(fs, "content", options, diagnostics);
    CHECK(cache.hits() == 0);
    CHECK(cache.misses() == 2);
  }

  TEST_CASE("a failed build caches no body whose link it could not rewrite: alternating builds match clean ones") {
    // A build as builder.cpp's check_site runs it: load, restore, render,
    // store the bodies of stories without diagnostics, save.
    auto build = [](const util::MemoryFileSystem& fs, StoryCache* cache) {
      DiagnosticBag diagnostics;
      LoadOptions options;
      options.cache = cache;
      Site site = vetrina::load_content(fs, "content", options, diagnostics);
      std::vector<std::size_t> todo(site.stories.size());
      std::iota(todo.begin(), todo.end(), std::size_t{0});
      if (cache != nullptr) {
        todo = cache->restore_bodies(site, fs);
      }
      vetrina::render_bodies(site, fs, todo, 1, diagnostics);
      if (cache != nullptr) {
        std::unordered_set<std::string> failed;
        for (const auto& d : diagnostics.sorted()) {
          failed.insert(d.location.path);
        }
        cache->store_bodies(site, todo, failed);
        cache->save();
      }
      const Story* a = site.find_story("a");
      return std::make_pair(a == nullptr ? std::string() : a->body_html.str(), diagnostics.has_errors());
    };
    TempDir dir;
    auto good = tiny_site();
    add_story(good, "a", StoryText().body("Vedi [b](../b/).\n"));
    add_story(good, "b", StoryText().set("title", "\"B\""));
    auto broken = good;
    broken.add_file("content/stories/b/index.md", "---\ntitle: \"B\xff\"\n---\n");  // not UTF-8: b fails to load
    const std::string clean = build(good, nullptr).first;
    REQUIRE(clean.find("href=\"/esperienze/b/\"") != std::string::npos);
    for (int round = 0; round < 3; ++round) {
      {
        StoryCache cache(dir / "stories", false);
        const auto [body, failed] = build(good, &cache);
        CHECK_FALSE(failed);
        CHECK(body == clean);
      }
      StoryCache cache(dir / "stories", false);
      CHECK(build(broken, &cache).second);
    }
    StoryCache cache(dir / "stories", false);
    CHECK(build(good, &cache).first == clean);
  }
}
