// The ranked page's candidates (search/query/page_candidates.h) against
// Xapian's own ranking: on random documents (words with random wdf, some
// over the byte kept in memory, random lengths, dates with ties), for random
// queries in the planner's shape (exact forms boosted, stems, a prefix
// synonym scaled down; words AND-ed or OR-ed), Xapian's first pages over the
// candidates are exactly its first pages over every match.
#include <doctest/doctest.h>

#include <random>

#include "search/index/schema.h"
#include "search/query/bitset_index.h"
#include "search/query/page_candidates.h"
#include "tests/unit/test_support.h"

namespace vetrina::search {
namespace {

constexpr unsigned k_vocabulary = 12;

std::string word(unsigned i) {
  return "w" + std::to_string(i);
}

// A number in [0, n).
unsigned below(std::mt19937& random, unsigned n) {
  return static_cast<unsigned>(random() % n);
}

// Dates: random, or (`dated`) never later for a larger id, with ties, as
// `vetrina build` writes them (BitsetIndex::ids_in_date_order).
void write_index(const std::string& dir, std::mt19937& random, int documents, bool dated = false) {
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE);
  for (int d = 0; d < documents; ++d) {
    Xapian::Document doc;
    for (unsigned w = 0; w < k_vocabulary; ++w) {
      // Word w is in about (w + 2) / (k_vocabulary + 2) of the documents.
      if (below(random, k_vocabulary + 2) < w + 2) {
        const Xapian::termcount wdf = below(random, 20) == 0 ? 250 + below(random, 30) : 1 + below(random, 6);
        doc.add_term(word(w), wdf);  // some over 254: saturated in the byte kept
      }
    }
    doc.add_term("filler", 1 + below(random, 400));  // varied document lengths
    doc.add_value(k_slot_date,
                  dated ? std::to_string(20300000 - d / 3) : "2020010" + std::to_string(1 + below(random, 3)));
    db.add_document(doc);
  }
  db.commit();
}

struct RandomQuery {
  Xapian::Query query;
  std::vector<WeightedLeaf> leaves;
};

// One to three words, each: exact form (x2) OR stem, plus, for the last one
// sometimes, a synonym of other words scaled by 0.5; AND-ed or OR-ed.
RandomQuery random_query(std::mt19937& random) {
  RandomQuery out;
  std::vector<unsigned> pool(k_vocabulary);
  for (unsigned i = 0; i < k_vocabulary; ++i) {
    pool[i] = i;
  }
  std::shuffle(pool.begin(), pool.end(), random);
  std::size_t next = 0;
  const unsigned words = 1 + below(random, 3);
  std::vector<Xapian::Query> word_queries;
  for (unsigned w = 0; w < words; ++w) {
    std::vector<Xapian::Query> parts;
    if (below(random, 4) != 0) {
      const std::string term = word(pool[next++]);
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 2.0);
      out.leaves.push_back({{term}, 2.0, false});
    }
    const std::string stem = word(pool[next++]);
    parts.emplace_back(stem);
    out.leaves.push_back({{stem}, 1.0, false});
    if (w + 1 == words && below(random, 2) == 0) {
      WeightedLeaf leaf{{}, 0.5, true};
      std::vector<Xapian::Query> expansions;
      for (unsigned n = 1 + below(random, 3); n > 0 && next < pool.size(); --n) {
        leaf.terms.push_back(word(pool[next++]));
        expansions.emplace_back(leaf.terms.back());
      }
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         Xapian::Query(Xapian::Query::OP_SYNONYM, expansions.begin(), expansions.end()), 0.5);
      out.leaves.push_back(leaf);
    }
    word_queries.emplace_back(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }
  const auto op = below(random, 2) == 0 ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
  out.query = Xapian::Query(op, word_queries.begin(), word_queries.end());
  return out;
}

std::vector<Xapian::docid> ranked(const Xapian::Database& db, const Xapian::Query& query, const DocSet& within,
                                  Xapian::doccount first, Xapian::doccount size) {
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocSetSource(within))->release())));
  enquire.set_sort_by_relevance_then_value(k_slot_date, true);
  const Xapian::MSet mset = enquire.get_mset(first, size);
  return {mset.begin(), mset.end()};
}

