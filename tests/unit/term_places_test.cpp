#include "generator/render/term_places.h"

#include <doctest/doctest.h>

#include <vector>

#include "tests/unit/test_support.h"

namespace vetrina {
namespace {

std::vector<std::uint32_t> places(const TermPlaces& all, std::size_t story, TaxonomyId id) {
  const auto span = all.of(story, id);
  return {span.begin(), span.end()};
}

TEST_SUITE("term places") {
  TEST_CASE("each story's terms as their places in the taxonomy, once each, in the story's order") {
    auto fs = test::tiny_site();
    test::add_story(fs, "a", test::StoryText().set("levels", "[secondaria-1, primaria]"));
    test::add_story(fs, "b", test::StoryText().set("levels", "[infanzia]").set("date", "2015-01-01"));
    Site site = test::load_clean(fs);
    const Taxonomy& levels = site.taxonomy(TaxonomyId::livello);
    auto place = [&levels](const std::string& id) { return static_cast<std::uint32_t>(levels.term_index.at(id)); };
    auto& a_levels = site.stories[site.story_index.at("a")].terms[static_cast<std::size_t>(TaxonomyId::livello)];
    a_levels.push_back({"primaria", {}});     // repeated: counted once
    a_levels.push_back({"sconosciuto", {}});  // not in the taxonomy: left out
    const TermPlaces all(site);
    const std::size_t a = site.story_index.at("a");
    const std::size_t b = site.story_index.at("b");
    CHECK(places(all, a, TaxonomyId::livello) == std::vector<std::uint32_t>{place("secondaria-1"), place("primaria")});
    CHECK(places(all, b, TaxonomyId::livello) == std::vector<std::uint32_t>{place("infanzia")});
    CHECK(places(all, b, TaxonomyId::tema).empty());
  }
}

}  // namespace
}  // namespace vetrina
