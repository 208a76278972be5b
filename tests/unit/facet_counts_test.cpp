// Facet counts on random multi-valued documents against a brute-force count:
// the bitset counting of a local index (bitset_index.h) and the built-in spies
// used over a stub (remote shards) must both give, for every facet, the
// documents matching the text and every selection but the facet's own, each
// distinct value once per document.
#include <doctest/doctest.h>

#include <algorithm>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "search/index/schema.h"
#include "search/query/bitset_index.h"
#include "search/query/query.h"
#include "tests/search_test_support.h"
#include "tests/unit/test_support.h"

namespace vetrina::search {
namespace {

using Values = testing::FacetValues;

struct Corpus {
  std::vector<Values> values;
  std::vector<bool> has_word;
  std::vector<std::string> dates;
};

const std::vector<std::string> k_pool = {"a", "b", "c", "d", "e", "f"};

// A database in the layout of schema.h with random facet values (0 to 4 per
// facet, repeats in the input kept once as the indexer does), a word in two
// documents out of three, and dates newest first (with ties).
Corpus write_random_index(const std::string& dir, std::mt19937& random, int documents) {
  Corpus corpus;
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE);
  const std::string word = "Z" + Xapian::Stem("italian")("parola");
  std::array<std::size_t, k_facets.size()> slots{};
  int day = 28;
  for (int d = 0; d < documents; ++d) {
    Xapian::Document doc;
    Values values;
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      std::vector<std::string> distinct;
      for (auto n = random() % 5; n > 0; --n) {
        const std::string& id = k_pool[random() % k_pool.size()];
        doc.add_boolean_term(std::string(k_facets[f].prefix) + id);
        if (values[f].insert(id).second) {
          distinct.push_back(id);
        }
      }
      for (std::size_t i = 0; i < distinct.size(); ++i) {
        doc.add_value(facet_slot(f, i), distinct[i]);
      }
      slots[f] = std::max(slots[f], distinct.size());
    }
    corpus.has_word.push_back(random() % 3 != 0);
    if (corpus.has_word.back()) {
      doc.add_term(word);
    }
    if (random() % 3 == 0 && day > 1) {
      --day;
    }
    corpus.dates.push_back("202001" + std::string(day < 10 ? "0" : "") + std::to_string(day));
    doc.add_value(k_slot_date, corpus.dates.back());
    doc.set_data(R"({"u":"/esperienze/)" + std::to_string(d) + R"(/","t":"T","s":"S","y":"2019/2020","l":[]})" +
                 "\nparola");
    db.add_document(doc);
    corpus.values.push_back(values);
  }
  nlohmann::json facets = nlohmann::json::object();
  nlohmann::json slot_counts = nlohmann::json::object();
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    nlohmann::json terms = nlohmann::json::array();
    for (const auto& id : k_pool) {
      terms.push_back({{"id", id}, {"label", "L" + id}});
    }
    facets[k_facets[f].name] = terms;
    slot_counts[k_facets[f].name] = slots[f];
  }
  db.set_metadata("schema_version", std::to_string(k_schema_version));
  db.set_metadata("facets", facets.dump());
  db.set_metadata("facet_slots", slot_counts.dump());
  db.commit();
  return corpus;
}

std::map<std::string, std::size_t> counts_of(const std::vector<FacetCount>& facet) {
  std::map<std::string, std::size_t> out;
  for (const auto& value : facet) {
    if (value.count > 0) {
      out[value.id] = value.count;
    }
  }
  return out;
}

