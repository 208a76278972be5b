#include "generator/util/diagnostics.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "generator/util/parallel.h"
#include "tests/unit/test_support.h"

using vetrina::Diagnostic;
using vetrina::DiagnosticBag;
using vetrina::DiagnosticFormat;
using vetrina::format_all;
using vetrina::format_github;
using vetrina::format_json;
using vetrina::format_text;
using vetrina::Location;
using vetrina::Severity;
using vetrina::util::MemoryFileSystem;

namespace {

const std::string k_path = "content/stories/a/index.md";

MemoryFileSystem story_file() {
  MemoryFileSystem fs;
  fs.add_file(k_path, "---\ntitle: x\ntittle: y\ncittà: \"z\"\n\tlevels: [a]\n---\n");
  return fs;
}

Diagnostic error_at(int line, int column, std::string message) {
  return {{k_path, line, column}, Severity::error, std::move(message)};
}

}  // namespace

TEST_SUITE("diagnostics") {
  TEST_CASE("text format is path:line:col: error: message, then the source line and a caret") {
    const auto fs = story_file();
    CHECK(format_text(error_at(3, 1, "unknown field 'tittle' in story (did you mean 'title'?)"), &fs, false) ==
          "content/stories/a/index.md:3:1: error: unknown field 'tittle' in story (did you mean 'title'?)\n"
          "  tittle: y\n"
          "  ^\n");
    CHECK(format_text(error_at(3, 9, "m"), &fs, false) ==
          "content/stories/a/index.md:3:9: error: m\n"
          "  tittle: y\n"
          "          ^\n");
  }

  TEST_CASE("text format lines the caret up under multi-byte text and keeps tabs") {
    const auto fs = story_file();
    // "città: " is 8 bytes but 7 characters: the caret goes under the quote.
    CHECK(format_text(error_at(4, 9, "m"), &fs, false) ==
          "content/stories/a/index.md:4:9: error: m\n"
          "  città: \"z\"\n"
          "         ^\n");
    CHECK(format_text(error_at(5, 10, "m"), &fs, false) ==
          "content/stories/a/index.md:5:10: error: m\n"
          "  \tlevels: [a]\n"
          "  \t        ^\n");
  }

  TEST_CASE("text format drops the CR of a Windows line end from the source line") {
    MemoryFileSystem fs;
    fs.add_file("content/site.yaml", "title: x\r\ntitel: y\r\n");
    CHECK(format_text({{"content/site.yaml", 2, 1}, Severity::error, "m"}, &fs, false) ==
          "content/site.yaml:2:1: error: m\n  titel: y\n  ^\n");
  }

  TEST_CASE("text format shows only the message line when the source line is unknown") {
    const auto fs = story_file();
    struct Case {
      std::string name;
      Diagnostic diagnostic;
      const MemoryFileSystem* fs;
      std::string text;
    };
    const Case cases[] = {
        {"no file system", error_at(3, 1, "m"), nullptr, "content/stories/a/index.md:3:1: error: m\n"},
        {"line past the end", error_at(40, 1, "m"), &fs, "content/stories/a/index.md:40:1: error: m\n"},
        {"unreadable file", {{"content/none.md", 1, 1}, Severity::error, "m"}, &fs, "content/none.md:1:1: error: m\n"},
        {"no line",
         {{"content/site.yaml", 0, 0}, Severity::error, "no such file"},
         &fs,
         "content/site.yaml: error: no such file\n"},
        {"no path", {{"", 0, 0}, Severity::error, "m"}, &fs, "error: m\n"},
        {"warning",
         {{"content/site.yaml", 2, 0}, Severity::warning, "m"},
         nullptr,
         "content/site.yaml:2: warning: m\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      CHECK(format_text(c.diagnostic, c.fs, false) == c.text);
    }
    // A line but no column: the source line without a caret.
    CHECK(format_text(error_at(2, 0, "m"), &fs, false) == "content/stories/a/index.md:2: error: m\n  title: x\n");
  }

  TEST_CASE("text format with color uses ANSI bold, red and green") {
    const auto fs = story_file();
    CHECK(format_text(error_at(2, 1, "m"), &fs, true) ==
          "\x1b[1mcontent/stories/a/index.md:2:1: \x1b[0m\x1b[1;31merror:\x1b[0m m\n"
          "  title: x\n"
          "  \x1b[1;32m^\x1b[0m\n");
    CHECK(format_text({{"f", 1, 1}, Severity::warning, "w"}, nullptr, true) ==
          "\x1b[1mf:1:1: \x1b[0m\x1b[1;35mwarning:\x1b[0m w\n");
  }

  TEST_CASE("github format is a workflow command with escaped properties and message") {
    struct Case {
      std::string name;
      Diagnostic diagnostic;
      std::string text;
    };
    const Case cases[] = {
        {"located error", error_at(12, 5, "unknown competence 'digitle' (did you mean 'digitale'?)"),
         "::error file=content/stories/a/index.md,line=12,col=5::unknown competence 'digitle' (did you mean "
         "'digitale'?)\n"},
        {"no column",
         {{"content/site.yaml", 3, 0}, Severity::warning, "m"},
         "::warning file=content/site.yaml,line=3::m\n"},
        {"no location", {{"", 0, 0}, Severity::error, "m"}, "::error::m\n"},
        {"escapes",
         {{"content/a,b:c%.md", 1, 1}, Severity::error, "50% done\r\nnext: a, b"},
         "::error file=content/a%2Cb%3Ac%25.md,line=1,col=1::50%25 done%0D%0Anext: a, b\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      CHECK(format_github(c.diagnostic) == c.text);
    }
  }

  TEST_CASE("json format is an array of {file, line, column, severity, message}") {
    const std::vector<Diagnostic> list = {error_at(3, 1, "quote \" and <tag>"),
                                          {{"content/site.yaml", 0, 0}, Severity::warning, "w"}};
    CHECK(format_json(list) ==
          "[\n"
          "  {\n"
          "    \"column\": 1,\n"
          "    \"file\": \"content/stories/a/index.md\",\n"
          "    \"line\": 3,\n"
          "    \"message\": \"quote \\\" and <tag>\",\n"
          "    \"severity\": \"error\"\n"
          "  },\n"
          "  {\n"
          "    \"column\": 0,\n"
          "    \"file\": \"content/site.yaml\",\n"
          "    \"line\": 0,\n"
          "    \"message\": \"w\",\n"
          "    \"severity\": \"warning\"\n"
          "  }\n"
          "]\n");
    CHECK(format_json({}) == "[]\n");
    // Invalid UTF-8 in a message never makes the output invalid JSON.
    const auto parsed = nlohmann::json::parse(format_json({error_at(1, 1, "caf\xE9")}));
    CHECK(parsed.at(0).at("message") == "caf\xEF\xBF\xBD");
  }

  TEST_CASE("format_all writes every diagnostic in the chosen format") {
    const std::vector<Diagnostic> list = {error_at(2, 1, "a"), error_at(3, 1, "b")};
    const auto fs = story_file();
    CHECK(format_all(list, DiagnosticFormat::text, nullptr, false) ==
          "content/stories/a/index.md:2:1: error: a\ncontent/stories/a/index.md:3:1: error: b\n");
    CHECK(format_all(list, DiagnosticFormat::text, &fs, false) ==
          "content/stories/a/index.md:2:1: error: a\n  title: x\n  ^\n"
          "content/stories/a/index.md:3:1: error: b\n  tittle: y\n  ^\n");
    CHECK(format_all(list, DiagnosticFormat::github, &fs, false) ==
          "::error file=content/stories/a/index.md,line=2,col=1::a\n"
          "::error file=content/stories/a/index.md,line=3,col=1::b\n");
    CHECK(format_all(list, DiagnosticFormat::json, &fs, false) == format_json(list));
    CHECK(format_all({}, DiagnosticFormat::text, &fs, false) == "");
  }

  TEST_CASE("text format quotes a window of a long line around the column, cut with an ellipsis") {
    MemoryFileSystem fs;
    const std::string line = std::string(200, 'a') + "X" + std::string(200, 'b');
    fs.add_file(k_path, "---\n" + line + "\n");
    const std::string text = format_text(error_at(2, 201, "m"), &fs, false);
    CHECK(text ==
          "content/stories/a/index.md:2:201: error: m\n"
          "  \u2026" +
              std::string(60, 'a') + "X" + std::string(59, 'b') +
              "\u2026\n"
              "  " +
              std::string(61, ' ') + "^\n");
    // Near the start: no leading ellipsis; the window counts characters, not bytes.
    fs.add_file(k_path, "---\n" + std::string("\u00e0\u00e0") + std::string(300, 'c') + "\n");
    CHECK(format_text(error_at(2, 5, "m"), &fs, false) ==
          "content/stories/a/index.md:2:5: error: m\n"
          "  \u00e0\u00e0" +
              std::string(118, 'c') +
              "\u2026\n"
              "    ^\n");
  }

  TEST_CASE("thousands of errors on one line print a bounded output: a window each, at most 50 per file") {
    MemoryFileSystem fs;
    std::string line;
    for (int i = 0; i < 4000; ++i) {
      line += "[x](../manca-" + std::to_string(i) + "/) ";
    }
    fs.add_file(k_path, "---\ntitle: x\n---\n" + line + "\n");
    std::vector<Diagnostic> list;
    std::size_t column = 1;
    for (int i = 0; i < 4000; ++i) {
      list.push_back(
          error_at(4, static_cast<int>(column), "link to a missing story '../manca-" + std::to_string(i) + "/'"));
      column += ("[x](../manca-" + std::to_string(i) + "/) ").size();
    }
    const std::string text = format_all(list, DiagnosticFormat::text, &fs, false);
    CHECK(text.size() < 50 * 400);  // not 4,000 copies of a 90 KB line
    CHECK(text.ends_with("content/stories/a/index.md: \u2026 and 3950 more in this file (fix these and run again)\n"));
    const std::string github = format_all(list, DiagnosticFormat::github, &fs, false);
    CHECK(
        github.ends_with("::notice file=content/stories/a/index.md::\u2026 and 3950 more in this file (fix these and "
                         "run again)\n"));
    // Another file starts its own count.
    list.push_back({{"content/stories/b/index.md", 1, 1}, Severity::error, "m"});
    CHECK(format_all(list, DiagnosticFormat::text, nullptr, false)
              .ends_with("content/stories/a/index.md: \u2026 and 3950 more in this file (fix these and run again)\n"
                         "content/stories/b/index.md:1:1: error: m\n"));
  }

  TEST_CASE("log format puts quoted lines behind a gutter: no content line can start a workflow command") {
    MemoryFileSystem fs;
    fs.add_file(k_path, "---\n::stop-commands::pwned\n  ::error::x\n---\n");
    const std::vector<Diagnostic> list = {error_at(2, 1, "m"), error_at(3, 3, "n\n::warning::injected")};
    const std::string log = format_all(list, DiagnosticFormat::log, &fs, false);
    CHECK(log ==
          "content/stories/a/index.md:2:1: error: m\n"
          "  | ::stop-commands::pwned\n"
          "  | ^\n"
          "content/stories/a/index.md:3:3: error: n\\n::warning::injected\n"
          "  |   ::error::x\n"
          "  |   ^\n");
    for (std::size_t start = 0; start < log.size();) {
      const auto end = log.find('\n', start);
      const std::string_view one(log.data() + start, end - start);
      CHECK_FALSE(one.substr(one.find_first_not_of(" \t") == std::string_view::npos ? 0 : one.find_first_not_of(" \t"))
                      .starts_with("::"));
      start = end + 1;
    }
    // The github commands escape %, CR and LF, so a message cannot end its command early.
    CHECK(format_github(error_at(3, 3, "50% \r\n::stop-commands::x")) ==
          "::error file=content/stories/a/index.md,line=3,col=3::50%25 %0D%0A::stop-commands::x\n");
  }

  TEST_CASE("DiagnosticBag sorts by path, line, column and message and drops exact duplicates") {
    DiagnosticBag bag;
    bag.error({"b.md", 1, 1}, "z");
    bag.error({"a.md", 10, 1}, "y");
    bag.error({"a.md", 2, 5}, "x");
    bag.error({"a.md", 2, 1}, "w");
    bag.error({"a.md", 2, 1}, "v");
    bag.error({"a.md", 2, 1}, "v");
    bag.warning({"a.md", 2, 1}, "u");
    CHECK(vetrina::test::diagnostics_text(bag) ==
          "a.md:2:1: warning: u\na.md:2:1: error: v\na.md:2:1: error: w\na.md:2:5: error: x\na.md:10:1: error: y\n"
          "b.md:1:1: error: z\n");
  }

  TEST_CASE("DiagnosticBag counts errors but not warnings") {
    DiagnosticBag bag;
    CHECK_FALSE(bag.has_errors());
    bag.warning({"a", 1, 1}, "w");
    CHECK_FALSE(bag.has_errors());
    CHECK(bag.error_count() == 0);
    bag.error({"a", 1, 1}, "e");
    bag.add({{"a", 2, 1}, Severity::error, "f"});
    CHECK(bag.has_errors());
    CHECK(bag.error_count() == 2);
  }

  TEST_CASE("DiagnosticBag::merge adds every diagnostic of another bag") {
    DiagnosticBag a;
    DiagnosticBag b;
    a.error({"a", 1, 1}, "first");
    b.error({"b", 1, 1}, "second");
    b.warning({"b", 2, 1}, "third");
    a.merge(b);
    CHECK(a.error_count() == 2);
    CHECK(a.sorted().size() == 3);
    CHECK(b.sorted().size() == 2);
  }

  TEST_CASE("DiagnosticBag takes errors from many threads and sorts them the same way") {
    DiagnosticBag bag;
    vetrina::util::parallel_for(1000, 8, [&](std::size_t i) {
      bag.error({"f" + std::to_string(i % 10), static_cast<int>(i), 1}, "e");
    });
    CHECK(bag.error_count() == 1000);
    const auto sorted = bag.sorted();
    REQUIRE(sorted.size() == 1000);
    CHECK(sorted.front().location.path == "f0");
    CHECK(sorted.front().location.line == 0);
    CHECK(sorted.back().location.path == "f9");
    CHECK(sorted.back().location.line == 999);
  }
}
