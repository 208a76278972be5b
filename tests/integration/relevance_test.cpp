// Search relevance over judged queries (tests/relevance/queries.tsv): for
// each query, the stories a reader judged relevant must come first. Reports
// precision at 3 and recall over the set (the numbers in docs/search.md) and
// fails when they fall below the floors recorded there.
//
// precision@3 of a query = relevant stories among the first 3 results /
//   min(3, number of relevant stories)  (1.0 = the first places are right);
// recall of a query = relevant stories among the first page (10 results) /
//   number of relevant stories.
// Set VETRINA_RELEVANCE_REPORT=1 to print every query's line.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "search/query/query.h"
#include "tests/integration/relevance_fixture.h"
#include "tests/integration/search_fixture.h"

namespace vetrina::search {
namespace {

using testing::TempDir;

struct Judged {
  std::string site;
  std::string kind;
  std::string query;
  std::vector<std::string> expected;
  int line = 0;
};

std::vector<Judged> read_judged() {
  std::ifstream in(std::string(VETRINA_SOURCE_DIR) + "/tests/relevance/queries.tsv");
  REQUIRE(in);
  std::vector<Judged> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::vector<std::string> fields;
    std::istringstream columns(line);
    for (std::string field; std::getline(columns, field, '\t');) {
      fields.push_back(field);
    }
    REQUIRE_MESSAGE(fields.size() == 4, "queries.tsv:" << number << ": four tab-separated columns");
    Judged judged{fields[0], fields[1], fields[2], {}, number};
    std::istringstream slugs(fields[3]);
    for (std::string slug; slugs >> slug;) {
      judged.expected.push_back("/esperienze/" + slug + "/");
    }
    REQUIRE(!judged.expected.empty());
    out.push_back(std::move(judged));
  }
  return out;
}

struct Score {
  double precision = 0;
  double recall = 0;
  int queries = 0;
};

TEST_SUITE("search relevance") {
  TEST_CASE("judged queries: precision at 3 and recall") {
    const auto judged = read_judged();
    REQUIRE(judged.size() >= 40);
    const Site real = testing::load_real_site();
    const Site fixture = testing::relevance_fixture_site(real);
    const TempDir dir;
    write_index(real, dir.sub("real"), 2);
    write_index(fixture, dir.sub("fixture"), 2);
    Searcher real_searcher(dir.sub("real"));
    Searcher fixture_searcher(dir.sub("fixture"));
    // Every judged story exists (a renamed story must not silently lower the score).
    for (const auto& j : judged) {
      const Site& site = j.site == "real" ? real : fixture;
      for (const auto& url : j.expected) {
        bool found = false;
        for (const auto& story : site.stories) {
          found = found || story.url() == url;
        }
        CHECK_MESSAGE(found, "queries.tsv:" << j.line << ": no story " << url);
      }
    }

    const bool report = std::getenv("VETRINA_RELEVANCE_REPORT") != nullptr;
    std::map<std::string, Score> by_kind;
    Score all;
    for (const auto& j : judged) {
      Searcher& searcher = j.site == "real" ? real_searcher : fixture_searcher;
      SearchRequest request;
      request.query = j.query;
      const SearchResult result = searcher.search(request);
      std::size_t top3 = 0;
      std::size_t page = 0;
      for (std::size_t i = 0; i < result.hits.size(); ++i) {
        const bool relevant = std::find(j.expected.begin(), j.expected.end(), result.hits[i].url) != j.expected.end();
        top3 += relevant && i < 3 ? 1 : 0;
        page += relevant ? 1 : 0;
      }
      const double precision =
          static_cast<double>(top3) / static_cast<double>(std::min<std::size_t>(3, j.expected.size()));
      const double recall = static_cast<double>(page) / static_cast<double>(j.expected.size());
      for (Score* score : {&by_kind[j.kind], &all}) {
        score->precision += precision;
        score->recall += recall;
        ++score->queries;
      }
      if (report) {
        std::cout << std::fixed << std::setprecision(2) << j.site << "\t" << j.kind << "\t" << j.query << "\tP@3 "
                  << precision << "\tR " << recall << "\ttotal " << result.total << "\n";
      }
    }
    std::ostringstream summary;
    summary << std::fixed << std::setprecision(3);
    for (const auto& [kind, score] : by_kind) {
      summary << kind << " (" << score.queries << "): P@3 " << score.precision / score.queries << ", recall "
              << score.recall / score.queries << "\n";
    }
    const double precision = all.precision / all.queries;
    const double recall = all.recall / all.queries;
    summary << "all (" << all.queries << "): P@3 " << precision << ", recall " << recall << "\n";
    std::cout << summary.str();
    MESSAGE(summary.str());
    // Floors: the AFTER numbers of docs/search.md, rounded down.
    CHECK(precision >= 0.90);
    CHECK(recall >= 0.95);
  }
}

}  // namespace
}  // namespace vetrina::search