TEST_SUITE("facet counts") {
  TEST_CASE("local bitsets and stub spies equal a brute-force count on random multi-valued documents") {
    const test::TempDir dir;
    std::mt19937 random(20261123);
    const Corpus corpus = write_random_index(dir / "index", random, 500);
    {
      std::ofstream stub(dir / "stub");
      stub << "auto " << (dir / "index") << "\n";
    }
    Searcher local(dir / "index");
    Searcher stub(dir / "stub");

    int widened = 0;
    for (int round = 0; round < 150; ++round) {
      SearchRequest request;
      request.query = round % 2 == 1 ? "parola" : "";
      for (auto n = random() % 4; n > 0; --n) {
        auto& values = request.selected[random() % k_facets.size()];
        const std::string& id = k_pool[random() % k_pool.size()];
        if (std::find(values.begin(), values.end(), id) == values.end()) {
          values.push_back(id);
        }
      }
      std::size_t expected_total = 0;
      std::array<std::map<std::string, std::size_t>, k_facets.size()> expected;
      for (std::size_t d = 0; d < corpus.values.size(); ++d) {
        if (!request.query.empty() && !corpus.has_word[d]) {
          continue;
        }
        expected_total += testing::satisfies_selections(corpus.values[d], request, std::nullopt) ? 1U : 0U;
        for (std::size_t f = 0; f < k_facets.size(); ++f) {
          if (testing::satisfies_selections(corpus.values[d], request, f)) {
            for (const auto& id : corpus.values[d][f]) {
              ++expected[f][id];
            }
          }
        }
      }
      const SearchResult got_local = local.search(request);
      const SearchResult got_stub = stub.search(request);
      CAPTURE(round);
      CHECK(got_local.total == expected_total);
      CHECK(got_stub.total == expected_total);
      CHECK(testing::result_urls(got_local) == testing::result_urls(got_stub));
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        CAPTURE(k_facets[f].name);
        if (!request.selected[f].empty() && counts_of(got_local.facets[f]) != counts_of(got_stub.facets[f])) {
          FAIL("own selection removed: local and stub differ");
        }
        widened += request.selected[f].empty() ? 0 : 1;
        if (f == k_facet_anno) {
          continue;  // ids here are not school years: the facet lists what it counts, checked below
        }
        CHECK(counts_of(got_local.facets[f]) == expected[f]);
        CHECK(counts_of(got_stub.facets[f]) == expected[f]);
      }
    }
    CHECK(widened > 50);  // the own-selection-removed case was exercised
  }

  TEST_CASE("the empty query lists by document id exactly as Xapian sorts by date, ties included") {
    const test::TempDir dir;
    std::mt19937 random(7);
    const Corpus corpus = write_random_index(dir / "index", random, 300);
    CHECK(std::set<std::string>(corpus.dates.begin(), corpus.dates.end()).size() < corpus.dates.size());  // ties
    Searcher local(dir / "index");
    {
      const Xapian::Database db(dir / "index");
      CHECK(BitsetIndex(db, 0).ids_in_date_order());
    }
    {
      std::ofstream stub(dir / "stub");
      stub << "auto " << (dir / "index") << "\n";
    }
    Searcher sorted_by_xapian(dir / "stub");
    for (const int page : {1, 2, 7, 30, 31}) {
      SearchRequest request;
      request.page = page;
      CHECK(testing::result_urls(local.search(request)) == testing::result_urls(sorted_by_xapian.search(request)));
      request.selected[0] = {"a", "b"};
      CHECK(testing::result_urls(local.search(request)) == testing::result_urls(sorted_by_xapian.search(request)));
    }
  }

  TEST_CASE("ids out of date order are noticed (Xapian sorts then)") {
    const test::TempDir dir;
    {
      Xapian::WritableDatabase db(dir / "index", Xapian::DB_CREATE);
      for (const char* date : {"20200101", "20200301", "20200201"}) {
        Xapian::Document doc;
        doc.add_value(k_slot_date, date);
        db.add_document(doc);
      }
      Xapian::Document undated;
      db.add_document(undated);
      db.commit();
    }
    const Xapian::Database db(dir / "index");
    CHECK_FALSE(BitsetIndex(db, 0).ids_in_date_order());
  }

  TEST_CASE("a facet value's documents are read from its boolean term") {
    const test::TempDir dir;
    {
      Xapian::WritableDatabase db(dir / "index", Xapian::DB_CREATE);
      for (const auto& levels : std::vector<std::vector<std::string>>{{"primaria", "infanzia"}, {"primaria"}, {}}) {
        Xapian::Document doc;
        for (const auto& level : levels) {
          doc.add_boolean_term("XL" + level);
        }
        doc.add_boolean_term("XCdigitale");
        doc.add_value(k_slot_date, "20200101");
        db.add_document(doc);
      }
      db.commit();
    }
    const Xapian::Database db(dir / "index");
    BitsetIndex table(db, 0);
    REQUIRE(table.values(0).size() == 2);
    CHECK(table.values(0)[0].id == "infanzia");
    CHECK(table.values(0)[0].documents.count() == 1);
    CHECK(table.values(0)[1].id == "primaria");
    CHECK(table.values(0)[1].documents.count() == 2);
    CHECK(table.with_any(0, {"primaria", "infanzia"}).count() == 2);
    CHECK(table.values(1).size() == 1);
    CHECK(table.all().count() == 3);
    CHECK(table.ids_in_date_order());
  }

  TEST_CASE("frequent terms' documents are cached up to the capacity, least recently used out") {
    const test::TempDir dir;
    {
      Xapian::WritableDatabase db(dir / "index", Xapian::DB_CREATE);
      for (int d = 0; d < 200; ++d) {
        Xapian::Document doc;
        for (const char* word : {"uno", "due", "tre"}) {
          if (d % 2 == 0 || word[0] == 'u') {
            doc.add_term(word);
          }
        }
        if (d == 0) {
          doc.add_term("raro");  // in 1 document of 200: under 1/64, read every time
        }
        db.add_document(doc);
      }
      db.commit();
    }
    const Xapian::Database db(dir / "index");
    BitsetIndex index(db, 2);
    CHECK(index.documents_with(db, "raro") == documents_with_term(db, "raro"));
    CHECK(index.cached_terms() == 0);
    CHECK(index.documents_with(db, "uno") == documents_with_term(db, "uno"));
    CHECK(index.documents_with(db, "due") == documents_with_term(db, "due"));
    CHECK(index.documents_with(db, "uno").count() == 200);  // from the cache, now most recent
    CHECK(index.cached_terms() == 2);
    CHECK(index.documents_with(db, "tre") == documents_with_term(db, "tre"));  // "due" goes out
    CHECK(index.cached_terms() == 2);
    CHECK(index.documents_with(db, "due").count() == 100);
    CHECK(BitsetIndex(db, 0).documents_with(db, "uno").count() == 200);  // no cache at all
  }

  TEST_CASE("threads that open the same snapshot share one bitset index; a new revision gets its own") {
    const test::TempDir dir;
    {
      Xapian::WritableDatabase db(dir / "index", Xapian::DB_CREATE);
      db.add_document(Xapian::Document());
      db.commit();
    }
    const Xapian::Database first(dir / "index");
    const Xapian::Database second(dir / "index");
    const auto shared = BitsetIndex::of(first);
    CHECK(BitsetIndex::of(second) == shared);
    {
      Xapian::WritableDatabase db(dir / "index", Xapian::DB_OPEN);
      db.add_document(Xapian::Document());
      db.commit();
    }
    const Xapian::Database newer(dir / "index");
    const auto renewed = BitsetIndex::of(newer);
    CHECK(renewed != shared);
    CHECK(renewed->all().count() == 2);
    CHECK(shared->all().count() == 1);
  }
}

}  // namespace
}  // namespace vetrina::search
