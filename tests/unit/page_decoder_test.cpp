#include "generator/content/page_decoder.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::decode_page;
using vetrina::DiagnosticBag;
using vetrina::test::diagnostics_text;

TEST_SUITE("page_decoder") {
  TEST_CASE("decode_page makes the slug from the file name and reads title, description and draft") {
    DiagnosticBag diagnostics;
    const auto page = decode_page("---\ntitle: \"Cos'è eTwinning\"\ndescription: \"La community\"\n---\nTesto\n",
                                  "content/pages/Cos'è eTwinning.md", diagnostics);
    REQUIRE(page.has_value());
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(page->slug == "cos-e-etwinning");
    CHECK(page->url() == "/cos-e-etwinning/");
    CHECK(page->title == "Cos'è eTwinning");
    CHECK(page->description == "La community");
    CHECK_FALSE(page->draft);
    CHECK(page->body == "Testo\n");
    CHECK(page->body_line == 5);
  }

  TEST_CASE("decode_page reports a missing title, unknown fields and a name without letters") {
    DiagnosticBag diagnostics;
    CHECK(decode_page("---\nsummary: x\n---\n", "content/pages/privacy.md", diagnostics).has_value());
    CHECK(decode_page("---\ntitle: x\n---\n", "content/pages/---.md", diagnostics) == std::nullopt);
    CHECK(diagnostics_text(diagnostics) ==
          "content/pages/---.md:1:1: error: the file name '---' gives an empty address: use letters or digits\n"
          "content/pages/privacy.md:2:1: error: missing required field 'title' in page\n"
          "content/pages/privacy.md:2:1: error: unknown field 'summary' in page\n");
  }
}
