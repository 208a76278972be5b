// A compromised index (docs/security.md): result addresses that are not paths
// of the site ("javascript:", "//host") never reach a result; a bad cover is
// dropped, a bad result address fails the search loudly.
#include <doctest/doctest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include "search/index/schema.h"
#include "search/query/query.h"
#include "tests/integration/search_fixture.h"

namespace vetrina::search {
namespace {

using testing::TempDir;

// Rewrites field `key` of the first document's data to `value`.
void tamper(const std::string& index, const std::string& key, const std::string& value) {
  Xapian::WritableDatabase db(index, Xapian::DB_OPEN);
  Xapian::Document document = db.get_document(1);
  const std::string data = document.get_data();
  nlohmann::json fields = nlohmann::json::parse(document_json(data));
  fields[key] = value;
  document.set_data(fields.dump() + data.substr(document_json(data).size()));
  db.replace_document(1, document);
  db.commit();
}

TEST_SUITE("compromised index") {
  TEST_CASE("a result address or cover that is not a path of the site never reaches a result") {
    const Site site = testing::subset(testing::load_real_site(), [](std::size_t i) { return i < 4; });
    const TempDir dir;
    const std::string index = dir.sub("index");
    write_index(site, index, 1);
    SearchRequest all;
    {
      Searcher searcher(index);
      const SearchResult result = searcher.search(all);
      REQUIRE(result.hits.size() == 4);
    }
    tamper(index, "c", "javascript:alert(1)");
    {
      Searcher searcher(index, 0);
      const SearchResult result = searcher.search(all);
      REQUIRE(result.hits.size() == 4);
      for (const auto& hit : result.hits) {
        CHECK(hit.cover.find("javascript") == std::string::npos);
      }
    }
    for (const char* url : {"javascript:alert(1)", "//evil.example/", "https://evil.example/", "/\\evil.example"}) {
      CAPTURE(url);
      tamper(index, "u", url);
      Searcher searcher(index, 0);
      CHECK_THROWS_WITH(searcher.search(all), doctest::Contains("not a path of the site"));
    }
  }
}

}  // namespace
}  // namespace vetrina::search
