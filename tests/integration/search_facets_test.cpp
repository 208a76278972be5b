// Facet counts against a brute-force count over the model: for every facet
// value, the number of stories that match the text query and every selected
// filter except the facet's own, with multi-valued fields counted per story.
#include <doctest/doctest.h>

#include <algorithm>

#include <map>
#include <random>
#include <set>

#include "search/index/schema.h"
#include "search/query/query.h"
#include "tests/integration/search_fixture.h"
#include "tests/search_test_support.h"

namespace vetrina::search {
namespace {

using testing::TempDir;

std::array<std::set<std::string>, k_facets.size()> story_values(const Story& story) {
  std::array<std::set<std::string>, k_facets.size()> values;
  auto add = [&](std::size_t f, TaxonomyId id) {
    for (const auto& term : story.terms_of(id)) {
      values[f].insert(term.value);
    }
  };
  add(0, TaxonomyId::livello);
  add(1, TaxonomyId::competenza);
  add(2, TaxonomyId::disciplina);
  if (!story.school_year.value.empty()) {  // a sourced story may not document its school year
    values[3].insert(school_year_id(story.school_year.value));
  }
  add(4, TaxonomyId::paese);
  add(5, TaxonomyId::regione);
  add(6, TaxonomyId::tipo);
  add(7, TaxonomyId::premio);
  return values;
}

// Every story URL the text query matches (no filters), by paging.
std::set<std::string> text_matches(Searcher& searcher, const std::string& text) {
  std::set<std::string> urls;
  SearchRequest request;
  request.query = text;
  for (int page = 1;; ++page) {
    request.page = page;
    const SearchResult result = searcher.search(request);
    for (const auto& hit : result.hits) {
      urls.insert(hit.url);
    }
    if (result.hits.size() < static_cast<std::size_t>(k_results_per_page)) {
      break;
    }
  }
  return urls;
}

TEST_SUITE("search facets") {
  TEST_CASE("facet counts equal a brute-force count for random queries and filters") {
    const Site site = testing::load_real_site();
    REQUIRE(site.stories.size() >= 12);
    const TempDir dir;
    write_index(site, dir.sub("index"), 2);
    Searcher searcher(dir.sub("index"));

    std::vector<std::array<std::set<std::string>, k_facets.size()>> values;
    std::array<std::set<std::string>, k_facets.size()> present;
    for (const auto& story : site.stories) {
      values.push_back(story_values(story));
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        present[f].insert(values.back()[f].begin(), values.back()[f].end());
      }
    }
    // The award facet is exercised: the real site has prizes and Quality Labels.
    CHECK(present[7].count("premio-nazionale") == 1);
    CHECK(present[7].count("label-nazionale") == 1);

    std::mt19937 random(20261122);
    int checked = 0;
    for (const std::string text : {"", "scuola", "lingue", "progetto europeo"}) {
      const std::set<std::string> text_urls = text_matches(searcher, text);
      if (text.empty()) {
        CHECK(text_urls.size() == site.stories.size());
      }
      for (int round = 0; round < 25; ++round) {
        SearchRequest request;
        request.query = text;
        const int facet_count = static_cast<int>(random() % 4);
        for (int k = 0; k < facet_count; ++k) {
          const std::size_t f = random() % k_facets.size();
          const std::vector<std::string> pool(present[f].begin(), present[f].end());
          const std::size_t picks = 1 + random() % 2;
          for (std::size_t p = 0; p < picks; ++p) {
            const std::string& id = pool[random() % pool.size()];
            if (std::find(request.selected[f].begin(), request.selected[f].end(), id) == request.selected[f].end()) {
              request.selected[f].push_back(id);
            }
          }
        }
        const SearchResult result = searcher.search(request);

        std::size_t expected_total = 0;
        std::array<std::map<std::string, std::size_t>, k_facets.size()> expected;
        for (std::size_t i = 0; i < site.stories.size(); ++i) {
          if (text_urls.count(site.stories[i].url()) == 0) {
            continue;
          }
          if (testing::satisfies_selections(values[i], request, std::nullopt)) {
            ++expected_total;
          }
          for (std::size_t f = 0; f < k_facets.size(); ++f) {
            if (testing::satisfies_selections(values[i], request, f)) {
              for (const auto& id : values[i][f]) {
                ++expected[f][id];
              }
            }
          }
        }
        CAPTURE(text);
        CAPTURE(round);
        CHECK(result.total == expected_total);
        for (std::size_t f = 0; f < k_facets.size(); ++f) {
          std::map<std::string, std::size_t> got;
          for (const auto& value : result.facets[f]) {
            if (value.count > 0) {
              got[value.id] = value.count;
            }
          }
          CAPTURE(k_facets[f].name);
          CHECK(got == expected[f]);
        }
        ++checked;
      }
    }
    CHECK(checked == 100);
  }

  TEST_CASE("a multi-valued facet counts a story once for each of its values") {
    const Site site = testing::load_real_site();
    const TempDir dir;
    write_index(site, dir.sub("index"), 1);
    Searcher searcher(dir.sub("index"));
    const SearchResult result = searcher.search(SearchRequest{});
    std::size_t level_sum = 0;
    std::size_t level_assignments = 0;
    for (const auto& value : result.facets[0]) {
      level_sum += value.count;
    }
    for (const auto& story : site.stories) {
      level_assignments += story.terms_of(TaxonomyId::livello).size();
    }
    CHECK(level_sum == level_assignments);
    CHECK(level_sum > site.stories.size());  // the real content has stories with several levels
  }

  TEST_CASE("a title with a word longer than Xapian's term limit is indexed, not a 'Key too long' failure") {
    Site site = testing::load_real_site();
    site.stories[0].title.value = "Orto " + std::string(255, 'a') + " condiviso";
    const TempDir dir;
    CHECK_NOTHROW(write_index(site, dir.sub("index"), 1));
    CHECK_NOTHROW(update_index(site, dir.sub("index"), {0}, {}));
    Searcher searcher(dir.sub("index"));
    SearchRequest request;
    request.query = "condiviso";
    CHECK(searcher.search(request).total >= 1);
  }

  TEST_CASE("an index updated in place (serve --watch) keeps its spelling data in step with the titles") {
    Site site = testing::load_real_site();
    const TempDir dir;
    write_index(site, dir.sub("index"), 1);
    SearchRequest misspelt;
    misspelt.query = "zanzarera";

    site.stories[0].title.value = "Zanzariera";
    REQUIRE(update_index(site, dir.sub("index"), {0}, {}));
    {
      Searcher searcher(dir.sub("index"));
      // The word matches nothing: it is searched as its correction, and said so.
      const SearchResult result = searcher.search(misspelt);
      CHECK(result.corrected_query == std::optional<std::string>("zanzariera"));
      CHECK(result.total == 1);
    }

    // The old title's words leave the spelling data with the replaced document.
    site.stories[0].title.value = "Orto condiviso";
    REQUIRE(update_index(site, dir.sub("index"), {0}, {}));
    Searcher searcher(dir.sub("index"));
    const SearchResult result = searcher.search(misspelt);
    CHECK(result.corrected_query != std::optional<std::string>("zanzariera"));
    CHECK(result.suggestion != std::optional<std::string>("zanzariera"));
  }
}

}  // namespace
}  // namespace vetrina::search
