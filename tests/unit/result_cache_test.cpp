// The service's cache of recent results (search/result_cache.h): a result
// comes back only for the same snapshot and the very same request.
#include <doctest/doctest.h>

#include "search/query/result_cache.h"

namespace vetrina::search {
namespace {

std::shared_ptr<const SearchResult> result_with_total(std::size_t total) {
  auto result = std::make_shared<SearchResult>();
  result->total = total;
  return result;
}

TEST_SUITE("result cache") {
  TEST_CASE("every field of a request makes a different key") {
    SearchRequest base;
    base.query = "orto";
    base.selected[0] = {"primaria"};
    std::vector<SearchRequest> variants(6, base);
    variants[0].query = "orto ";
    variants[1].page = 2;
    variants[2].sort_recent = true;
    variants[3].selected[0] = {"primaria", "infanzia"};
    variants[4].selected[0].clear();
    variants[4].selected[1] = {"primaria"};  // the same id under another facet
    variants[5].query = "orto\x1e";
    for (const auto& variant : variants) {
      CHECK(request_key(variant) != request_key(base));
    }
    SearchRequest same = base;
    CHECK(request_key(same) == request_key(base));
    // A query holding what looks like the next fields cannot pose as them.
    SearchRequest tricky;
    tricky.query = "a";
    tricky.page = 11;
    SearchRequest posing;
    posing.query = std::string("a") + std::to_string(1);
    posing.page = 1;
    CHECK(request_key(tricky) != request_key(posing));
  }

  TEST_CASE("a result is found for its snapshot and request only, least recently used out") {
    ResultCache cache(2);
    SearchRequest a;
    a.query = "a";
    SearchRequest b;
    b.query = "b";
    SearchRequest c;
    c.query = "c";
    CHECK(cache.find("snap1", a) == nullptr);
    cache.insert("snap1", a, result_with_total(1));
    cache.insert("snap1", b, result_with_total(2));
    REQUIRE(cache.find("snap1", a) != nullptr);
    CHECK(cache.find("snap1", a)->total == 1);
    CHECK(cache.find("snap2", a) == nullptr);        // another index: never the old answer
    cache.insert("snap1", c, result_with_total(3));  // b is the least recently used
    CHECK(cache.find("snap1", b) == nullptr);
    CHECK(cache.find("snap1", c)->total == 3);
    CHECK(cache.find("snap1", a)->total == 1);
    CHECK(cache.size() == 2);
    cache.insert("snap1", a, result_with_total(10));  // replaced, not duplicated
    CHECK(cache.find("snap1", a)->total == 10);
    CHECK(cache.size() == 2);
    ResultCache off(0);
    off.insert("snap1", a, result_with_total(1));
    CHECK(off.find("snap1", a) == nullptr);
  }
}

}  // namespace
}  // namespace vetrina::search
