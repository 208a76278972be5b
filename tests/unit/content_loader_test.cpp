#include "generator/content/content_loader.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::DiagnosticBag;
using vetrina::load_content;
using vetrina::LoadOptions;
using vetrina::Site;
using vetrina::TaxonomyId;
using vetrina::test::add_story;
using vetrina::test::diagnostics_text;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

namespace {

std::string slugs(const Site& site) {
  std::string out;
  for (const auto& s : site.stories) {
    out += (out.empty() ? "" : " ") + s.slug;
  }
  return out;
}

}  // namespace

TEST_SUITE("content_loader") {
  TEST_CASE("load_content reads a site from a MemoryFileSystem, newest story first") {
    auto fs = tiny_site();
    add_story(fs, "b-story", StoryText().set("date", "2018-01-01"));
    add_story(fs, "a-story", StoryText().set("date", "2018-01-01").set("levels", "[primaria, infanzia]"));
    add_story(fs, "old", StoryText().set("date", "2010-03-04"));
    add_story(fs, "new", StoryText().set("date", "2020-09-01").set("levels", "[infanzia]"));
    fs.add_file("content/stories/README.md", "# Le storie");
    fs.add_file("content/stories/.bozza/index.md", "not a story");
    fs.add_file("content/pages/privacy.md", "---\ntitle: Privacy\n---\nTesto\n");
    fs.add_file("content/pages/note.txt", "ignored");
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(site.content_dir == "content");
    CHECK(site.config.title == "Esperienze eTwinning");
    CHECK(site.taxonomy(TaxonomyId::livello).terms.size() == 4);
    CHECK(slugs(site) == "new a-story b-story old");
    REQUIRE(site.find_story("old") != nullptr);
    CHECK(site.find_story("old")->date.value.iso() == "2010-03-04");
    CHECK(site.find_story("missing") == nullptr);
    const auto& by_level = site.stories_by_term[static_cast<std::size_t>(TaxonomyId::livello)];
    CHECK(by_level.at("infanzia") == std::vector<std::size_t>{0, 1});
    CHECK(by_level.at("primaria") == std::vector<std::size_t>{1, 2, 3});
    REQUIRE(site.pages.size() == 1);
    CHECK(site.pages[0].slug == "privacy");
  }

  TEST_CASE("load_content skips drafts unless asked to include them") {
    auto fs = tiny_site();
    add_story(fs, "pubblicata", StoryText());
    add_story(fs, "bozza", StoryText().set("draft", "true"));
    fs.add_file("content/pages/prossimamente.md", "---\ntitle: Presto\ndraft: true\n---\n");
    DiagnosticBag diagnostics;
    const Site published = load_content(fs, "content", {}, diagnostics);
    CHECK(slugs(published) == "pubblicata");
    CHECK(published.pages.empty());
    LoadOptions options;
    options.include_drafts = true;
    const Site preview = load_content(fs, "content", options, diagnostics);
    CHECK(slugs(preview) == "bozza pubblicata");
    CHECK(preview.pages.size() == 1);
    CHECK(diagnostics_text(diagnostics) == "");
  }

  TEST_CASE("load_content with config_only reads only site.yaml and taxonomies.yaml") {
    auto fs = tiny_site();
    add_story(fs, "a", StoryText().remove("title"));
    LoadOptions options;
    options.config_only = true;
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", options, diagnostics);
    CHECK(site.stories.empty());
    CHECK(site.config.publisher == "Unità nazionale eTwinning");
    CHECK(diagnostics_text(diagnostics) == "");
  }

  TEST_CASE("load_content reports misplaced files and missing pieces, and goes on") {
    struct Case {
      std::string name;
      std::vector<std::pair<std::string, std::string>> files;
      std::string expected;
    };
    const std::string site = vetrina::test::k_site_yaml;
    const std::string tax = vetrina::test::k_taxonomies_yaml;
    const Case cases[] = {
        {"no content folder", {}, "content: error: content folder not found (give another with --content)\n"},
        {"story as a lone file",
         {{"content/site.yaml", site}, {"content/taxonomies.yaml", tax}, {"content/stories/Il mio orto.md", "x"}},
         "content/stories/Il mio orto.md: error: a story must be a folder with an index.md inside: move this file "
         "to content/stories/il-mio-orto/index.md\n"},
        {"story folder without index.md",
         {{"content/site.yaml", site}, {"content/taxonomies.yaml", tax}, {"content/stories/vuota/foto.jpg", "x"}},
         "content/stories/vuota/index.md: error: the story folder has no index.md (no such file)\n"},
        {"no site.yaml",
         {{"content/taxonomies.yaml", tax}},
         "content/site.yaml: error: no such file (every site needs it: see docs/content-format.md)\n"},
        {"no taxonomies.yaml",
         {{"content/site.yaml", site}},
         "content/taxonomies.yaml: error: no such file (every site needs it: see docs/content-format.md)\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'competenza' is missing (it holds the values of "
         "'competences')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'disciplina' is missing (it holds the values of 'subjects')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'livello' is missing (it holds the values of 'levels')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'paese' is missing (it holds the values of "
         "'partners[].country')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'regione' is missing (it holds the values of "
         "'school.region')\n"
         "content/taxonomies.yaml:1:1: error: taxonomy 'tipo' is missing (it holds the values of 'project_type')\n"},
        {"errors in two stories are all reported",
         {{"content/site.yaml", site},
          {"content/taxonomies.yaml", tax},
          {"content/stories/a/index.md", StoryText().set("date", "2019-02-30").text()},
          {"content/stories/b/index.md", StoryText().set("tittle", "x").text()}},
         "content/stories/a/index.md:4:7: error: date '2019-02-30' is not a real date: write it as YYYY-MM-DD, e.g. "
         "2019-05-10\n"
         "content/stories/b/index.md:12:1: error: unknown field 'tittle' in story (did you mean 'title'?)\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      vetrina::util::MemoryFileSystem fs;
      for (const auto& [path, content] : c.files) {
        fs.add_file(path, content);
      }
      DiagnosticBag diagnostics;
      load_content(fs, "content", {}, diagnostics);
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
  }

  TEST_CASE("load_content reads only regular files inside the content, and each index.md inside its folder") {
    auto fs = tiny_site();
    add_story(fs, "buona", StoryText());
    // index.md linking to /dev/zero (endless) and a FIFO (blocks a reader).
    fs.add_special("/dev/zero");
    fs.add_symlink("content/stories/zero/index.md", "/dev/zero");
    fs.add_special("content/stories/fifo/index.md");
    // A story folder linking out of the content, and an index.md linking to another story's.
    fs.add_file("/home/x/segreti/index.md", StoryText().text());
    fs.add_symlink("content/stories/fuori", "/home/x/segreti");
    fs.add_symlink("content/stories/presa/index.md", "../buona/index.md");
    // A page linking to a file outside the content.
    fs.add_file("/etc/passwd", "root:x:0:0");
    fs.add_symlink("content/pages/chi-siamo.md", "/etc/passwd");
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/pages/chi-siamo.md: error: cannot read file: a symbolic link leading outside content: copy the "
          "file itself into content\n"
          "content/stories/fifo/index.md: error: index.md cannot be read: not a regular file (a folder, a device or "
          "a pipe): only ordinary files are read\n"
          "content/stories/fuori: error: the story folder is a symbolic link leading outside content/stories: move "
          "the story itself into content/stories\n"
          "content/stories/presa/index.md: error: index.md cannot be read: a symbolic link leading outside "
          "content/stories/presa: copy the file itself into content/stories/presa\n"
          "content/stories/zero/index.md: error: index.md cannot be read: a symbolic link leading outside "
          "content/stories/zero: copy the file itself into content/stories/zero\n");
    REQUIRE(site.stories.size() == 1);
    CHECK(site.stories[0].slug == "buona");
  }

  TEST_CASE("index.md and pages are size-checked before they are read (file_limits.max_text_bytes)") {
    auto fs = tiny_site();
    fs.add_file("content/site.yaml", std::string(vetrina::test::k_site_yaml) + "file_limits: {max_text_bytes: 2048}\n");
    add_story(fs, "lunga", StoryText().body(std::string(3000, 'a') + "\n"));
    fs.add_file("content/pages/lunga.md", "---\ntitle: \"L\"\n---\n" + std::string(3000, 'a'));
    DiagnosticBag diagnostics;
    load_content(fs, "content", {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "content/pages/lunga.md: error: cannot read file: the file is 3 KB; the limit is 2 KB\n"
          "content/stories/lunga/index.md: error: index.md cannot be read: the file is 4 KB; the limit is 2 KB "
          "(file_limits.max_text_bytes in site.yaml)\n");
  }

  TEST_CASE("a story saved with CR-only line ends reads like any other; errors point at the editor's lines") {
    std::string text = StoryText().set("tittle", "\"x\"").text();
    for (char& c : text) {
      c = c == '\n' ? '\r' : c;
    }
    auto fs = tiny_site();
    fs.add_file("content/stories/mac/index.md", text);
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, "content", {}, diagnostics);
    REQUIRE(site.stories.size() == 1);
    CHECK(site.stories[0].title.value == "Holidays in a box");
    const std::string shown = vetrina::format_all(diagnostics.sorted(), vetrina::DiagnosticFormat::text, &fs, false);
    CHECK(shown.starts_with("content/stories/mac/index.md:12:1: error: unknown field 'tittle' in story"));
    CHECK(shown.find("\n  tittle: \"x\"\n  ^\n") != std::string::npos);
    CHECK(shown.size() < 400);  // one line quoted, not the whole file
  }

  TEST_CASE("load_content gives the same site and diagnostics whatever the number of jobs") {
    auto fs = tiny_site();
    for (int i = 0; i < 40; ++i) {
      StoryText story;
      story.set("date", "2019-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10));
      if (i % 7 == 0) {
        story.set("tittle", "x");
      }
      add_story(fs, "storia-" + std::to_string(i), story);
    }
    DiagnosticBag serial_diagnostics;
    const Site serial = load_content(fs, "content", {}, serial_diagnostics);
    LoadOptions options;
    options.jobs = 8;
    DiagnosticBag parallel_diagnostics;
    const Site parallel = load_content(fs, "content", options, parallel_diagnostics);
    CHECK(serial.stories.size() == 40);
    CHECK(slugs(serial) == slugs(parallel));
    CHECK(serial_diagnostics.error_count() == 6);
    CHECK(diagnostics_text(serial_diagnostics) == diagnostics_text(parallel_diagnostics));
  }

  TEST_CASE("load_content reads the real content of the repository without errors") {
    const vetrina::util::DiskFileSystem fs;
    const std::string content = std::string(VETRINA_SOURCE_DIR) + "/content";
    LoadOptions options;
    options.jobs = 4;
    DiagnosticBag diagnostics;
    const Site site = load_content(fs, content, options, diagnostics);
    CHECK(diagnostics_text(diagnostics) == "");
    CHECK(site.stories.size() >= 15);
    CHECK(site.find_story("holidays-in-a-box") != nullptr);
    CHECK(site.taxonomy(TaxonomyId::competenza).terms.size() == 8);
  }
}
