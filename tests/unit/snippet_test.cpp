// Snippets (search/snippet.h): the window of text handed to Xapian, and the
// snippet made from it.
#include <doctest/doctest.h>

#include <algorithm>

#include "generator/util/packed_text.h"
#include "search/query/snippet.h"

namespace vetrina::search {
namespace {

Xapian::Query parse(const std::string& text) {
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("italian"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
  parser.add_prefix("titolo", "S");
  return parser.parse_query(text);
}

std::string words_before(std::size_t bytes) {
  std::string text;
  while (text.size() < bytes) {
    text += "lorem ipsum dolor ";
  }
  return text;
}

// The MSet of `query` over one document holding `terms`.
Xapian::MSet mset_of(const Xapian::Query& query, const std::vector<std::string>& terms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (const auto& term : terms) {
    doc.add_term(term);
  }
  db.add_document(doc);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, 10);
}

TEST_SUITE("snippet") {
  TEST_CASE("the words looked for are the query's terms without prefixes") {
    const Snippets snippets(parse("Scuole primarie titolo:orto"));
    std::vector<std::string> words = snippets.words();
    std::sort(words.begin(), words.end());
    CHECK(words == std::vector<std::string>{"orto", "primar", "scuol"});
  }

  TEST_CASE("the window starts a little before the first word found, at a space") {
    const std::string text = words_before(1000) + "Nell'Orto della scuola " + words_before(1000);
    const auto window = snippet_window(text, {"scuol", "orto"});
    REQUIRE(window);
    const std::string cut = text.substr(window->begin, window->end - window->begin);
    CHECK(cut.find("Orto della scuola") != std::string::npos);
    CHECK(window->begin > 0);
    CHECK(text[window->begin - 1] == ' ');
    CHECK(window->end < text.size());
    CHECK(text[window->end] == ' ');
    CHECK(cut.size() < 600);
  }

  TEST_CASE("a word counts only where a written word starts with it") {
    CHECK_FALSE(snippet_window("il portone del cortile", {"orto"}));
    CHECK(snippet_window("un orto", {"orto"})->begin == 0);
    CHECK(snippet_window("ORTOGRAFIA", {"orto"}));
    CHECK_FALSE(snippet_window("", {"orto"}));
  }

  TEST_CASE("a snippet from the window highlights the match and marks the cuts") {
    const std::string text = words_before(3000) + "Un orto didattico a scuola. " + words_before(3000);
    const Xapian::Query query = parse("orto scuola");
    const Xapian::MSet mset = mset_of(query, {"Zort", "Zscuol"});
    const Xapian::Stem stemmer("italian");
    const std::string snippet = Snippets(query).make(mset, text, stemmer);
    CHECK(snippet.find("<mark>orto</mark>") != std::string::npos);
    CHECK(snippet.find("<mark>scuola</mark>") != std::string::npos);
    CHECK(snippet.rfind("…", 0) == 0);
    CHECK(snippet.size() >= 3);
    CHECK(snippet.compare(snippet.size() - 3, 3, "…") == 0);
    CHECK(snippet.size() < 300);
    // A short text lies inside the window: exactly Xapian's own snippet.
    const std::string short_text = "Un orto didattico a scuola, con le famiglie.";
    CHECK(Snippets(query).make(mset, short_text, stemmer) ==
          mset.snippet(short_text, 240, stemmer, 0, "<mark>", "</mark>", "…"));
  }

  TEST_CASE("a packed text gives the same snippet, unpacked only as far as needed") {
    const Xapian::Query query = parse("orto");
    const Xapian::MSet mset = mset_of(query, {"Zort"});
    const Xapian::Stem stemmer("italian");
    const Snippets snippets(query);
    // The word early (its window in the first part unpacked), late (the
    // whole text unpacked), at the very end, and absent.
    for (const std::size_t at :
         {std::size_t{200}, std::size_t{900}, std::size_t{3000}, std::size_t{3900}, std::size_t{9000}}) {
      for (const bool tail : {true, false}) {
        const std::string text = words_before(at) + "Un orto didattico. " + (tail ? words_before(5000) : "");
        const util::PackedText packed = text;
        CAPTURE(at);
        CAPTURE(tail);
        const std::string snippet = snippets.make(mset, packed.packed(), text.size(), stemmer);
        CHECK(snippet.find("<mark>orto</mark>") != std::string::npos);
        CHECK(snippet == snippets.make(mset, text, stemmer));
      }
    }
    const std::string none = words_before(9000);
    CHECK(snippets.make(mset, util::PackedText(none).packed(), none.size(), stemmer) ==
          snippets.make(mset, none, stemmer));
    CHECK(snippets.make(mset, "damaged bytes", 5000, stemmer).empty());
  }

  TEST_CASE("headings stay apart from sentences and no line break is left") {
    CHECK(join_blocks("Si impara ascoltando le lingue.\nObiettivi\nAscoltare e cantare.\n") ==
          "Si impara ascoltando le lingue. Obiettivi — Ascoltare e cantare.");
    CHECK(join_blocks("Attività\n\n  Primo punto,\nsecondo punto") == "Attività — Primo punto, secondo punto");
    CHECK(join_blocks("\nuna riga") == "una riga");
  }

  TEST_CASE("a snippet never holds a raw line break, and marks a matched word") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    doc.add_term("lingue");
    db.add_document(doc);
    Xapian::Enquire enquire(db);
    const Xapian::Query query("lingue");
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    const Snippets snippets(query);
    const std::string text = "Un progetto sulle lingue.\nObiettivi\nAscoltare le lingue degli altri.";
    const std::string snippet = snippets.make(mset, text, Xapian::Stem("italian"));
    CHECK(snippet.find('\n') == std::string::npos);
    CHECK(snippet.find("<mark>lingue</mark>") != std::string::npos);
    CHECK(snippet.find("Obiettivi — Ascoltare") != std::string::npos);
    CHECK(snippets.make_whole(mset, "Un riassunto sulle lingue europee.", Xapian::Stem("italian")) ==
          "Un riassunto sulle <mark>lingue</mark> europee.");
    CHECK(snippets.make_whole(mset, "Un riassunto senza la parola.", Xapian::Stem("italian")).empty());
  }
}

}  // namespace
}  // namespace vetrina::search
