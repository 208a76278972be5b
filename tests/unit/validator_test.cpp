#include "generator/check/validator.h"

#include <doctest/doctest.h>

#include "generator/util/strings.h"
#include "tests/unit/check_support.h"

using vetrina::DiagnosticBag;
using vetrina::load_content;
using vetrina::LoadOptions;
using vetrina::Site;
using vetrina::validate_site;
using vetrina::test::add_story;
using vetrina::test::check;
using vetrina::test::check_story;
using vetrina::test::diagnostics_text;
using vetrina::test::k_p;
using vetrina::test::run;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

TEST_SUITE("validator") {
  TEST_CASE("a complete, valid story gives no diagnostics") {
    CHECK(check_story(StoryText()) == "");
    CHECK(check_story(StoryText()
                          .set("themes", "[inclusione]")
                          .set("quality_labels", "{national: 2013, european: 2013}")
                          .set("cover", "{src: cover.jpg, alt: \"La scatola\", minors: true, consent: true}")
                          .set("gallery", "[{src: a.jpg, alt: \"Alunni\", minors: false}]")
                          .set("twinspace", "https://twinspace.etwinning.net/1234")) == "");
  }

  TEST_CASE("missing required fields are reported at the start of the front matter") {
    run({
        {"title", StoryText().remove("title"), k_p + "3:1: error: missing required field 'title' in story\n"},
        {"summary", StoryText().remove("summary"), k_p + "2:1: error: missing required field 'summary' in story\n"},
        {"date", StoryText().remove("date"), k_p + "2:1: error: missing required field 'date' in story\n"},
        {"school_year", StoryText().remove("school_year"),
         k_p + "2:1: error: missing required field 'school_year' in story\n"},
        {"project_type", StoryText().remove("project_type"),
         k_p + "2:1: error: missing required field 'project_type' in story\n"},
        {"levels", StoryText().remove("levels"), k_p + "2:1: error: missing required field 'levels' in story\n"},
        {"competences", StoryText().remove("competences"),
         k_p + "2:1: error: missing required field 'competences' in story\n"},
        {"subjects", StoryText().remove("subjects"), k_p + "2:1: error: missing required field 'subjects' in story\n"},
        {"school", StoryText().remove("school"),
         k_p + "2:1: error: missing required field 'school' (write school: {name: \"...\", city: \"...\", region: "
               "...})\n"},
        {"school name", StoryText().set("school", "{city: \"Prato\", region: toscana}"),
         k_p + "10:9: error: missing required field 'name' in school\n"},
    });
  }

  TEST_CASE("fields of the wrong type are reported") {
    run({
        {"title as a list", StoryText().set("title", "[a, b]"),
         k_p + "2:8: error: field 'title' must be a single value, not a list or a group\n"},
        {"levels as a group", StoryText().set("levels", "{a: b}"),
         k_p + "7:9: error: field 'levels' must be a list like [a, b]\n"},
        {"school as a text", StoryText().set("school", "\"IC Prato\""),
         k_p + "10:9: error: school must be a set of 'key: value' fields\n"},
        {"quality label as a word", StoryText().set("quality_labels", "{national: duemila}"),
         k_p + "12:28: error: field 'national' must be a whole number, not 'duemila'\n"},
        {"minors as a word", StoryText().set("cover", "{src: cover.jpg, alt: \"x\", minors: forse}"),
         k_p + "12:43: error: field 'minors' must be true or false, not 'forse'\n"},
    });
  }

  TEST_CASE("impossible dates are reported") {
    run({
        {"30 February", StoryText().set("date", "2019-02-30"),
         k_p + "4:7: error: date '2019-02-30' is not a real date: write it as YYYY-MM-DD, e.g. 2019-05-10\n"},
        {"29 February of a common year", StoryText().set("date", "2019-02-29"),
         k_p + "4:7: error: date '2019-02-29' is not a real date: write it as YYYY-MM-DD, e.g. 2019-05-10\n"},
        {"month 13", StoryText().set("date", "2019-13-01"),
         k_p + "4:7: error: date '2019-13-01' is not a real date: write it as YYYY-MM-DD, e.g. 2019-05-10\n"},
    });
    CHECK(check_story(StoryText().set("date", "2020-02-29")) == "");
  }

  TEST_CASE("school_year must be two consecutive years from eTwinning's start") {
    run({
        {"hyphen", StoryText().set("school_year", "\"2012-2013\""),
         k_p + "5:14: error: school_year '2012-2013' must be two years like \"2018/2019\" (in quotes)\n"},
        {"short years", StoryText().set("school_year", "\"12/13\""),
         k_p + "5:14: error: school_year '12/13' must be two years like \"2018/2019\" (in quotes)\n"},
        {"not consecutive", StoryText().set("school_year", "\"2012/2014\""),
         k_p + "5:14: error: school_year '2012/2014' must be two consecutive years, e.g. \"2012/2013\"\n"},
        {"reversed", StoryText().set("school_year", "\"2013/2012\""),
         k_p + "5:14: error: school_year '2013/2012' must be two consecutive years, e.g. \"2013/2014\"\n"},
        {"before eTwinning", StoryText().set("school_year", "\"2002/2003\""),
         k_p + "5:14: error: school_year '2002/2003' is before eTwinning began (2005)\n"},
    });
    CHECK(check_story(StoryText().set("school_year", "2012/2013")) == "");      // quotes are optional
    CHECK(check_story(StoryText().set("school_year", "\"2004/2005\"")) == "");  // eTwinning began in January 2005
  }

  TEST_CASE("project types: europeo needs a partner abroad, nazionale Italian partners, istituto none") {
    run({
        {"europeo with Italian partners only",
         StoryText().set("partners", "[{school: \"IC Roma\", city: \"Roma\", country: IT}]"),
         k_p + "11:11: error: a European project (project_type: europeo) needs at least one partner school from "
               "another eTwinning country\n"},
        {"europeo without partners", StoryText().remove("partners"),
         k_p + "6:15: error: a European project (project_type: europeo) needs at least one partner school from another "
               "eTwinning country\n"},
        {"nazionale without partners", StoryText().set("project_type", "nazionale").remove("partners"),
         k_p +
             "6:15: error: a national project (project_type: nazionale) needs at least one partner school in Italy\n"},
        {"nazionale with a partner abroad",
         StoryText()
             .set("project_type", "nazionale")
             .set("partners", "[{school: \"IC Roma\", country: IT}, {school: \"École\", country: FR}]"),
         k_p + "11:74: error: a national project has only Italian partners (country: IT); with a partner abroad use "
               "project_type: europeo\n"},
        {"istituto with partners", StoryText().set("project_type", "istituto"),
         k_p + "11:11: error: an institute project (project_type: istituto) involves teachers of one school only: "
               "remove 'partners'\n"},
        {"istituto with Quality Labels",
         StoryText().set("project_type", "istituto").remove("partners").set("quality_labels", "{national: 2013}"),
         k_p + "12:17: error: institute projects (project_type: istituto) cannot hold Quality Labels: remove "
               "'quality_labels'\n"},
    });
    CHECK(check_story(
              StoryText()
                  .set("project_type", "nazionale")
                  .set("partners", "[{school: \"IC Roma\", country: IT}, {school: \"IC Bari\", country: it}]")) == "");
    CHECK(check_story(StoryText().set("project_type", "istituto").remove("partners")) == "");
    CHECK(check_story(StoryText().set("partners",
                                      "[{school: \"IC Roma\", country: IT}, {school: \"École\", country: FR}]")) == "");
  }

  TEST_CASE("Quality Label years follow the school year and the national label comes first") {
    run({
        {"national before eTwinning", StoryText().set("quality_labels", "{national: 2004}"),
         k_p + "12:28: error: Quality Label year 2004 is not a valid year\n"},
        {"national far in the future", StoryText().set("quality_labels", "{national: 20134}"),
         k_p + "12:28: error: Quality Label year 20134 is not a valid year\n"},
        {"national before the school year", StoryText().set("quality_labels", "{national: 2011}"),
         k_p + "12:28: error: the national Quality Label (2011) cannot come before the project's school year "
               "(2012/2013)\n"},
        {"european without national", StoryText().set("quality_labels", "{european: 2014}"),
         k_p + "12:28: error: a European Quality Label needs the national Quality Label first: add 'national: "
               "<year>'\n"},
        {"european before national", StoryText().set("quality_labels", "{national: 2014, european: 2013}"),
         k_p + "12:44: error: the European Quality Label (2013) cannot come before the national one (2014)\n"},
    });
    CHECK(check_story(StoryText().set("quality_labels", "{national: 2012}")) == "");
    CHECK(check_story(StoryText().set("quality_labels", "{national: 2013, european: 2015}")) == "");
  }

  // BUG: generator/validator.cpp:159 (check_quality_labels) range-checks only the national year: a European
  // year like 20144 (a typo) passes because it is not before the national one. Fix: apply the same
  // "n.value < k_first_etwinning_year || n.value > 2100" check to the European label before comparing it.
  TEST_CASE("a European Quality Label year must be a valid year") {
    run({
        {"european typo", StoryText().set("quality_labels", "{national: 2014, european: 20144}"),
         k_p + "12:44: error: Quality Label year 20144 is not a valid year\n"},
    });
  }

  TEST_CASE("summary is plain text of at most 300 characters") {
    const std::string a301(301, 'a');
    std::string accented300;
    for (int i = 0; i < 300; ++i) {
      accented300 += "è";
    }
    run({
        {"301 characters", StoryText().set("summary", "\"" + a301 + "\""),
         k_p + "3:10: error: summary is 301 characters long; the limit is 300\n"},
        {"301 accented characters", StoryText().set("summary", "\"" + accented300 + "à\""),
         k_p + "3:10: error: summary is 301 characters long; the limit is 300\n"},
        {"HTML", StoryText().set("summary", "\"Una <b>scatola</b>\""),
         k_p + "3:10: error: summary must be plain text: remove the '<' (HTML is not allowed)\n"},
    });
    CHECK(check_story(StoryText().set("summary", "\"" + accented300 + "\"")) == "");  // 600 bytes, 300 characters
    CHECK(check_story(StoryText().set("summary", "\"" + std::string(300, 'a') + "\"")) == "");
  }

  TEST_CASE("twinspace must be a web address") {
    CHECK(check_story(StoryText().set("twinspace", "http://twinspace.etwinning.net/1")) == "");
    CHECK(check_story(StoryText().set("twinspace", "twinspace.etwinning.net/1"))
              .ends_with(": error: twinspace must be an address starting with https://\n"));
    CHECK(check_story(StoryText().set("twinspace", "javascript:alert(1)"))
              .ends_with(": error: twinspace must be an address starting with https://\n"));
  }

  // BUG: generator/validator.cpp:205 reports a bad twinspace at story.slug_location (line 1, column 1) because
  // Story::twinspace (site.h) keeps no location. Fix: make it a Located<std::string> filled from
  // r.text("twinspace") in content_loader.cpp and report at its location.
  TEST_CASE("a bad twinspace address is reported at its line") {
    CHECK(check_story(StoryText().set("twinspace", "twinspace.etwinning.net/1")) ==
          k_p + "12:12: error: twinspace must be an address starting with https://\n");
  }

  TEST_CASE("a folder name longer than a search index term allows is reported by check") {
    auto fs = tiny_site();
    const std::string name(201, 'a');
    add_story(fs, name, StoryText());
    add_story(fs, std::string(200, 'b'), StoryText());
    CHECK(check(fs) == "content/stories/" + name +
                           "/index.md:1:1: error: the folder name gives an address of 201 "
                           "characters; the limit is 200: shorten the folder name\n");
  }

  TEST_CASE("two folders giving the same slug are an error on the second") {
    auto fs = tiny_site();
    add_story(fs, "Città verde", StoryText());
    add_story(fs, "citta-verde", StoryText().set("date", "2020-01-01"));
    CHECK(check(fs) ==
          "content/stories/citta-verde/index.md:1:1: error: duplicate slug 'citta-verde': content/stories/Città "
          "verde already gives the address /esperienze/citta-verde/; rename one of the two folders\n");
  }

  TEST_CASE("story slugs owned by the lists under /esperienze/ are refused") {
    const std::string folders[] = {"pagina",  "livello", "Competenza", "disciplina", "tipo",
                                   "regione", "paese",   "tema",       "metodo",     "strumento"};
    for (const auto& folder : folders) {
      CAPTURE(folder);
      auto fs = tiny_site();
      add_story(fs, folder, StoryText());
      const std::string slug = vetrina::util::slugify(folder);
      CHECK(check(fs) == "content/stories/" + folder + "/index.md:1:1: error: the address /esperienze/" + slug +
                             "/ belongs to the site itself (lists of stories): rename the folder\n");
    }
  }

  TEST_CASE("a taxonomy's own segment, not its id, is what a story slug may not take") {
    auto fs = tiny_site();
    fs.add_file("content/taxonomies.yaml",
                vetrina::util::replace_all(vetrina::test::k_taxonomies_yaml, "  plural: \"Livelli scolastici\"\n",
                                           "  plural: \"Livelli scolastici\"\n  segment: livelli\n"));
    add_story(fs, "livello", StoryText());
    add_story(fs, "livelli", StoryText());
    CHECK(check(fs) ==
          "content/stories/livelli/index.md:1:1: error: the address /esperienze/livelli/ belongs to the "
          "site itself (lists of stories): rename the folder\n");
  }

  TEST_CASE("page slugs of the site's own sections are refused, and duplicates reported") {
    for (const std::string slug : {"esperienze", "premi", "numeri", "eventi", "cerca", "media", "api", "assets"}) {
      CAPTURE(slug);
      auto fs = tiny_site();
      fs.add_file("content/pages/" + slug + ".md", "---\ntitle: x\n---\n");
      CHECK(check(fs) == "content/pages/" + slug + ".md:1:1: error: the page address /" + slug +
                             "/ belongs to the site itself: rename the file\n");
    }
    auto fs = tiny_site();
    fs.add_file("content/pages/Privacy.md", "---\ntitle: x\n---\n");
    fs.add_file("content/pages/privacy.md", "---\ntitle: y\n---\n");
    fs.add_file("content/pages/chi-siamo.md", "---\ntitle: z\n---\n");
    CHECK(check(fs) ==
          "content/pages/privacy.md:1:1: error: duplicate slug 'privacy': content/pages/Privacy.md "
          "already gives the address /privacy/; rename one of them\n");
  }

  TEST_CASE("every problem of every story is reported in one run") {
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().set("levels", "[media]").set("school_year", "\"2012/2014\""));
    add_story(fs, "b", StoryText().set("competences", "[digitle]").set("cover", "{src: x.jpg, minors: false}"));
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    validate_site(site, fs, diagnostics);
    CHECK(diagnostics.error_count() == 5);
  }

  TEST_CASE("the stories checked on several threads give the same diagnostics as on one") {
    auto fs = tiny_site();
    for (int i = 0; i < 60; ++i) {
      StoryText text;
      switch (i % 4) {
        case 0:
          text.set("levels", "[media]").set("school_year", "\"2012/2014\"");
          break;
        case 1:
          text.set("competences", "[digitle]").set("cover", "{src: x.jpg, minors: false}");
          break;
        case 2:
          text.set("summary", "\"<b>no</b>\"").set("twinspace", "ftp://x");
          break;
        default:
          break;
      }
      add_story(fs, "storia-" + std::to_string(i), text);
    }
    DiagnosticBag loading;
    const Site site = load_content(fs, "content", {}, loading);
    DiagnosticBag one;
    validate_site(site, fs, one, 1);
    const std::string expected = diagnostics_text(one);
    CHECK(one.error_count() >= 60);
    for (const unsigned jobs : {2U, 4U, 8U}) {
      CAPTURE(jobs);
      DiagnosticBag many;
      validate_site(site, fs, many, jobs);
      CHECK(diagnostics_text(many) == expected);
    }
  }

  TEST_CASE("sources: web addresses or {title, where | url}, each item checked at its line") {
    const std::string source = "[{title: \"Rapporto di attività 2014-2020\", where: \"p. 12\"}]";
    run({
        {"a document and its page", StoryText().set("sources", source), ""},
        {"a web address, and a title with its address",
         StoryText().set("sources", "[\"https://www.etwinning.net/\", {title: \"Sito\", url: \"https://x.it/a\"}]"),
         ""},
        {"a title and no place", StoryText().set("sources", "[{title: \"Rapporto\"}]"),
         k_p + "12:11: error: source 1 needs 'where' (the page, slide or line of the document) or 'url'\n"},
        {"a word that is no address", StoryText().set("sources", "[rapporto]"),
         k_p + "12:11: error: source 1 must be a web address (https://...) or {title: \"...\", where: \"p. 12\"}\n"},
        {"an address of another scheme", StoryText().set("sources", "[{title: \"R\", url: \"ftp://x.it\"}]"),
         k_p + "12:29: error: url of source 1 must start with https:// or http://\n"},
        {"not a list", StoryText().set("sources", "\"Rapporto\""),
         k_p + "12:10: error: field 'sources' must be a list like [{title: \"...\", where: \"p. 12\"}, https://...]\n"},
        {"a sourced story may leave out what its sources do not document",
         StoryText()
             .remove("school_year")
             .remove("project_type")
             .remove("school")
             .remove("partners")
             .set("sources", source),
         ""},
        {"a sourced European story may leave out its partners", StoryText().remove("partners").set("sources", source),
         ""},
        {"without sources the school is still required", StoryText().remove("school").remove("partners"),
         k_p +
             "2:1: error: missing required field 'school' (write school: {name: \"...\", city: \"...\", region: "
             "...})\n" +
             k_p +
             "6:15: error: a European project (project_type: europeo) needs at least one partner "
             "school from another eTwinning country\n"},
        {"an example cannot cite sources", StoryText().set("example", "true").set("sources", source),
         k_p + "13:10: error: an invented example (example: true) cannot cite sources: a story is either about a "
               "real project, with its sources, or an example, without them\n"},
        {"example must be true or false", StoryText().set("example", "forse"),
         k_p + "12:10: error: field 'example' must be true or false, not 'forse'\n"},
    });
  }

  TEST_CASE("--production refuses example stories and award years, and stories without sources") {
    auto fs = tiny_site();
    add_story(fs, "holidays-in-a-box", StoryText().set("example", "true"));
    add_story(fs, "senza-fonti", StoryText().set("title", "\"Senza fonti\""));
    add_story(fs, "con-fonti",
              StoryText().set("title", "\"Con fonti\"").set("sources", "[{title: \"Rapporto\", where: \"p. 3\"}]"));
    fs.add_file("content/awards/2021.yaml", "year: 2021\nexample: true\n");
    fs.add_file("content/awards/2020.yaml", "year: 2020\nexample: false\n");
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    validate_site(site, fs, diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");  // a plain build publishes them, marked
    vetrina::validate_production(site, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/awards/2021.yaml:2:10: error: the prizes of 2021 are examples (example: true) and --production "
          "does not publish examples: replace them with the real prizes or remove the file\n" +
              k_p +
              "12:10: error: story 'holidays-in-a-box' is an invented example (example: true) and --production "
              "does not publish examples: build without --production to see it, or remove it before publishing\n"
              "content/stories/senza-fonti/index.md:1:1: error: story 'senza-fonti' cites no sources and "
              "--production publishes only stories about real projects: add 'sources:' with the document and its "
              "page, or mark it 'example: true'\n");
  }

  TEST_CASE("a prize of a real year cannot go to an invented example; an example year may") {
    for (const bool example_year : {false, true}) {
      CAPTURE(example_year);
      auto fs = tiny_site();
      add_story(fs, "holidays-in-a-box", StoryText().set("example", "true").set("quality_labels", "{national: 2013}"));
      fs.add_file("content/awards/2019.yaml",
                  std::string("year: 2019\n") + (example_year ? "example: true\n" : "") +
                      "national_prizes:\n  - {category: primaria, story: holidays-in-a-box}\n");
      const std::string line = example_year ? "4" : "3";
      CHECK(check(fs) == (example_year
                              ? std::string()
                              : "content/awards/2019.yaml:" + line +
                                    ":33: error: story 'holidays-in-a-box' is an invented example (example: "
                                    "true in content/stories/holidays-in-a-box/index.md): a real prize cannot "
                                    "go to it; mark this award file 'example: true' or name a real project\n"));
    }
  }

  TEST_CASE("the real content of the repository validates without errors") {
    const vetrina::util::DiskFileSystem fs;
    LoadOptions options;
    options.jobs = 4;
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, std::string(VETRINA_SOURCE_DIR) + "/content", options, diagnostics);
    validate_site(site, fs, diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    // What keeps it from --production is only the invented examples: every
    // other story cites its sources, and no real year gives an example a prize.
    DiagnosticBag production;
    vetrina::validate_production(site, production);
    for (const auto& diagnostic : production.sorted()) {
      CAPTURE(diagnostic.message);
      CHECK((diagnostic.message.find("is an invented example (example: true)") != std::string::npos ||
             diagnostic.message.find("are examples (example: true)") != std::string::npos));
    }
    std::size_t examples = 0;
    for (const auto& story : site.stories) {
      examples += story.example.value ? 1 : 0;
      CHECK((story.example.value || !story.sources.empty()));
    }
    CHECK(examples < site.stories.size());
  }
}
