#include "generator/content/site_config_decoder.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::decode_site_config;
using vetrina::DiagnosticBag;
using vetrina::test::diagnostics_text;

namespace {

// `base` with the one occurrence of `from` replaced by `to`.
std::string with(std::string base, const std::string& from, const std::string& to) {
  const auto pos = base.find(from);
  REQUIRE(pos != std::string::npos);
  return base.replace(pos, from.size(), to);
}

std::string located(const vetrina::Location& loc) {
  return loc.path + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

}  // namespace

TEST_SUITE("site_config_decoder") {
  TEST_CASE("decode_site_config reads every field and applies the documented defaults") {
    DiagnosticBag diagnostics;
    const auto config = decode_site_config(vetrina::test::k_site_yaml, "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.title == "Esperienze eTwinning");
    CHECK(config.description == "Storie di progetti eTwinning");
    CHECK(config.base_url == "https://etwinning.example.it");
    CHECK(config.publisher == "Unità nazionale eTwinning");
    CHECK(config.language == "it");
    CHECK(config.intro.empty());
    CHECK(config.per_page == 12);
    CHECK(config.feed_items == 20);
    CHECK(config.image_widths == std::vector<int>{480, 960, 1600});
    REQUIRE(config.main_menu.size() == 1);
    CHECK(config.main_menu[0].label == "Esperienze");
    CHECK(config.main_menu[0].url == "/esperienze/");
    CHECK(located(config.main_menu[0].location) == "content/site.yaml:6:37");
    REQUIRE(config.footer_menu.size() == 1);
    CHECK(config.footer_menu[0].url == "/privacy/");
  }

  TEST_CASE("decode_site_config strips trailing slashes of base_url and sorts image widths") {
    const std::string text = with(with(vetrina::test::k_site_yaml, "https://etwinning.example.it", "https://x.it//"),
                                  "menus:", "image_widths: [1600, 480, 960, 480]\nper_page: 5\nlanguage: en\nmenus:");
    DiagnosticBag diagnostics;
    const auto config = decode_site_config(text, "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.base_url == "https://x.it");
    CHECK(config.image_widths == std::vector<int>{480, 960, 1600});
    CHECK(config.per_page == 5);
    CHECK(config.language == "en");
  }

  TEST_CASE("decode_site_config reads the footer's contact address") {
    DiagnosticBag diagnostics;
    const auto config =
        decode_site_config(std::string(vetrina::test::k_site_yaml) + "contact_email: etwinning@indire.it\n",
                           "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.contact_email == "etwinning@indire.it");
  }

  TEST_CASE("decode_site_config reports every wrong field") {
    struct Case {
      std::string name;
      std::string text;
      std::string expected;
    };
    const std::string site = vetrina::test::k_site_yaml;
    const Case cases[] = {
        {"relative base_url", with(site, "\"https://etwinning.example.it\"", "etwinning.it"),
         "content/site.yaml:3:11: error: base_url must be an absolute address starting with https://\n"},
        {"per_page out of range", site + "per_page: 0\n",
         "content/site.yaml:8:11: error: per_page must be between 1 and 100\n"},
        {"feed_items out of range", site + "feed_items: 5000\n",
         "content/site.yaml:8:13: error: feed_items must be between 1 and 1000\n"},
        {"per_page not a number", site + "per_page: dodici\n",
         "content/site.yaml:8:11: error: field 'per_page' must be a whole number, not 'dodici'\n"},
        {"bad image widths", site + "image_widths: [480, abc, 10]\n",
         "content/site.yaml:8:21: error: image width must be a number of pixels between 16 and 8000, not 'abc'\n"
         "content/site.yaml:8:26: error: image width must be a number of pixels between 16 and 8000, not '10'\n"},
        {"contact_email not an address", site + "contact_email: etwinning\n",
         "content/site.yaml:8:16: error: contact_email must be an e-mail address such as etwinning@indire.it\n"},
        {"unknown key", site + "titel: x\n",
         "content/site.yaml:8:1: error: unknown field 'titel' in site.yaml (did you mean 'title'?)\n"},
        {"unknown menu", with(site, "  footer:", "  fotter:"),
         "content/site.yaml:7:3: error: unknown field 'fotter' in menus (did you mean 'footer'?)\n"},
        {"menu item without url", with(site, "{label: \"Privacy\", url: \"/privacy/\"}", "{label: \"Privacy\"}"),
         "content/site.yaml:7:12: error: missing required field 'url' in item 1 of menu 'footer'\n"},
        {"empty file", "",
         "content/site.yaml:1:1: error: missing required field 'base_url' in site.yaml\n"
         "content/site.yaml:1:1: error: missing required field 'description' in site.yaml\n"
         "content/site.yaml:1:1: error: missing required field 'publisher' in site.yaml\n"
         "content/site.yaml:1:1: error: missing required field 'title' in site.yaml\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      DiagnosticBag diagnostics;
      decode_site_config(c.text, "content/site.yaml", diagnostics);
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
  }

  TEST_CASE("menu addresses that would run script are refused, however they are spelled") {
    for (const std::string url : {"javascript:alert(1)", "  JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "vbscript:x",
                                  "data:text/html,x", "file:///etc/passwd"}) {
      CAPTURE(url);
      DiagnosticBag diagnostics;
      const auto config = decode_site_config(
          "title: t\ndescription: d\nbase_url: \"https://x.it\"\npublisher: p\nmenus:\n  main: [{label: L, url: \"" +
              url + "\"}]\n",
          "content/site.yaml", diagnostics);
      CHECK(config.main_menu.empty());
      const std::string text = diagnostics_text(diagnostics);
      CAPTURE(text);
      CHECK(text.starts_with("content/site.yaml:6:26: error: menu link '"));
      CHECK(text.find("cannot be published: addresses starting with javascript:, vbscript:, file: or data: are "
                      "removed for the visitors' safety") != std::string::npos);
    }
    DiagnosticBag diagnostics;
    const auto config = decode_site_config(
        "title: t\ndescription: d\nbase_url: \"https://x.it\"\npublisher: p\nmenus:\n  main: [{label: L, url: "
        "\"/chi-siamo/\"}, {label: M, url: \"https://x.it/a:b\"}, {label: N, url: \"mailto:a@b.it\"}]\n",
        "content/site.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(config.main_menu.size() == 3);
  }
}
