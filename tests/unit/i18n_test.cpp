#include "generator/util/i18n.h"

#include <doctest/doctest.h>

#include <string>

// Without i18n::init() no catalog is bound: a msgid is its own pattern, which
// lets these cases drive format() with the patterns a translation may use.
TEST_SUITE("util::i18n") {
  TEST_CASE("format fills {} in order and {N} in a translation's own order of words") {
    using vetrina::i18n::format;
    CHECK(format("missing field '{}' in {}", {"title", "story"}) == "missing field 'title' in story");
    CHECK(format("{2}: manca il campo '{1}'", {"title", "storia"}) == "storia: manca il campo 'title'");
    CHECK(format("{2}: campo '{1}'{3}", {"tittle", "storia", " (forse 'title'?)"}) ==
          "storia: campo 'tittle' (forse 'title'?)");
    // A value is inserted as it is: braces inside it are not patterns.
    CHECK(format("{2} {1}", {"{1}", "{}"}) == "{} {1}");
    // A number past the values, and a stray brace, stay as they are.
    CHECK(format("{3} and {", {"a", "b"}) == "{3} and {");
    CHECK(format("{} {} {}", {"a"}) == "a {} {}");
  }
}
