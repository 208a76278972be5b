// Snippets (search/snippet.h): the window of text handed to Xapian, and the
// snippet made from it.
#include <doctest/doctest.h>

#include <algorithm>

#include "generator/util/packed_text.h"
#include "generator/util/strings.h"
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

const Xapian::Stem& italian() {
  static const Xapian::Stem stemmer("italian");
  return stemmer;
}

TEST_SUITE("snippet") {
  TEST_CASE("the words looked for are the query's terms without prefixes") {
    const Snippets snippets(parse("Scuole primarie titolo:orto"), italian());
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
    const Snippets snippets(parse("orto scuola"), italian());
    const std::string snippet = snippets.make(text);
    CHECK(snippet.find("<mark>orto</mark>") != std::string::npos);
    CHECK(snippet.find("<mark>scuola</mark>") != std::string::npos);
    CHECK(snippet.rfind("…", 0) == 0);
    CHECK(snippet.size() >= 3);
    CHECK(snippet.compare(snippet.size() - 3, 3, "…") == 0);
    CHECK(snippet.size() < 300);
    // A short text is whole: no cut, nothing added.
    CHECK(snippets.make("Un orto didattico a scuola, con le famiglie.") ==
          "Un <mark>orto</mark> didattico a <mark>scuola</mark>, con le famiglie.");
  }

  TEST_CASE("a word is highlighted as the indexer saw it: accents folded, any case, apostrophes apart") {
    const Snippets snippets(parse("attivita orto"), italian());
    CHECK(snippets.make_whole("Le ATTIVITÀ nell'Orto.") == "Le <mark>ATTIVITÀ</mark> nell&#39;<mark>Orto</mark>.");
    // Stems: another form of the word; and never a word that only starts alike.
    const Snippets school(parse("scuola"), italian());
    CHECK(school.make_whole("Per le scuole, lo scuolabus no.") == "Per le <mark>scuole</mark>, lo scuolabus no.");
  }

  TEST_CASE("the text is escaped, and a field's words are not looked for in it") {
    const Snippets snippets(parse("orto"), italian());
    CHECK(snippets.make("<b>Orto</b> & \"scuola\"") == "&lt;b&gt;<mark>Orto</mark>&lt;/b&gt; &amp; &quot;scuola&quot;");
    const Snippets title_only(parse("titolo:orto"), italian());
    CHECK(title_only.make_whole("Un orto.").empty());
  }

  TEST_CASE("a snippet is cut between words, at most about 240 bytes") {
    const Snippets snippets(parse("orto"), italian());
    const std::string text = "Orto " + words_before(1000);
    const std::string snippet = snippets.make(text);
    CHECK(snippet.rfind("<mark>Orto</mark> lorem", 0) == 0);
    CHECK(snippet.size() <= 240 + 13 + 3);
    CHECK(snippet.compare(snippet.size() - 3, 3, "…") == 0);
    const std::string before = snippet.substr(0, snippet.size() - 3);
    CHECK((before.ends_with("lorem") || before.ends_with("ipsum") || before.ends_with("dolor")));
  }

  TEST_CASE("a packed text gives the same snippet, unpacked only as far as needed") {
    const Snippets snippets(parse("orto"), italian());
    // The word early (its window in the first part unpacked), late (the
    // whole text unpacked), at the very end, and absent.
    for (const std::size_t at :
         {std::size_t{200}, std::size_t{900}, std::size_t{3000}, std::size_t{3900}, std::size_t{9000}}) {
      for (const bool tail : {true, false}) {
        const std::string text = words_before(at) + "Un orto didattico. " + (tail ? words_before(5000) : "");
        const util::PackedText packed = text;
        CAPTURE(at);
        CAPTURE(tail);
        const std::string snippet = snippets.make(packed.packed(), text.size());
        CHECK(snippet.find("<mark>orto</mark>") != std::string::npos);
        CHECK(snippet == snippets.make(text));
      }
    }
    const std::string none = words_before(9000);
    CHECK(snippets.make(util::PackedText(none).packed(), none.size()) == snippets.make(none));
    CHECK(snippets.make("damaged bytes", 5000).empty());
  }

  TEST_CASE("the window is around a word the query asked for, not one that only starts alike") {
    const Snippets snippets(parse("casa"), italian());
    const std::string text = "Il castello " + words_before(600) + " e una casa nuova.";
    CHECK(snippets.make(text).find("<mark>casa</mark>") != std::string::npos);
    const util::PackedText packed = text;
    CHECK(snippets.make(packed.packed(), text.size()) == snippets.make(text));
  }

  TEST_CASE("a word starts after a typographic apostrophe or a guillemet") {
    CHECK(snippet_window("dell’orto", {"orto"})->begin == 0);
    CHECK(snippet_window("il «orto»", {"orto"}));
    CHECK_FALSE(snippet_window("l’ortopedia e ciò", {"ciao"}));
    const Snippets snippets(parse("orto"), italian());
    CHECK(snippets.make_whole("Nell’orto.") == "Nell’<mark>orto</mark>.");
  }

  TEST_CASE("hostile texts: invalid UTF-8, no spaces, a long text") {
    const Snippets snippets(parse("orto"), italian());
    CHECK(snippets.make("un orto \xC3\x28 rotto").empty());  // the hit shows its summary instead
    const std::string solid = "orto" + std::string(20000, 'x');
    const std::string snippet = snippets.make(solid);
    CHECK(snippet.size() < 600);
    CHECK(util::is_valid_utf8(snippet));
    const std::string accents = words_before(100) + "orto " + [] {
      std::string many;
      for (int i = 0; i < 3000; ++i) {
        many += "è";
      }
      return many;
    }();
    CHECK(util::is_valid_utf8(snippets.make(accents)));  // cut between characters, never inside one
    // Longer than what a snippet ever reads (256 KB): cut from what was read.
    const std::string huge = words_before(300000) + " un orto";
    const util::PackedText packed = huge;
    const std::string far = snippets.make(packed.packed(), huge.size());
    CHECK_FALSE(far.empty());
    CHECK(far.find("<mark>") == std::string::npos);
    const util::PackedText small = std::string("un orto");
    CHECK(snippets.make(small.packed(), 8).empty());  // a size the bytes do not hold
  }

  TEST_CASE("headings stay apart from sentences and no line break is left") {
    CHECK(join_blocks("Si impara ascoltando le lingue.\nObiettivi\nAscoltare e cantare.\n") ==
          "Si impara ascoltando le lingue. Obiettivi — Ascoltare e cantare.");
    CHECK(join_blocks("Attività\n\n  Primo punto,\nsecondo punto") == "Attività — Primo punto, secondo punto");
    CHECK(join_blocks("\nuna riga") == "una riga");
  }

  TEST_CASE("a snippet never holds a raw line break, and marks a matched word") {
    const Snippets snippets(Xapian::Query("lingue"), italian());
    const std::string text = "Un progetto sulle lingue.\nObiettivi\nAscoltare le lingue degli altri.";
    const std::string snippet = snippets.make(text);
    CHECK(snippet.find('\n') == std::string::npos);
    CHECK(snippet.find("<mark>lingue</mark>") != std::string::npos);
    CHECK(snippet.find("Obiettivi — Ascoltare") != std::string::npos);
    CHECK(snippets.make_whole("Un riassunto sulle lingue europee.") ==
          "Un riassunto sulle <mark>lingue</mark> europee.");
    CHECK(snippets.make_whole("Un riassunto senza la parola.").empty());
  }
}

}  // namespace
}  // namespace vetrina::search
