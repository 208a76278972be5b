// The terms of the text fields (search/index/text_indexer.h): the same
// document, term for term (wdf and positions), as Xapian's two term
// generators make, on random texts, on every character near the ones the
// fast path reads as spaces, and on the site's real stories.
#include <doctest/doctest.h>
#include <utf8proc.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/index/schema.h"
#include "search/index/text_indexer.h"

namespace vetrina::search {
namespace {

struct Field {
  std::string text;
  Xapian::termcount wdf;
  std::string prefix;
  bool exact;
};

// The document as Xapian's TermGenerators make it (as DocumentMaker did
// before TextIndexer): stems with positions (STEM_ALL_Z), and the words
// without positions nor stop words (STEM_NONE, STOP_ALL), a gap after
// each field.
Xapian::Document reference(const std::vector<Field>& fields) {
  Xapian::SimpleStopper stopper;
  for (const auto& word : italian_stop_words()) {
    stopper.add(word);
  }
  Xapian::TermGenerator stems;
  stems.set_stemmer(Xapian::Stem("italian"));
  stems.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  stems.set_stopper(&stopper);
  stems.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
  Xapian::TermGenerator exact;
  exact.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  exact.set_stopper(&stopper);
  exact.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  Xapian::Document doc;
  stems.set_document(doc);
  exact.set_document(doc);
  for (const auto& field : fields) {
    stems.index_text(field.text, field.wdf, field.prefix);
    if (field.exact) {
      exact.index_text_without_positions(field.text, field.wdf);
    }
    stems.set_termpos(stems.get_termpos() + 1);
  }
  return doc;
}

Xapian::Document indexed(TextIndexer& indexer, const std::vector<Field>& fields) {
  Xapian::Document doc;
  indexer.set_document(doc);
  for (const auto& field : fields) {
    indexer.index(field.text, field.wdf, field.prefix, field.exact);
    indexer.gap();
  }
  return doc;
}

// Every term with its wdf and positions, one line each.
std::string dump(const Xapian::Document& doc) {
  std::ostringstream out;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    out << *term << " wdf=" << term.get_wdf() << " at";
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      out << ' ' << *pos;
    }
    out << '\n';
  }
  return out.str();
}

