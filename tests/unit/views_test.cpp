#include "generator/render/views.h"
#include "generator/util/hash.h"

#include <doctest/doctest.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "generator/render/renderer.h"
#include "tests/unit/test_support.h"

using vetrina::Crumb;
using vetrina::Date;
using vetrina::italian_date;
using vetrina::page_url;
using vetrina::PageMeta;
using vetrina::pagination_window;
using vetrina::script_safe_json;
using vetrina::Site;
using vetrina::stories_count_label;
using vetrina::TemplateData;
using vetrina::Views;
using vetrina::test::add_story;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

namespace {

// A theme with every required template (empty) and the three assets.
const vetrina::Theme& test_theme() {
  static const vetrina::Theme theme = [] {
    vetrina::util::MemoryFileSystem fs;
    for (const auto& name : vetrina::required_templates()) {
      fs.add_file("t/templates/" + name + ".mustache", "");
    }
    // Cards are rendered on their own (Views::card_html): enough to tell them apart.
    fs.add_file(std::string("t/templates/") + vetrina::k_card_template + ".mustache",
                "{{url}}{{#example}} [esempio]{{/example}}{{#school_year}} {{school_year}}{{/school_year}}"
                "{{#image}}{{#lazy}} lazy{{/lazy}}{{/image}}");
    fs.add_file("t/static/assets/style.css", "body{}");
    fs.add_file("t/static/assets/story.js", "let a;");
    fs.add_file("t/static/assets/search.js", "let b;");
    vetrina::DiagnosticBag diagnostics;
    auto loaded = vetrina::Theme::load(fs, "t", vetrina::required_templates(), diagnostics);
    REQUIRE(loaded.has_value());
    return *loaded;
  }();
  return theme;
}

// The value at a dotted path ("meta.title", "pagination.pages"): a string as
// is, a bool as "true"/"false", a list as "[n]", absence as "<none>".
std::string at(const TemplateData& data, const std::string& path) {
  const TemplateData* node = &data;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = std::min(path.find('.', start), path.size());
    node = node->is_object() ? node->get(path.substr(start, dot - start)) : nullptr;
    if (node == nullptr) {
      return "<none>";
    }
    start = dot + 1;
  }
  if (node->is_string()) {
    return node->string_value();
  }
  if (node->is_bool()) {
    return node->is_true() ? "true" : "false";
  }
  if (node->is_list()) {
    return "[" + std::to_string(node->list_value().size()) + "]";
  }
  return "<object>";
}

const std::vector<TemplateData>& list(const TemplateData& data, const std::string& key) {
  const TemplateData* node = data.get(key);
  REQUIRE(node != nullptr);
  REQUIRE(node->is_list());
  return node->list_value();
}

// The given stories on the tiny site, loaded and indexed without errors.
Site load(const std::vector<std::pair<std::string, StoryText>>& stories, int per_page = 12) {
  auto fs = tiny_site();
  fs.add_file("content/site.yaml",
              std::string(vetrina::test::k_site_yaml) + "per_page: " + std::to_string(per_page) + "\n");
  for (const auto& [folder, story] : stories) {
    add_story(fs, folder, story);
  }
  return vetrina::test::load_clean(fs);
}

std::string window(int current, int count) {
  std::string out;
  for (const auto& link : pagination_window(current, count, "/esperienze/")) {
    out += out.empty() ? "" : " ";
    const std::string number = std::to_string(link.number);
    out += link.number == 0 ? "…" : link.current ? "[" + number + "]" : number;
  }
  return out;
}

}  // namespace

