// Document bitsets (search/doc_set.h): set operations, and the documents a
// query matches computed from posting lists, compared with Xapian's own
// Enquire on random documents.
#include <doctest/doctest.h>

#include <random>

#include "search/query/doc_set.h"

namespace vetrina::search {
namespace {

DocSet of(std::initializer_list<Xapian::docid> ids) {
  DocSet set;
  for (const auto id : ids) {
    set.insert(id);
  }
  return set;
}

DocSet by_enquire(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  DocSet set(db.get_lastdocid());
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    set.insert(*it);
  }
  return set;
}

TEST_SUITE("doc set") {
  TEST_CASE("common counts agree with the members, whatever the sizes (vector and word-by-word paths)") {
    std::mt19937 random(42);
    for (const Xapian::docid last : {10U, 511U, 512U, 575U, 4000U, 100000U}) {
      DocSet a(last);
      DocSet b(last / 2 + 1);  // of another length: only the common words count
      std::size_t expected = 0;
      for (Xapian::docid id = 1; id <= last; ++id) {
        const bool in_a = random() % 3 == 0;
        const bool in_b = id <= last / 2 + 1 && random() % 2 == 0;
        if (in_a) {
          a.insert(id);
        }
        if (in_b) {
          b.insert(id);
        }
        expected += in_a && in_b ? 1U : 0U;
      }
      CAPTURE(last);
      CHECK(a.count_common(b) == expected);
      CHECK(b.count_common(a) == expected);
    }
  }

  TEST_CASE("set operations and counts") {
    DocSet a = of({1, 5, 64, 65, 200});
    const DocSet b = of({5, 65, 300});
    CHECK(a.count() == 5);
    CHECK(a.count_common(b) == 2);
    CHECK(a.contains(64));
    CHECK_FALSE(a.contains(63));
    CHECK_FALSE(a.contains(100000));
    DocSet both = a;
    both &= b;
    CHECK(both == of({5, 65}));
    DocSet either = a;
    either |= b;
    CHECK(either == of({1, 5, 64, 65, 200, 300}));
    DocSet odd = a;
    odd ^= b;
    CHECK(odd == of({1, 64, 200, 300}));
    a.subtract(b);
    CHECK(a == of({1, 64, 200}));
  }

  TEST_CASE("members are listed in order, from any offset, across words") {
    const DocSet set = of({3, 63, 64, 127, 128, 500});
    CHECK(set.members(0, 10) == std::vector<Xapian::docid>{3, 63, 64, 127, 128, 500});
    CHECK(set.members(2, 2) == std::vector<Xapian::docid>{64, 127});
    CHECK(set.members(5, 10) == std::vector<Xapian::docid>{500});
    CHECK(set.members(6, 10).empty());
    CHECK(DocSet(1000).members(0, 10).empty());
  }

  TEST_CASE("the first member from an id") {
    const DocSet set = of({3, 64, 200});
    CHECK(set.first_from(0) == 3);
    CHECK(set.first_from(3) == 3);
    CHECK(set.first_from(4) == 64);
    CHECK(set.first_from(65) == 200);
    CHECK(set.first_from(201) == 0);
    CHECK(set.first_from(100000) == 0);
  }

  TEST_CASE("a document set filters a Xapian query as a posting source, weights unchanged") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int d = 1; d <= 200; ++d) {
      Xapian::Document doc;
      for (int k = 0; k < d % 5; ++k) {
        doc.add_term("parola");
      }
      db.add_document(doc);
    }
    const DocSet kept = of({2, 3, 64, 65, 66, 130, 199, 200});
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("parola"),
                                    Xapian::Query((new DocSetSource(kept))->release())));
    const Xapian::MSet filtered = enquire.get_mset(0, 100);
    enquire.set_query(Xapian::Query("parola"));
    const Xapian::MSet all = enquire.get_mset(0, 200);
    std::vector<std::pair<Xapian::docid, double>> expected;
    for (auto it = all.begin(); it != all.end(); ++it) {
      if (kept.contains(*it)) {
        expected.emplace_back(*it, it.get_weight());
      }
    }
    std::vector<std::pair<Xapian::docid, double>> got;
    for (auto it = filtered.begin(); it != filtered.end(); ++it) {
      got.emplace_back(*it, it.get_weight());
    }
    CHECK(got == expected);
    CHECK(got.size() == 5);  // 65, 130 and 200 have no "parola"
  }

  TEST_CASE("the documents a query matches equal Xapian's answer") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::mt19937 random(20261123);
    const std::vector<std::string> words = {"alfa", "beta", "gamma", "delta", "eco"};
    for (int d = 0; d < 300; ++d) {
      Xapian::Document doc;
      Xapian::termpos position = 1;
      for (auto n = random() % 8; n > 0; --n) {
        doc.add_posting(words[random() % words.size()], position++);
      }
      if (d % 7 == 0) {
        doc.add_boolean_term("XLprimaria");
      }
      db.add_document(doc);
    }
    db.delete_document(10);  // ids with a hole
    db.commit();
    const DocSet all = documents_with_term(db, "");
    const TermReader read = [&db](const std::string& term) { return documents_with_term(db, term); };
    CHECK(all.count() == 299);

    using Q = Xapian::Query;
    const std::vector<Q> three = {Q("alfa"), Q("beta"), Q("gamma")};
    const std::vector<std::pair<std::string, Q>> cases = {
        {"term", Q("alfa")},
        {"absent term", Q("zeta")},
        {"match all", Q::MatchAll},
        {"match nothing", Q::MatchNothing},
        {"and", Q(Q::OP_AND, Q("alfa"), Q("beta"))},
        {"and with a rare term", Q(Q::OP_AND, Q("XLprimaria"), Q("alfa"))},
        {"or", Q(Q::OP_OR, Q("alfa"), Q("zeta"))},
        {"and not", Q(Q::OP_AND_NOT, Q("alfa"), Q("beta"))},
        {"xor", Q(Q::OP_XOR, three.begin(), three.end())},
        {"filter", Q(Q::OP_FILTER, Q("delta"), Q("XLprimaria"))},
        {"and maybe", Q(Q::OP_AND_MAYBE, Q("eco"), Q("alfa"))},
        {"synonym", Q(Q::OP_SYNONYM, Q("alfa"), Q("eco"))},
        {"max", Q(Q::OP_MAX, Q("beta"), Q("eco"))},
        {"scale weight", Q(Q::OP_SCALE_WEIGHT, Q("gamma"), 0.0)},
        {"phrase", Q(Q::OP_PHRASE, Q("alfa"), Q("beta"))},
        {"phrase and term", Q(Q::OP_AND, Q(Q::OP_PHRASE, Q("alfa"), Q("beta")), Q("gamma"))},
        {"near or not", Q(Q::OP_AND_NOT, Q(Q::OP_NEAR, Q("delta"), Q("eco")), Q("XLprimaria"))},
        {"wildcard", Q(Q::OP_WILDCARD, "de")},
        {"match all but", Q(Q::OP_AND_NOT, Q::MatchAll, Q("alfa"))},
    };
    for (const auto& [name, query] : cases) {
      const auto& shown_name = name;  // clang 14 cannot capture a structured binding
      CAPTURE(shown_name);
      CHECK(matching_documents(db, query, all, read) == by_enquire(db, query));
    }
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_default_op(Q::OP_AND);
    for (const std::string text : {"alfa beta", "alfa OR beta NOT gamma", "(alfa OR eco) AND delta",
                                   "\"alfa beta\" eco", "alfa -beta", "alfa XOR delta", "de*"}) {
      CAPTURE(text);
      const Q query = parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
      CHECK(matching_documents(db, query, all, read) == by_enquire(db, query));
    }
  }
}

}  // namespace
}  // namespace vetrina::search