// A random query over `bitsets`, with its matches and the readers the
// functions under test take.
struct Run {
  Run(const Xapian::Database& db, BitsetIndex& bitsets, std::mt19937& random)
      : query(random_query(random)),
        matches(matching_documents(db, query.query, bitsets.all(),
                                   [&](const std::string& term) { return bitsets.documents_with(db, term); })),
        postings([&db, &bitsets](const std::string& term) { return bitsets.postings(db, term); }),
        length([&bitsets](Xapian::docid id) { return bitsets.length(id); }) {}
  RandomQuery query;
  DocSet matches;
  PostingsReader postings;
  LengthReader length;
};

TEST_SUITE("page candidates") {
  TEST_CASE("Xapian ranks the candidates' first pages exactly as every match's") {
    std::mt19937 random(20261206);
    const test::TempDir dir;
    write_index(dir / "db", random, 1500);
    const Xapian::Database db(dir / "db");
    // Cached terms have their wdf in dense bytes (saturated over 254);
    // without a cache, every term is read as sparse (id, wdf) pairs.
    BitsetIndex cached(db, 256);
    BitsetIndex uncached(db, 0);
    BoundsScratch scratch;
    std::size_t narrowed = 0;
    for (int q = 0; q < 200; ++q) {
      const Run run(db, q % 2 == 0 ? cached : uncached, random);
      const RandomQuery& query = run.query;
      const DocSet& matches = run.matches;
      const PostingsReader& postings = run.postings;
      const LengthReader& length = run.length;
      for (const Xapian::doccount first : {0U, 10U, 40U}) {
        const auto candidates = page_candidates(db, query.leaves, matches, first + 10, postings, length, scratch);
        REQUIRE(candidates.has_value());
        CHECK(candidates->count() <= matches.count());
        CHECK(ranked(db, query.query, *candidates, first, 10) == ranked(db, query.query, matches, first, 10));
        narrowed += candidates->count() < matches.count() / 4 ? 1U : 0U;
        // What the searcher asks, ids not in date order: the same candidates.
        const PagePlan planned = plan_page(db, query.leaves, matches, first + 10, false, postings, length, scratch);
        CHECK_FALSE(planned.page.has_value());
        CHECK(planned.candidates == candidates);
      }
    }
    CHECK(narrowed > 300);  // the point: far fewer documents for Xapian to rank
  }

  TEST_CASE("the exact page is Xapian's own ranking, synonyms included") {
    std::mt19937 random(20261207);
    const test::TempDir dir;
    write_index(dir / "db", random, 1500, true);
    const Xapian::Database db(dir / "db");
    BitsetIndex cached(db, 256);
    BitsetIndex uncached(db, 0);
    BoundsScratch scratch;
    REQUIRE(cached.ids_in_date_order());
    std::size_t exact = 0;
    std::size_t synonyms = 0;
    std::size_t refused = 0;
    for (int q = 0; q < 300; ++q) {
      const Run run(db, q % 2 == 0 ? cached : uncached, random);
      const RandomQuery& query = run.query;
      const DocSet& matches = run.matches;
      const PostingsReader& postings = run.postings;
      const LengthReader& length = run.length;
      const auto page = exact_page(db, query.leaves, matches, 50, postings, length, scratch);
      // What the searcher asks: the same page, else candidates Xapian ranks alike.
      const PagePlan planned = plan_page(db, query.leaves, matches, 50, true, postings, length, scratch);
      CHECK(planned.page == page);
      if (!page) {
        REQUIRE(planned.candidates.has_value());
        CHECK(ranked(db, query.query, *planned.candidates, 0, 50) == ranked(db, query.query, matches, 0, 50));
      }
      if (!page) {
        ++refused;  // a saturated wdf among the matches, in the cached bytes
        continue;
      }
      ++exact;
      synonyms += query.leaves.back().synonym ? 1U : 0U;
      CHECK(page->size() == std::min<std::size_t>(50, matches.count()));
      CHECK(*page == ranked(db, query.query, matches, 0, 50));
    }
    CHECK(exact > 100);
    CHECK(synonyms > 30);
    CHECK(refused > 10);  // the cached half meets saturated bytes
  }

  TEST_CASE("a synonym's termfreq is Xapian's estimate") {
    CHECK(synonym_termfreq({}, 100) == 0);
    CHECK(synonym_termfreq({40}, 100) == 40);
    // The two smallest first: 20 + 30 - 6 = 44, then 44 + 40 - 17.6 = 66.4.
    CHECK(synonym_termfreq({40, 20, 30}, 100) == 66);
    CHECK(synonym_termfreq({30, 40, 20}, 100) == 66);
    // 4 + 1 - 0.4 = 4.6 -> 5, then 5 + 4 - 2 = 7; joined in the given order it would be 6.
    CHECK(synonym_termfreq({4, 4, 1}, 10) == 7);
  }

  TEST_CASE("ties: the same parts go by id; parts that only sum alike are left to Xapian") {
    const test::TempDir dir;
    {
      Xapian::WritableDatabase db(dir / "db", Xapian::DB_CREATE);
      for (int d = 0; d < 60; ++d) {
        Xapian::Document doc;
        // Two words of the same termfreq; their wdf swapped from one
        // document to the next, the length the same: equal weights.
        const bool swapped = d % 2 == 1;
        doc.add_term("a", swapped ? 3 : 1);
        doc.add_term("b", swapped ? 1 : 3);
        doc.add_term("c", 2);  // the same in every document
        doc.add_term("filler", 10);
        doc.add_value(k_slot_date, std::to_string(20300000 - d));
        db.add_document(doc);
      }
      for (int d = 0; d < 60; ++d) {
        Xapian::Document doc;  // documents without the words: the termfreqs stay below the collection
        doc.add_term("filler", 1);
        doc.add_value(k_slot_date, "20000101");
        db.add_document(doc);
      }
      db.commit();
    }
    const Xapian::Database db(dir / "db");
    BitsetIndex bitsets(db, 256);
    REQUIRE(bitsets.ids_in_date_order());
    BoundsScratch scratch;
    const PostingsReader postings = [&](const std::string& term) { return bitsets.postings(db, term); };
    const LengthReader length = [&](Xapian::docid id) { return bitsets.length(id); };
    auto check = [&](const std::vector<std::string>& words) {
      std::vector<WeightedLeaf> leaves;
      std::vector<Xapian::Query> parts;
      for (const auto& w : words) {
        leaves.push_back({{w}, 1.0, false});
        parts.emplace_back(w);
      }
      const Xapian::Query query(Xapian::Query::OP_AND, parts.begin(), parts.end());
      const DocSet matches = matching_documents(
          db, query, bitsets.all(), [&](const std::string& term) { return bitsets.documents_with(db, term); });
      const auto page = exact_page(db, leaves, matches, 10, postings, length, scratch);
      if (page) {
        CHECK(*page == ranked(db, query, matches, 0, 10));
      }
      return page.has_value();
    };
    CHECK(check({"c"}));  // every part the same: a page, by id (newest first)
    check({"a", "b"});    // equal sums of other parts: a page only if it is Xapian's
  }

  TEST_CASE("a term in two leaves is not bounded (Xapian may weigh it once)") {
    const test::TempDir dir;
    std::mt19937 random(7);
    write_index(dir / "db", random, 50);
    const Xapian::Database db(dir / "db");
    BitsetIndex bitsets(db, 256);
    const std::vector<WeightedLeaf> leaves = {{{"w1"}, 2.0, false}, {{"w2", "w1"}, 0.5, true}};
    BoundsScratch scratch;
    CHECK_FALSE(page_candidates(
                    db, leaves, bitsets.all(), 10, [&](const std::string& term) { return bitsets.postings(db, term); },
                    [&](Xapian::docid id) { return bitsets.length(id); }, scratch)
                    .has_value());
  }
}

}  // namespace
}  // namespace vetrina::search