TEST_SUITE("views") {
  TEST_CASE("italian_date writes day, Italian month name and year") {
    struct Case {
      Date date;
      std::string text;
    };
    const Case cases[] = {
        {{2016, 5, 10}, "10 maggio 2016"},    {{2020, 1, 1}, "1 gennaio 2020"},
        {{2019, 2, 28}, "28 febbraio 2019"},  {{2018, 3, 8}, "8 marzo 2018"},
        {{2018, 4, 25}, "25 aprile 2018"},    {{2018, 6, 2}, "2 giugno 2018"},
        {{2018, 7, 14}, "14 luglio 2018"},    {{2018, 8, 15}, "15 agosto 2018"},
        {{2018, 9, 1}, "1 settembre 2018"},   {{2018, 10, 4}, "4 ottobre 2018"},
        {{2018, 11, 11}, "11 novembre 2018"}, {{2019, 12, 31}, "31 dicembre 2019"},
        {{2019, 13, 1}, "2019-13-01"},        {{0, 0, 0}, "0000-00-00"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      CHECK(italian_date(c.date) == c.text);
    }
  }

  TEST_CASE("stories_count_label agrees the noun with the number") {
    CHECK(stories_count_label(0) == "0 esperienze");
    CHECK(stories_count_label(1) == "1 esperienza");
    CHECK(stories_count_label(2) == "2 esperienze");
    CHECK(stories_count_label(12) == "12 esperienze");
    CHECK(stories_count_label(4592) == "4.592 esperienze");
  }

  TEST_CASE("by_publisher uses dall' before a vowel and da otherwise") {
    CHECK(vetrina::by_publisher("Unità nazionale eTwinning INDIRE") == "dall'Unità nazionale eTwinning INDIRE");
    CHECK(vetrina::by_publisher("INDIRE") == "dall'INDIRE");
    CHECK(vetrina::by_publisher("Ministero dell'Istruzione") == "da Ministero dell'Istruzione");
  }

  TEST_CASE("page_url keeps the base for page 1 and adds pagina/N/ after") {
    CHECK(page_url("/esperienze/", 1) == "/esperienze/");
    CHECK(page_url("/esperienze/", 0) == "/esperienze/");
    CHECK(page_url("/esperienze/", 2) == "/esperienze/pagina/2/");
    CHECK(page_url("/esperienze/livello/primaria/", 13) == "/esperienze/livello/primaria/pagina/13/");
  }

  TEST_CASE("pagination_window shows first, last, two either side of the current, and ellipses") {
    struct Case {
      int current;
      int count;
      std::string window;
    };
    const Case cases[] = {
        {1, 1, "[1]"},
        {1, 5, "[1] 2 3 … 5"},
        {2, 5, "1 [2] 3 4 5"},
        {3, 5, "1 2 [3] 4 5"},
        {4, 10, "1 2 3 [4] 5 6 … 10"},
        {5, 10, "1 … 3 4 [5] 6 7 … 10"},
        {10, 10, "1 … 8 9 [10]"},
        {7, 10, "1 … 5 6 [7] 8 9 10"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.current);
      CAPTURE(c.count);
      CHECK(window(c.current, c.count) == c.window);
    }
    const auto links = pagination_window(2, 3, "/esperienze/livello/primaria/");
    REQUIRE(links.size() == 3);
    CHECK(links[0].url == "/esperienze/livello/primaria/");
    CHECK(links[1].url == "/esperienze/livello/primaria/pagina/2/");
    CHECK(links[1].current);
    CHECK(links[2].url == "/esperienze/livello/primaria/pagina/3/");
    CHECK(pagination_window(1, 0, "/esperienze/").empty());
  }

  TEST_CASE("script_safe_json escapes every '<' so no </script> can close the element") {
    CHECK(script_safe_json(R"({"a":"</script><!--"})") == R"({"a":"\u003c/script>\u003c!--"})");
    CHECK(script_safe_json("{}") == "{}");
  }

  TEST_CASE("story_json_ld describes the Article and its breadcrumbs, safe inside <script>") {
    const Site site = load({{"x", StoryText()
                                      .set("title", "\"Tom & Jerry </script><script>alert(1)</script>\"")
                                      .set("teachers", "[\"Silvana Rampone\"]")
                                      .set("levels", "[primaria, infanzia]")}});
    const Views views(site, test_theme());
    const std::string ld = views.story_json_ld(site.stories[0], {{"Home", "/"}, {"Esperienze", "/esperienze/"}});
    CHECK(ld.find('<') == std::string::npos);
    const auto json = nlohmann::json::parse(ld);
    CHECK(json["@context"] == "https://schema.org");
    const auto& article = json["@graph"][0];
    CHECK(article["@type"] == "Article");
    CHECK(article["headline"] == "Tom & Jerry </script><script>alert(1)</script>");
    CHECK(article["url"] == "https://etwinning.example.it/esperienze/x/");
    CHECK(article["@id"] == "https://etwinning.example.it/esperienze/x/#articolo");
    CHECK(article["datePublished"] == "2016-05-10");
    CHECK(article["inLanguage"] == "it");
    CHECK(article["publisher"]["name"] == "Unità nazionale eTwinning");
    CHECK(article["author"][0]["name"] == "Silvana Rampone");
    CHECK(article["educationalLevel"] == nlohmann::json({"Scuola primaria", "Scuola dell'infanzia"}));
    CHECK(article["keywords"] == nlohmann::json({"Competenza multilinguistica", "Inglese", "Italiano"}));
    const auto& crumbs = json["@graph"][1]["itemListElement"];
    REQUIRE(crumbs.size() == 3);
    CHECK(crumbs[0]["position"] == 1);
    CHECK(crumbs[0]["item"] == "https://etwinning.example.it/");
    CHECK(crumbs[1]["item"] == "https://etwinning.example.it/esperienze/");
    CHECK(crumbs[2]["position"] == 3);
    CHECK(crumbs[2]["name"] == "Tom & Jerry </script><script>alert(1)</script>");
  }

  TEST_CASE("frame gives the head, the menus with the current section, and breadcrumbs") {
    const Site site = load({});
    const Views views(site, test_theme());
    PageMeta meta;
    meta.title = "Holidays in a box";
    meta.description = "Una scatola";
    meta.url = "/esperienze/x/";
    meta.crumbs = {{"Home", "/"}, {"Esperienze", "/esperienze/"}};
    const TemplateData page = views.frame(meta);
    CHECK(at(page, "meta.title") == "Holidays in a box · Esperienze eTwinning");
    CHECK(at(page, "meta.og_title") == "Holidays in a box");
    CHECK(at(page, "meta.description") == "Una scatola");
    CHECK(at(page, "meta.canonical") == "https://etwinning.example.it/esperienze/x/");
    CHECK(at(page, "meta.og_type") == "website");
    CHECK(at(page, "meta.json_ld") == "<none>");
    CHECK(at(page, "meta.noindex") == "false");
    CHECK(at(page, "site.css") == "/assets/style.css?v=" + vetrina::util::content_hash("body{}").substr(0, 10));
    CHECK(at(page, "site.story_js") == "/assets/story.js?v=" + vetrina::util::content_hash("let a;").substr(0, 10));
    CHECK(at(page, "site.search_js") == "/assets/search.js?v=" + vetrina::util::content_hash("let b;").substr(0, 10));
    CHECK(at(page, "site.language") == "it");
    CHECK(at(page, "current_title") == "Holidays in a box");
    CHECK(at(page, "breadcrumbs.items") == "[2]");
    const auto& main_menu = list(*page.get("site"), "main_menu");
    REQUIRE(main_menu.size() == 1);
    CHECK(at(main_menu[0], "url") == "/esperienze/");
    CHECK(at(main_menu[0], "current") == "true");  // inside the section
    const auto& footer = list(*page.get("site"), "footer_menu");
    CHECK(at(footer[0], "current") == "<none>");

    PageMeta list_meta;
    list_meta.title = "Esperienze";
    list_meta.url = "/esperienze/";
    const TemplateData list_page = views.frame(list_meta);
    CHECK(at(list(*list_page.get("site"), "main_menu")[0], "current") == "page");
    CHECK(at(list_page, "meta.description") == "Storie di progetti eTwinning");  // the site's, by default
    CHECK(at(list_page, "breadcrumbs") == "<none>");

    PageMeta home;
    home.title = "Esperienze eTwinning";
    home.url = "/";
    CHECK(at(views.frame(home), "meta.title") == "Esperienze eTwinning");
  }

  TEST_CASE("story view lists terms by taxonomy, partners, labels and sharing links") {
    const Site site =
        load({{"x", StoryText()
                        .set("title", "\"L'orto & il mare\"")
                        .set("partners",
                             "[{school: \"École\", city: \"Lyon\", country: FR}, "
                             "{school: \"IC Roma\", country: IT}]")
                        .set("themes", "[inclusione]")
                        .set("quality_labels", "{national: 2013}")
                        .set("interviews", "[{role: dirigente, name: \"Anna Neri\", quote: \"Bene\"}]")}});
    const Views views(site, test_theme());
    const TemplateData view = views.story(site.stories[0]);
    CHECK(at(view, "title") == "L'orto & il mare");
    CHECK(at(view, "date_label") == "10 maggio 2016");
    CHECK(at(view, "date_iso") == "2016-05-10");
    CHECK(at(view, "region.label") == "Toscana");
    CHECK(at(view, "region.url") == "/esperienze/regione/toscana/");
    CHECK(at(view, "type.label") == "Progetto europeo");
    CHECK(at(view, "type.url") == "/esperienze/tipo/europeo/");
    CHECK(at(view, "has_teachers") == "<none>");
    const auto& groups = list(view, "groups");
    REQUIRE(groups.size() == 4);  // levels, competences, subjects, themes; no methods or tools
    CHECK(at(groups[0], "label") == "Livelli scolastici");
    CHECK(at(groups[3], "label") == "Temi");
    CHECK(at(list(groups[2], "terms")[1], "url") == "/esperienze/disciplina/italiano/");
    const auto& partners = list(view, "partners");
    REQUIRE(partners.size() == 2);
    CHECK(at(partners[0], "country.label") == "Francia");
    CHECK(at(partners[0], "country.url") == "/esperienze/paese/fr/");
    CHECK(at(partners[1], "country_name") == "Italia");
    CHECK(at(partners[1], "city") == "<none>");
    CHECK(at(view, "quality_labels.national") == "2013");
    CHECK(at(view, "quality_labels.european") == "<none>");
    CHECK(at(list(view, "interviews")[0], "role") == "Dirigente scolastico");
    const auto& share = list(view, "share");
    REQUIRE(share.size() == 5);
    CHECK(at(share[0], "url") ==
          "mailto:?subject=L%27orto%20%26%20il%20mare&body=https%3A%2F%2Fetwinning.example.it%2Fesperienze%2Fx%2F");
    CHECK(at(share[2], "url") ==
          "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fetwinning.example.it%2Fesperienze%2Fx%2F");
  }

  TEST_CASE("story_list shows one page of cards with its pagination") {
    std::vector<std::pair<std::string, StoryText>> stories;
    for (int i = 1; i <= 5; ++i) {
      stories.push_back({"s" + std::to_string(i), StoryText().set("date", "2019-01-0" + std::to_string(i))});
    }
    const Site site = load(stories, 2);
    const Views views(site, test_theme());
    const std::vector<std::size_t> all = {0, 1, 2, 3, 4};

    const TemplateData second = views.story_list(all, 2, "/esperienze/");
    CHECK(at(second, "count") == "5 esperienze");
    const auto& cards = list(second, "cards");
    REQUIRE(cards.size() == 2);
    CHECK(at(cards[0], "html").starts_with("/esperienze/s3/ 2012/2013"));
    CHECK(at(cards[1], "html").starts_with("/esperienze/s2/ 2012/2013"));
    CHECK(at(second, "pagination.current") == "2");
    CHECK(at(second, "pagination.total") == "3");
    CHECK(at(second, "pagination.prev_url") == "/esperienze/");
    CHECK(at(second, "pagination.next_url") == "/esperienze/pagina/3/");
    CHECK(at(second, "pagination.pages") == "[3]");

    const TemplateData last = views.story_list(all, 3, "/esperienze/");
    CHECK(list(last, "cards").size() == 1);
    CHECK(at(last, "pagination.next_url") == "<none>");
    CHECK(at(last, "pagination.prev_url") == "/esperienze/pagina/2/");

    const TemplateData one = views.story_list({4}, 1, "/esperienze/");
    CHECK(at(one, "count") == "1 esperienza");
    CHECK(at(one, "pagination") == "<none>");
  }

  TEST_CASE("cards carry title, place, levels and the Italian date") {
    const Site site = load({{"x", StoryText().set("levels", "[infanzia, primaria]")}});
    const Views views(site, test_theme());
    const TemplateData& card = views.card(0);
    CHECK(at(card, "title") == "Holidays in a box");
    CHECK(at(card, "place") == "Prato (Toscana)");
    CHECK(at(card, "date_label") == "10 maggio 2016");
    CHECK(at(card, "school_year") == "2012/2013");
    const auto& levels = list(card, "levels");
    REQUIRE(levels.size() == 2);
    CHECK(at(levels[0], "label") == "Scuola dell'infanzia");
  }

  TEST_CASE("a card shows only its own story: an example story's badge never reaches a real story's card") {
    const Site site = load({{"esempio", StoryText().set("example", "true").set("levels", "[primaria]")},
                            {"vera", StoryText().set("levels", "[primaria]").set("school_year", "\"2019/2020\"")}});
    const Views views(site, test_theme());
    const std::size_t example = site.story_index.at("esempio");
    const std::size_t real = site.story_index.at("vera");
    const TemplateData page = views.story(site.stories[example]);
    CHECK(at(page, "example") != "<none>");  // the page around the card is an example's, with a year
    const auto& related = list(page, "related");
    REQUIRE(related.size() == 1);
    CHECK(at(related[0], "html") == "/esperienze/vera/ 2019/2020");
    CHECK(views.card_html(example) == "/esperienze/esempio/ [esempio] 2012/2013");
    // Kept: the same card the next time. (The eager variant, without
    // loading="lazy", is checked in the e2e trees, which have pictures.)
    CHECK(views.card_html(real) == "/esperienze/vera/ 2019/2020");
    CHECK(views.card_html(example, true) == "/esperienze/esempio/ [esempio] 2012/2013");
    // A story the views were not made for is an error, not a read past the cache.
    CHECK_THROWS_AS(views.card_html(site.stories.size()), std::out_of_range);
  }

  TEST_CASE("term_list shows only terms with stories, in taxonomy order, with counts") {
    const Site site = load(
        {{"a", StoryText().set("levels", "[primaria]")}, {"b", StoryText().set("levels", "[primaria, infanzia]")}});
    const Views views(site, test_theme());
    const TemplateData view = views.term_list(site.taxonomy(vetrina::TaxonomyId::livello));
    CHECK(at(view, "title") == "Livelli scolastici");
    CHECK(at(view, "empty") == "false");
    const auto& terms = list(view, "terms");
    REQUIRE(terms.size() == 2);
    CHECK(at(terms[0], "label") == "Scuola dell'infanzia");
    CHECK(at(terms[0], "count") == "1 esperienza");
    CHECK(at(terms[0], "url") == "/esperienze/livello/infanzia/");
    CHECK(at(terms[1], "count") == "2 esperienze");
    CHECK(at(views.term_list(site.taxonomy(vetrina::TaxonomyId::metodo)), "empty") == "true");
  }

  TEST_CASE("home shows at most six latest stories and the total") {
    std::vector<std::pair<std::string, StoryText>> stories;
    for (int i = 1; i <= 8; ++i) {
      stories.push_back({"s" + std::to_string(i), StoryText().set("date", "2019-01-0" + std::to_string(i))});
    }
    const Site site = load(stories);
    const Views views(site, test_theme());
    const TemplateData home = views.home();
    CHECK(at(home, "latest") == "[6]");
    CHECK(at(list(home, "latest")[0], "html").starts_with("/esperienze/s8/"));
    CHECK(at(home, "total") == "8");
    CHECK(at(home, "intro") == "<none>");
    const auto& browse = list(home, "browse");
    REQUIRE(browse.size() == 2);
    CHECK(at(browse[0], "url") == "/esperienze/livello/");
    CHECK(at(browse[1], "url") == "/esperienze/competenza/");
  }
}
