#include "generator/content/front_matter.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::DiagnosticBag;
using vetrina::split_front_matter;
using vetrina::test::diagnostics_text;

namespace {

const std::string k_path = "content/stories/x/index.md";

}  // namespace

TEST_SUITE("front_matter") {
  TEST_CASE("split_front_matter separates the YAML and the body and keeps their file lines") {
    struct Case {
      std::string name;
      std::string text;
      std::string yaml;
      int yaml_line;
      std::string body;
      int body_line;
    };
    const Case cases[] = {
        {"simple", "---\ntitle: x\ndate: 2016-05-10\n---\nCorpo\n", "title: x\ndate: 2016-05-10\n", 2, "Corpo\n", 5},
        {"blank line before the body", "---\na: 1\n---\n\n## Obiettivi\n", "a: 1\n", 2, "\n## Obiettivi\n", 4},
        {"UTF-8 BOM skipped", "\xEF\xBB\xBF---\na: 1\n---\nb\n", "a: 1\n", 2, "b\n", 4},
        {"CRLF line ends", "---\r\na: 1\r\n---\r\nb\r\n", "a: 1\r\n", 2, "b\r\n", 4},
        {"'...' closes", "---\na: 1\n...\nb\n", "a: 1\n", 2, "b\n", 4},
        {"fence with trailing spaces", "--- \na: 1\n---  \nb\n", "a: 1\n", 2, "b\n", 4},
        {"empty front matter", "---\n---\nb\n", "", 2, "b\n", 3},
        {"no body", "---\na: 1\n---\n", "a: 1\n", 2, "", 4},
        {"closing fence without newline", "---\na: 1\n---", "a: 1\n", 2, "", 4},
        {"a later '---' belongs to the body", "---\na: 1\n---\nx\n---\ny\n", "a: 1\n", 2, "x\n---\ny\n", 4},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      DiagnosticBag diagnostics;
      const auto fm = split_front_matter(c.text, k_path, diagnostics);
      REQUIRE(fm.has_value());
      CHECK(fm->yaml == c.yaml);
      CHECK(fm->yaml_line == c.yaml_line);
      CHECK(fm->body == c.body);
      CHECK(fm->body_line == c.body_line);
      CHECK(diagnostics_text(diagnostics) == "");
    }
  }

  TEST_CASE("split_front_matter reports a file without an opening '---' line") {
    const std::string texts[] = {"", "title: x\n---\n", "\n---\na: 1\n---\n", "...\na: 1\n---\n", "----\na: 1\n---\n"};
    for (const std::string& text : texts) {
      const auto& shown_text = text;  // clang 14 cannot capture a structured binding
      CAPTURE(shown_text);
      DiagnosticBag diagnostics;
      CHECK_FALSE(split_front_matter(text, k_path, diagnostics).has_value());
      CHECK(diagnostics_text(diagnostics) ==
            "content/stories/x/index.md:1:1: error: missing fields: the file must start with a line '---', "
            "then the fields, then '---'\n");
    }
  }

  TEST_CASE("split_front_matter reports a front matter that is never closed, where the text begins") {
    const std::string last =
        "error: the fields opened by '---' on line 1 are not closed: add a line with only '---' "
        "after this last field\n";
    const std::pair<std::string, std::string> cases[] = {
        {"---", "content/stories/x/index.md:1:1: " + last},
        {"---\n", "content/stories/x/index.md:1:1: " + last},
        {"---\ntitle: x\n", "content/stories/x/index.md:2:1: " + last},
        {"---\ntitle: x\n\nCorpo senza chiusura",
         "content/stories/x/index.md:4:1: error: the fields opened by '---' on line 1 are not closed: add a line with "
         "only '---' above this line, after the last field (line 2)\n"},
    };
    for (const auto& [text, expected] : cases) {
      const auto& shown_text = text;  // clang 14 cannot capture a structured binding
      CAPTURE(shown_text);
      DiagnosticBag diagnostics;
      CHECK_FALSE(split_front_matter(text, k_path, diagnostics).has_value());
      CHECK(diagnostics_text(diagnostics) == expected);
    }
  }
}
