#include "generator/render/markdown.h"

#include <doctest/doctest.h>

#include <optional>

#include <set>
#include <string>
#include <vector>

#include "generator/util/parallel.h"

using vetrina::render_markdown;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

struct SeenLink {
  std::string url;
  bool is_image;
  int line;
  int column;
};

}  // namespace

TEST_SUITE("markdown") {
  TEST_CASE("bodies rendered on many threads equal the same bodies rendered one at a time") {
    // cmark-gfm's table of special characters is process-wide (markdown.cpp):
    // strikethrough and autolinks depend on it, tables and task lists are
    // parsed by extensions too. Every body differs, so that threads are at
    // different points of their parse when another one starts or ends.
    const auto body = [](std::size_t i) {
      return "Testo " + std::string(i % 50, 'x') + " e ~~barrato " + std::to_string(i) + "~~ qui, " +
             "vedi www.esempio" + std::to_string(i) + ".it e ~uno~.\n\n" +
             "| Paese | Scuole |\n| --- | ---: |\n| Italia | " + std::to_string(i) + " |\n\n" +
             "- [x] fatto\n- [ ] da fare ~~" + std::string(i % 7, 'y') + "~~\n";
    };
    // On Debian's libcmark-gfm, parses really run at once (not serialised).
    CHECK(vetrina::markdown_parses_in_parallel());
    const std::size_t count = 800;
    std::vector<std::string> alone(count);
    for (std::size_t i = 0; i < count; ++i) {
      alone[i] = render_markdown(body(i)).html;
    }
    REQUIRE(contains(alone[3], "<del>barrato 3</del>"));
    REQUIRE(contains(alone[3], "<del>uno</del>"));
    REQUIRE(contains(alone[3], "<a href=\"http://www.esempio3.it\">"));
    REQUIRE(contains(alone[3], "<td align=\"right\">3</td>"));
    REQUIRE(contains(alone[3], "checked=\"\""));
    for (int round = 0; round < 3; ++round) {
      std::vector<std::string> together(count);
      vetrina::util::parallel_for(count, 8, [&](std::size_t i) { together[i] = render_markdown(body(i)).html; });
      for (std::size_t i = 0; i < count; ++i) {
        if (together[i] != alone[i]) {
          FAIL("body " << i << " differs on round " << round << ":\n" << together[i] << "\nalone:\n" << alone[i]);
        }
      }
    }
  }

  TEST_CASE("raw HTML is never rendered, as a block or inline") {
    struct Case {
      std::string markdown;
      std::string html;
    };
    const Case cases[] = {
        {"<div onclick=\"x()\">ciao</div>\n", "<!-- raw HTML omitted -->\n"},
        {"<script>alert(1)</script>\n", "<!-- raw HTML omitted -->\n"},
        {"<iframe src=\"https://x.it\"></iframe>\n", "<!-- raw HTML omitted -->\n"},
        {"<!-- nota -->\n", "<!-- raw HTML omitted -->\n"},
        {"Testo <b>grassetto</b> e <script>x()</script>.\n",
         "<p>Testo <!-- raw HTML omitted -->grassetto<!-- raw HTML omitted --> e <!-- raw HTML omitted -->x()<!-- raw "
         "HTML omitted -->.</p>\n"},
        {"<a href=\"javascript:x()\">clic</a>\n", "<p><!-- raw HTML omitted -->clic<!-- raw HTML omitted --></p>\n"},
        {"<img src=x onerror=alert(1)>\n", "<!-- raw HTML omitted -->\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.markdown);
      const auto rendered = render_markdown(c.markdown);
      CHECK(rendered.html == c.html);
      CHECK_FALSE(contains(rendered.html, "<script"));
    }
  }

  TEST_CASE("HTML special characters in text and code are escaped") {
    CHECK(render_markdown("a < b & \"c\"\n").html == "<p>a &lt; b &amp; &quot;c&quot;</p>\n");
    CHECK(render_markdown("`<script>`\n").html == "<p><code>&lt;script&gt;</code></p>\n");
    CHECK(render_markdown("```\n<script>x</script>\n```\n").html ==
          "<pre><code>&lt;script&gt;x&lt;/script&gt;\n</code></pre>\n");
  }

  TEST_CASE("dangerous link and image targets lose their address") {
    struct Case {
      std::string markdown;
      std::string html;
    };
    const Case cases[] = {
        {"[a](javascript:alert(1))", "<p><a href=\"\">a</a></p>\n"},
        {"[a](JavaScript:alert(1))", "<p><a href=\"\">a</a></p>\n"},
        {"[a](vbscript:msgbox)", "<p><a href=\"\">a</a></p>\n"},
        {"[a](file:///etc/passwd)", "<p><a href=\"\">a</a></p>\n"},
        {"[a](data:text/html,<b>x</b>)", "<p><a href=\"\">a</a></p>\n"},
        {"[a](data:text/html;base64,PHNjcmlwdD4=)", "<p><a href=\"\">a</a></p>\n"},
        {"![a](javascript:alert(1))", "<p><img src=\"\" alt=\"a\" /></p>\n"},
        {"[a]\n\n[a]: javascript:alert(1)\n", "<p><a href=\"\">a</a></p>\n"},
        {"[a](https://etwinning.net/x?a=1&b=2)", "<p><a href=\"https://etwinning.net/x?a=1&amp;b=2\">a</a></p>\n"},
        {"[a](mailto:info@etwinning.it)", "<p><a href=\"mailto:info@etwinning.it\">a</a></p>\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.markdown);
      CHECK(render_markdown(c.markdown).html == c.html);
    }
  }

  TEST_CASE("GitHub extensions work: tables, strikethrough, autolinks and task lists") {
    CHECK(render_markdown("| Paese | Scuole |\n|---|--:|\n| Francia | 12 |\n").html ==
          "<table>\n<thead>\n<tr>\n<th>Paese</th>\n<th align=\"right\">Scuole</th>\n</tr>\n</thead>\n<tbody>\n"
          "<tr>\n<td>Francia</td>\n<td align=\"right\">12</td>\n</tr>\n</tbody>\n</table>\n");
    CHECK(render_markdown("~~vecchio~~ nuovo\n").html == "<p><del>vecchio</del> nuovo</p>\n");
    CHECK(render_markdown("Vai su www.etwinning.net o https://x.it/a?b=1, scrivi a info@x.it\n").html ==
          "<p>Vai su <a href=\"http://www.etwinning.net\">www.etwinning.net</a> o <a "
          "href=\"https://x.it/a?b=1\">https://x.it/a?b=1</a>, scrivi a <a "
          "href=\"mailto:info@x.it\">info@x.it</a></p>\n");
    CHECK(render_markdown("- [x] fatto\n- [ ] da fare\n").html ==
          "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> fatto</li>\n"
          "<li><input type=\"checkbox\" disabled=\"\" /> da fare</li>\n</ul>\n");
  }

  TEST_CASE("headings get anchors made from their text") {
    const auto rendered = render_markdown("## Attività svolte\n\n### L'orto di *Città* `Alta`\n\n## !!!\n");
    CHECK(rendered.html ==
          "<h2 id=\"attivita-svolte\">Attività svolte</h2>\n"
          "<h3 id=\"l-orto-di-citta-alta\">L'orto di <em>Città</em> <code>Alta</code></h3>\n"
          "<h2 id=\"sezione\">!!!</h2>\n");
    REQUIRE(rendered.headings.size() == 3);
    CHECK(rendered.headings[0].level == 2);
    CHECK(rendered.headings[0].text == "Attività svolte");
    CHECK(rendered.headings[0].id == "attivita-svolte");
    CHECK(rendered.headings[1].level == 3);
    CHECK(rendered.headings[1].text == "L'orto di Città Alta");
    CHECK(rendered.headings[1].id == "l-orto-di-citta-alta");
    CHECK(rendered.headings[2].id == "sezione");
  }

  TEST_CASE("an anchor never starts with a digit") {
    const auto rendered = render_markdown("## 1. Registrarsi\n\n## 2020, un anno\n");
    CHECK(rendered.html ==
          "<h2 id=\"sezione-1-registrarsi\">1. Registrarsi</h2>\n<h2 id=\"sezione-2020-un-anno\">2020, un anno</h2>\n");
  }

  TEST_CASE("repeated headings are numbered from the second one") {
    const auto rendered = render_markdown("## Risultati\n\n## Risultati\n\n# Risultati\n\nSetext\n---\n\n## Setext\n");
    CHECK(rendered.html ==
          "<h2 id=\"risultati\">Risultati</h2>\n<h2 id=\"risultati-2\">Risultati</h2>\n"
          "<h1 id=\"risultati-3\">Risultati</h1>\n<h2 id=\"setext\">Setext</h2>\n<h2 id=\"setext-2\">Setext</h2>\n");
  }

  // BUG: generator/markdown.cpp:93 numbers a repeated heading "<base>-<n>" without checking that id is free,
  // so "Intro", "Intro", "Intro 2" all but one give "intro-2": two elements with one id, and the second
  // anchor link never reaches its heading. Fix: keep a set of ids already given and bump n (or append
  // another suffix) until the id is unused; also record every id given, not only the base.
  TEST_CASE("heading anchors are unique even when a heading's text looks numbered") {
    const auto rendered = render_markdown("## Intro\n\n## Intro\n\n## Intro 2\n");
    std::set<std::string> ids;
    for (const auto& heading : rendered.headings) {
      ids.insert(heading.id);
    }
    CHECK(rendered.headings.size() == 3);
    CHECK(ids.size() == 3);
  }

  TEST_CASE("only real headings get an id, never <h..> text in code or other tags") {
    CHECK(render_markdown("```\n<h2>x</h2>\n```\n\n---\n\n### T\n").html ==
          "<pre><code>&lt;h2&gt;x&lt;/h2&gt;\n</code></pre>\n<hr />\n<h3 id=\"t\">T</h3>\n");
  }

  TEST_CASE("plain text keeps the words and separates blocks by newlines") {
    const std::string markdown =
        "## Obiettivi\n\nUn *bel* [lavoro](x)\ndi classe\n\n- uno\n- due\n\n> cit\n\n```\ncodice\n```\n";
    CHECK(render_markdown(markdown).plain_text == "Obiettivi\nUn bel lavoro di classe\nuno\ndue\ncit\ncodice\n");
    CHECK(render_markdown("<b>ciao</b> <script>x()</script>\n").plain_text == "ciao x()\n");
    CHECK(render_markdown("").plain_text == "");
  }

  // BUG: generator/markdown.cpp:54 (is_block) and :110 add a separator only after paragraphs, headings, list
  // items, code and quotes; table cells and rows (extension nodes) get none, so "| Italia | 12 |" becomes
  // "Italia12" in the search index and descriptions. Fix: also add ' ' on exit of a "table_cell" node and '\n'
  // on exit of a "table_row" (cmark_node_get_type_string), or treat every block-level node as a separator.
  TEST_CASE("plain text keeps the words of table cells apart") {
    CHECK(render_markdown("| Paese | Scuole |\n|---|---|\n| Italia | 12 |\n").plain_text ==
          "Paese Scuole\nItalia 12\n");
  }

  TEST_CASE("the link resolver sees every link and image with its line and column, and may rewrite it") {
    std::vector<SeenLink> seen;
    const auto rendered = render_markdown(
        "Primo [a](../x/)\nseconda riga [b](y.pdf) e ![c](foto.jpg)\n\n- voce [d](w)\n\n> [e](q)\n\n"
        "| t |\n|---|\n| [f](g) |\n",
        [&](const std::string& url, bool is_image, int line, int column) -> std::optional<std::string> {
          seen.push_back({url, is_image, line, column});
          if (url == "../x/") {
            return "/esperienze/x/";
          }
          return std::nullopt;
        });
    REQUIRE(seen.size() == 6);
    const SeenLink expected[] = {{"../x/", false, 1, 7}, {"y.pdf", false, 2, 14}, {"foto.jpg", true, 2, 27},
                                 {"w", false, 4, 8},     {"q", false, 6, 3},      {"g", false, 10, 3}};
    for (std::size_t i = 0; i < seen.size(); ++i) {
      CAPTURE(i);
      CHECK(seen[i].url == expected[i].url);
      CHECK(seen[i].is_image == expected[i].is_image);
      CHECK(seen[i].line == expected[i].line);
      CHECK(seen[i].column == expected[i].column);
    }
    CHECK(contains(rendered.html, "<a href=\"/esperienze/x/\">a</a>"));
    CHECK(contains(rendered.html, "<a href=\"y.pdf\">b</a>"));
    CHECK(contains(rendered.html, "<img src=\"foto.jpg\" alt=\"c\" />"));
  }

  TEST_CASE("a rewritten address is still made safe and escaped") {
    const auto rendered = render_markdown("[a](x) [b](y)", [](const std::string& url, bool, int, int) {
      return std::optional<std::string>(url == "x" ? "javascript:alert(1)" : "/a?b=\"c\"&d");
    });
    CHECK(rendered.html == "<p><a href=\"\">a</a> <a href=\"/a?b=%22c%22&amp;d\">b</a></p>\n");
  }

  TEST_CASE("invalid UTF-8 is replaced, never passed through") {
    CHECK(render_markdown("caf\xE9\n").html == "<p>caf\xEF\xBF\xBD</p>\n");
  }
}
