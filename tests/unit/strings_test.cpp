#include "generator/util/strings.h"

#include <doctest/doctest.h>
#include <utf8proc.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace vetrina::util;

TEST_SUITE("util::strings") {
  TEST_CASE("slugify folds Italian accents and turns apostrophes and spaces into one hyphen") {
    struct Case {
      std::string text;
      std::string slug;
    };
    const Case cases[] = {
        {"L'orto di Città Alta", "l-orto-di-citta-alta"},
        {"L\xE2\x80\x99orto di Citt\xC3\xA0 Alta", "l-orto-di-citta-alta"},  // typographic apostrophe U+2019
        {"Holidays in a box", "holidays-in-a-box"},
        {"Perché è così? Più già!", "perche-e-cosi-piu-gia"},
        {"ÀÈÉÌÒÙ àèéìòù", "aeeiou-aeeiou"},
        {"Città verde", "citta-verde"},
        {"citta-verde", "citta-verde"},
        {"  --Un   parlamento--  ", "un-parlamento"},
        {"Straße Ærø", "strasse-aero"},
        {"Łódź Čapek", "lodz-capek"},
        {"Fiabe in 4 lingue (2019/2020)", "fiabe-in-4-lingue-2019-2020"},
        {"日本", ""},
        {"!!!", ""},
        {"", ""},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      CHECK(slugify(c.text) == c.slug);
    }
  }

  TEST_CASE("is_slug accepts only what slugify would produce") {
    CHECK(is_slug("holidays-in-a-box"));
    CHECK(is_slug("secondaria-1"));
    CHECK_FALSE(is_slug(""));
    CHECK_FALSE(is_slug("Holidays"));
    CHECK_FALSE(is_slug("citta verde"));
    CHECK_FALSE(is_slug("città"));
    CHECK_FALSE(is_slug("-orto"));
    CHECK_FALSE(is_slug("orto--alto"));
    CHECK_FALSE(is_slug("feed.xml"));
  }

  TEST_CASE("fold_accents keeps everything but accented Latin letters") {
    CHECK(fold_accents("città") == "citta");
    CHECK(fold_accents("Ærø") == "AEro");
    CHECK(fold_accents("perché È") == "perche E");
    CHECK(fold_accents("l'orto 日本") == "l'orto 日本");
    CHECK(fold_accents("a\xFFz") == "a\xFFz");  // invalid bytes pass through
  }

  TEST_CASE("decomposed accents (a letter and a combining mark) fold and slug like precomposed ones") {
    // "Po\u0300rto": 'o' followed by U+0300 COMBINING GRAVE ACCENT, as some
    // editors and macOS file names write it.
    const std::string decomposed = "Po\xCC\x80rto citta\xCC\x80";
    CHECK(fold_accents(decomposed) == "Porto citta");
    CHECK(fold_accents(decomposed) == fold_accents("Pòrto città"));
    CHECK(slugify(decomposed) == "porto-citta");
    CHECK(slugify(decomposed) == slugify("Pòrto città"));
    CHECK(strip_marks("Pòrto") == "Porto");
    CHECK(strip_marks("ß Ærø 日本") == "ß Ærø 日本");  // no mark to strip: unchanged
    CHECK(strip_marks("a\xFFz") == "a\xFFz");          // invalid UTF-8: unchanged
  }

  TEST_CASE("strip_marks maps text code point by code point as utf8proc maps the whole text") {
    // Every pair of the code points mapped one by one (and ASCII letters,
    // and a combining mark, which sends the text to utf8proc): no pair
    // composes or decomposes differently from the two alone.
    std::vector<std::string> points = {"a", "e", "Z", " ", "\xCC\x80", "\xE6\x97\xA5", "\xFF"};
    auto utf8 = [](char32_t cp) {
      utf8proc_uint8_t bytes[4];
      const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
      return std::string(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
    };
    for (char32_t cp = 0xA0; cp <= 0x24F; ++cp) {
      points.push_back(utf8(cp));
    }
    for (char32_t cp = 0x2000; cp <= 0x20CF; ++cp) {
      points.push_back(utf8(cp));
    }
    int different = 0;
    for (const auto& first : points) {
      for (const auto& second : points) {
        const std::string text = first + second;
        different += strip_marks(text) == strip_marks_utf8proc(text) ? 0 : 1;
      }
    }
    CHECK(different == 0);
    CHECK(strip_marks("Qualità, perché “così” — 10 € · Ærø") == "Qualita, perche “cosi” — 10 € · Ærø");
  }

  TEST_CASE("is_valid_utf8 rejects malformed, overlong, surrogate and out-of-range sequences") {
    struct Case {
      std::string text;
      bool valid;
    };
    const Case cases[] = {
        {"", true},
        {"città", true},
        {"\xF0\x9F\x98\x80", true},   // emoji, 4 bytes
        {"\xC3\x28", false},          // bad continuation
        {"\xC3", false},              // truncated
        {"\xC0\xAF", false},          // overlong '/'
        {"\xED\xA0\x80", false},      // surrogate U+D800
        {"\xF4\x90\x80\x80", false},  // above U+10FFFF
        {"\xFF", false},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      CHECK(is_valid_utf8(c.text) == c.valid);
    }
  }

  TEST_CASE("utf8_length counts code points and each invalid byte as one") {
    CHECK(utf8_length("") == 0);
    CHECK(utf8_length("citta") == 5);
    CHECK(utf8_length("città") == 5);
    CHECK(utf8_length("\xF0\x9F\x98\x80!") == 2);
    CHECK(utf8_length("a\xFF\xFE") == 3);
  }

  TEST_CASE("edit_distance counts insertions, deletions, substitutions and transpositions") {
    struct Case {
      std::string a;
      std::string b;
      std::size_t distance;
    };
    const Case cases[] = {
        {"", "", 0},
        {"", "abc", 3},
        {"abc", "", 3},
        {"digitle", "digitale", 1},
        {"tittle", "title", 1},
        {"ab", "ba", 1},
        {"primraia", "primaria", 1},
        {"kitten", "sitting", 3},
        {"same", "same", 0},
    };
    for (const auto& c : cases) {
      CAPTURE(c.a);
      CAPTURE(c.b);
      CHECK(edit_distance(c.a, c.b) == c.distance);
    }
  }

  TEST_CASE("did_you_mean suggests the closest candidate only when it is a likely typo") {
    const std::vector<std::string> competences = {"alfabetica", "multilinguistica", "stem", "digitale",
                                                  "personale-sociale"};
    CHECK(did_you_mean("digitle", competences) == std::optional<std::string>("digitale"));
    CHECK(did_you_mean("Digitale", competences) == std::optional<std::string>("digitale"));
    CHECK(did_you_mean("multilinguistic", competences) == std::optional<std::string>("multilinguistica"));
    CHECK(did_you_mean("sport", competences) == std::nullopt);
    CHECK(did_you_mean("stm", competences) == std::optional<std::string>("stem"));
    CHECK(did_you_mean("xyz", competences) == std::nullopt);
    CHECK(did_you_mean("anything", std::vector<std::string>{}) == std::nullopt);
    // Ties go to the first candidate.
    CHECK(did_you_mean("cat", std::vector<std::string>{"bat", "cab"}) == std::optional<std::string>("bat"));
  }

  TEST_CASE("edit_distance_within agrees with edit_distance up to its bound") {
    // Random words over a small alphabet (many near misses and transpositions).
    std::mt19937 random(20261207);
    auto word = [&random] {
      std::string out(std::uniform_int_distribution<std::size_t>(0, 12)(random), 'a');
      for (char& c : out) {
        c = static_cast<char>('a' + std::uniform_int_distribution<int>(0, 3)(random));
      }
      return out;
    };
    for (int round = 0; round < 20000; ++round) {
      const std::string a = word();
      const std::string b = round % 3 == 0 ? a.substr(0, a.size() / 2) + "ba" + a.substr(a.size() / 2) : word();
      const std::size_t exact = edit_distance(a, b);
      for (std::size_t bound = 0; bound <= 5; ++bound) {
        CAPTURE(a);
        CAPTURE(b);
        CAPTURE(bound);
        const std::size_t within = edit_distance_within(a, b, bound);
        if (exact <= bound) {
          REQUIRE(within == exact);
        } else {
          REQUIRE(within > bound);
        }
      }
    }
  }

  TEST_CASE("did_you_mean over many slugs finds the one a typo came from") {
    // A broken link among 20,000 story slugs (the markdown pass asks for a
    // hint per link to a missing story).
    std::vector<std::string> slugs;
    for (int i = 0; i < 20000; ++i) {
      slugs.push_back("storia-di-prova-numero-" + std::to_string(i * 7919 % 100003));
    }
    std::sort(slugs.begin(), slugs.end());
    CHECK(did_you_mean("un-titolo-del-tutto-diverso", slugs) == std::nullopt);
    const std::string wanted = "storia-di-prova-numero-" + std::to_string(1234 * 7919 % 100003);
    std::string typo = wanted;
    std::swap(typo[3], typo[4]);  // a transposition
    CHECK(did_you_mean(typo, slugs) == std::optional<std::string>(wanted));
    CHECK(did_you_mean("STORIA-DI-PROVA-NUMERO-" + std::to_string(1234 * 7919 % 100003), slugs) ==
          std::optional<std::string>(wanted));
  }

  TEST_CASE("did_you_mean_suffix is ready to append to a message") {
    const std::vector<std::string> keys = {"title", "summary"};
    CHECK(did_you_mean_suffix("tittle", keys) == " (did you mean 'title'?)");
    CHECK(did_you_mean_suffix("colour", keys) == "");
  }

  TEST_CASE("trim removes spaces, tabs and line breaks at both ends only") {
    CHECK(trim("  a b \t\r\n") == "a b");
    CHECK(trim("\n\t ") == "");
    CHECK(trim("") == "");
    CHECK(trim("x") == "x");
  }

  TEST_CASE("to_lower_ascii lowers ASCII letters only") {
    CHECK(to_lower_ascii("FR Città È") == "fr città È");
  }

  TEST_CASE("split_lines splits on LF, drops a CR before it and keeps a last empty line") {
    const auto lines = split_lines("uno\r\ndue\n\ntre\n");
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "uno");
    CHECK(lines[1] == "due");
    CHECK(lines[2] == "");
    CHECK(lines[3] == "tre");
    CHECK(lines[4] == "");
    CHECK(split_lines("").size() == 1);
  }

  TEST_CASE("split_lines also ends a line at a lone CR; lone_cr_to_lf makes such files LF") {
    const auto lines = split_lines("uno\rdue\r\rtre\r\nquattro");
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "uno");
    CHECK(lines[1] == "due");
    CHECK(lines[2] == "");
    CHECK(lines[3] == "tre");
    CHECK(lines[4] == "quattro");
    CHECK(vetrina::util::lone_cr_to_lf("a\rb\r\nc\r") == "a\nb\r\nc\n");
  }

  TEST_CASE("html_escape escapes the five HTML special characters") {
    CHECK(html_escape("<a href=\"x\">Tom & Jerry's</a>") ==
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    CHECK(html_escape("città") == "città");
  }

  TEST_CASE("xml_escape escapes markup and drops control characters XML forbids") {
    CHECK(xml_escape("<b>\"Tom\" & 'Jerry'</b>") == "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;");
    CHECK(xml_escape(std::string("a\x01\x08\x1F\tb\nc\rd")) == "a\tb\nc\rd");
  }

  TEST_CASE("replace_all replaces every occurrence and ignores an empty pattern") {
    CHECK(replace_all("a<b<c", "<", "\\u003c") == "a\\u003cb\\u003cc");
    CHECK(replace_all("aaa", "aa", "b") == "ba");
    CHECK(replace_all("abc", "", "x") == "abc");
    CHECK(replace_all("", "a", "b") == "");
  }

  TEST_CASE("url_encode keeps only RFC 3986 unreserved characters") {
    CHECK(url_encode("Città e/o? a&b=c") == "Citt%C3%A0%20e%2Fo%3F%20a%26b%3Dc");
    CHECK(url_encode("AZaz09-_.~") == "AZaz09-_.~");
  }

  TEST_CASE("format_thousands groups digits with dots as in Italian") {
    struct Case {
      long long value;
      std::string text;
    };
    const Case cases[] = {{0, "0"},
                          {7, "7"},
                          {999, "999"},
                          {1000, "1.000"},
                          {4592, "4.592"},
                          {100000, "100.000"},
                          {1234567, "1.234.567"},
                          {-1234, "-1.234"}};
    for (const auto& c : cases) {
      CAPTURE(c.value);
      CHECK(format_thousands(c.value) == c.text);
    }
  }
}