// `cp` in UTF-8 (utf8proc's encoder).
std::string utf8(char32_t cp) {
  utf8proc_uint8_t bytes[4];
  const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

void check_same(TextIndexer& indexer, const std::vector<Field>& fields) {
  const std::string expected = dump(reference(fields));
  const std::string got = dump(indexed(indexer, fields));
  INFO("text: ", fields.front().text);
  CHECK(got == expected);
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  for_each_ascii_word(text, [&](const std::string& word) { words.push_back(word); });
  return words;
}

TEST_SUITE("text indexer") {
  TEST_CASE("words are split as Xapian splits them") {
    CHECK(words_of("Il progetto U.S.A. e AT&T, C++ e C#; pi greco 3.14 o 1,000.") ==
          std::vector<std::string>{"il", "progetto", "usa", "e", "at&t", "c++", "e", "c#", "pi", "greco", "3.14", "o",
                                   "1,000"});
    CHECK(words_of("fish+chips a.b. N.A.T.O c++++ x_y") ==
          std::vector<std::string>{"fish", "chips", "a", "b", "nato", "c", "x_y"});
    CHECK(words_of("").empty());
    CHECK(words_of(" ... ").empty());
  }

  TEST_CASE("Italian text with its punctuation takes the fast path; other letters do not") {
    const auto ascii = ascii_for_terms(normalize_text("Un’attività «bella» – sì… “davvero” 10 €"));
    REQUIRE(ascii.has_value());
    CHECK(words_of(*ascii) == std::vector<std::string>{"un", "attivita", "bella", "si", "davvero", "10"});
    CHECK_FALSE(ascii_for_terms("Straße").has_value());
    CHECK_FALSE(ascii_for_terms("日本").has_value());
    CHECK_FALSE(ascii_for_terms("a\xff b").has_value());          // not UTF-8
    CHECK_FALSE(ascii_for_terms("l\xc2\xb7l").has_value());       // U+00B7 joins words
    CHECK_FALSE(ascii_for_terms("a\xe2\x80\x8b b").has_value());  // zero-width space: ignored inside a word
  }

  TEST_CASE("indexing before a document is set is refused") {
    TextIndexer indexer;
    CHECK_THROWS_AS(indexer.index("testo", 1, "", true), std::logic_error);
    CHECK_THROWS_AS(indexer.index("Straße", 1, "", true), std::logic_error);
  }

  TEST_CASE("random texts give the same document as Xapian's term generators") {
    const std::vector<std::string> pieces = {"scuola",
                                             "Scuole",
                                             "PRIMARIA",
                                             "insegnanti",
                                             "e",
                                             "di",
                                             "che",
                                             "non",
                                             "gli",
                                             "attivita",
                                             "progetto",
                                             "eTwinning",
                                             "U.S.A.",
                                             "N.A.T.O",
                                             "A.B",
                                             "I.",
                                             "AT&T",
                                             "M&S",
                                             "C++",
                                             "C#",
                                             "c+++",
                                             "fish+chips",
                                             "3.14",
                                             "1,000",
                                             "2;3",
                                             "1.a",
                                             "x_y",
                                             "_",
                                             "2019/2020",
                                             "l'acqua",
                                             "'",
                                             "&",
                                             "+",
                                             "#",
                                             ".",
                                             ",",
                                             ";",
                                             "-",
                                             ":",
                                             "(",
                                             ")",
                                             "!",
                                             "?",
                                             "\n",
                                             " ",
                                             "  ",
                                             "\t",
                                             "0",
                                             "42",
                                             std::string(70, 'a'),
                                             std::string(64, 'b'),
                                             "\xc2\xa0",
                                             "\xc2\xab",
                                             "\xc2\xbb",
                                             "\xe2\x80\x9c",
                                             "\xe2\x80\x9d",
                                             "\xe2\x80\xa6",
                                             "\xe2\x80\x93",
                                             "\xe2\x80\x94",
                                             "\xe2\x82\xac",
                                             "\xe2\x80\x98",
                                             "\xe2\x80\x99",
                                             "\xc3\xa8",
                                             "\xc3\x9f",
                                             "\xe6\x97\xa5",
                                             "\xc2\xb7",
                                             "\xe2\x80\x8b",
                                             "\xff"};
    std::mt19937 random(20261207);
    TextIndexer indexer;
    for (int round = 0; round < 3000; ++round) {
      std::vector<Field> fields;
      const int field_count = 1 + static_cast<int>(random() % 3);
      for (int f = 0; f < field_count; ++f) {
        std::string text;
        const int length = static_cast<int>(random() % 24);
        for (int i = 0; i < length; ++i) {
          text += pieces[random() % pieces.size()];
          if (random() % 3 != 0) {
            text += ' ';
          }
        }
        const bool prefixed = random() % 4 == 0;
        fields.push_back({text, 1 + static_cast<Xapian::termcount>(random() % 5), prefixed ? "S" : "", !prefixed});
      }
      check_same(indexer, fields);
    }
  }

  TEST_CASE("a vocabulary that outgrows the memo's table and its cap gives the same documents") {
    // 7 documents of 30,000 new words each (210,000 in all: past the
    // 200,000 words the memo keeps, and through every doubling of its
    // table), each word met again later in its document, with words from
    // up to two documents before.
    static_assert(TextIndexer::k_max_words < 7 * 30000, "the documents must outgrow the memo");
    auto word_of = [](std::size_t n) {
      std::string word = "voce";
      for (; n > 0; n /= 26) {
        word += static_cast<char>('a' + n % 26);
      }
      return word;
    };
    TextIndexer indexer;
    std::size_t next = 1;
    for (int doc = 0; doc < 7; ++doc) {
      std::string fresh;
      std::string again;
      for (int i = 0; i < 30000; ++i, ++next) {
        fresh += word_of(next) + ' ';
        if (i % 7 == 0) {
          again +=
              word_of(next - static_cast<std::size_t>(i % 5000)) + ' ' + word_of(next > 40000 ? next - 40000 : 1) + ' ';
        }
      }
      CAPTURE(doc);
      check_same(indexer, {{fresh, 1, "", true}, {again, 2, "S", false}, {again + fresh, 1, "", true}});
    }
  }

  TEST_CASE("every character between two words, digits or initials gives the same document") {
    TextIndexer indexer;
    for (char32_t cp = 0x01; cp < 0x3100; ++cp) {
      const std::string c = utf8(cp);
      check_same(indexer, {{"ab" + c + "cd", 1, "", true}, {"12" + c + "34 A" + c + "B" + c + " x", 2, "S", false}});
    }
  }

  TEST_CASE("the site's stories give the same document") {
    TextIndexer indexer;
    int stories = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(VETRINA_SOURCE_DIR "/content/stories")) {
      if (entry.path().extension() != ".md") {
        continue;
      }
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      check_same(indexer, {{normalize_text(text.str()), 1, "", true}, {normalize_text(text.str()), 1, "S", false}});
      ++stories;
    }
    CHECK(stories > 10);
  }
}

}  // namespace
}  // namespace vetrina::search
