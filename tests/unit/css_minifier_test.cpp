#include "generator/render/css_minifier.h"

#include <doctest/doctest.h>

#include <string>

using vetrina::minify_css;

TEST_SUITE("css_minifier") {
  TEST_CASE("comments and unneeded whitespace go, the last ';' of a block too") {
    CHECK(minify_css("/* Header */\n.a, .b > .c {\n  color: red;\n  margin: 0 auto;\n}\n\n.d ~ .e { top: 0; }\n") ==
          ".a,.b>.c{color:red;margin:0 auto}.d~.e{top:0}");
  }

  TEST_CASE("spaces that carry meaning stay: descendant pseudo-classes, media features, calc") {
    CHECK(minify_css(".a :hover { x: 1 }") == ".a :hover{x:1}");
    CHECK(minify_css("@media (min-width: 40rem) and (max-width: 60rem) {\n  .a { width: calc(100% - 2rem); }\n}") ==
          "@media (min-width:40rem) and (max-width:60rem){.a{width:calc(100% - 2rem)}}");
    CHECK(minify_css(".a{margin:0/**/auto}") == ".a{margin:0 auto}");
  }

  TEST_CASE("strings are copied as written, escapes and comment-like text included") {
    CHECK(minify_css(".q::before { content: \"\\201C  /* not a comment */\"; }") ==
          ".q::before{content:\"\\201C  /* not a comment */\"}");
    CHECK(minify_css("a[title='x \\' y']  { b: c }") == "a[title='x \\' y']{b:c}");
  }

  TEST_CASE("an unterminated comment or string runs to the end") {
    CHECK(minify_css(".a { b: c } /* open") == ".a{b:c}");
    CHECK(minify_css(".a { content: \"open") == ".a{content:\"open");
  }
}
