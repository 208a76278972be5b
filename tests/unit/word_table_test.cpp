// The indexer's word tables (search/index/word_table.h) against a
// std::map on random words, and the spelling counts built on them
// (document_maker.h): stop words met but never counted, counts merged.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "search/index/document_maker.h"
#include "search/index/word_table.h"

namespace vetrina::search {

TEST_SUITE("word table") {
  TEST_CASE("finds what was added, keeps entries in place and in order, through growth and clear") {
    std::mt19937 random(7);
    WordTable<int> table(12345);  // a fixed seed: the same probes on every run
    std::map<std::string, int> expected;
    std::vector<std::string> order;
    std::vector<const WordTable<int>::Entry*> places;
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < 20000; ++i) {
        // Short words from a small alphabet: many repeats, many near misses.
        std::string word(1 + random() % 6, 'a');
        for (char& c : word) {
          c = static_cast<char>('a' + random() % 6);
        }
        const bool known = expected.count(word) != 0;
        auto* found = table.find(word);
        CHECK((found != nullptr) == known);
        auto& entry = table.add(word, static_cast<int>(i));
        CHECK(entry.word == word);
        if (known) {
          CHECK(found == &entry);
          CHECK(entry.value == expected[word]);  // add() keeps the value of a known word
        } else {
          expected[word] = static_cast<int>(i);
          order.push_back(word);
          places.push_back(&entry);
        }
      }
      REQUIRE(table.size() == expected.size());
      std::size_t k = 0;
      for (const auto& entry : table) {
        CHECK(entry.word == order[k]);
        CHECK(&entry == places[k]);  // never moved by the table's growth
        ++k;
      }
      table.clear();
      CHECK(table.size() == 0);
      CHECK(table.find(order.front()) == nullptr);
      expected.clear();
      order.clear();
      places.clear();
    }
  }

  TEST_CASE("a table moved from is empty and usable; the one moved to keeps the entries") {
    WordTable<int> from;
    const auto* scuola = &from.add("scuola", 1);
    from.add("europa", 2);
    WordTable<int> to(std::move(from));
    CHECK(to.size() == 2);
    CHECK(to.find("scuola") == scuola);
    CHECK(from.size() == 0);  // NOLINT(bugprone-use-after-move): what is tested
    CHECK(from.find("scuola") == nullptr);
    from.add("scuola", 3);
    CHECK(from.find("scuola")->value == 3);
    to = std::move(from);
    CHECK(to.size() == 1);
    CHECK(to.find("europa") == nullptr);
  }

  TEST_CASE("spelling counts leave stop words out and add counts up") {
    WordCounts counts;
    for (const char* word : {"scuola", "della", "scuola", "progetto", "della", "nostro", "scuola"}) {
      counts.count(word);
    }
    counts.add("progetto", 4);
    counts.add("europa", 2);
    std::vector<std::pair<std::string, Xapian::termcount>> got;
    counts.for_each([&](const std::string& word, Xapian::termcount n) { got.emplace_back(word, n); });
    const std::vector<std::pair<std::string, Xapian::termcount>> expected = {
        {"scuola", 3}, {"progetto", 5}, {"europa", 2}};
    CHECK(got == expected);
  }
}

}  // namespace vetrina::search
