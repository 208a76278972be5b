// The live preview engine of `vetrina serve --watch` (generator/live_site.h)
// on a copy of the e2e "good" fixture on disk, with the real theme and a real
// Xapian index: each kind of change redoes exactly its share, errors leave
// the folder as it was, and a fix catches up.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator/preview/live_site.h"
#include "search/query/query.h"
#include "tests/integration/search_fixture.h"

namespace vetrina {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t found(const std::string& index, const std::string& words) {
  search::Searcher searcher(index);
  search::SearchRequest request;
  request.query = words;
  return searcher.search(request).total;
}

struct Preview {
  TempDir dir;
  NullStatus status;
  std::string content = dir.sub("content");
  std::string public_dir = dir.sub("preview/public");
  std::string index = dir.sub("preview/index");
  std::string story = content + "/stories/lettere-dal-mare/index.md";
  std::unique_ptr<LiveSite> site;

  Preview() {
    // The fixture is an overlay on tests/e2e/base: fixture.sh puts the two together.
    const std::string materialise =
        "bash '" + std::string(VETRINA_SOURCE_DIR) + "/tests/e2e/fixture.sh' good '" + content + "'";
    REQUIRE(std::system(materialise.c_str()) == 0);
    BuildOptions options;
    options.content_dir = content;
    options.theme_dir = std::string(VETRINA_SOURCE_DIR) + "/themes/etwinning";
    options.out_dir = public_dir;
    options.index_dir = index;
    options.cache_dir = dir.sub("cache");
    options.jobs = 2;
    site = std::make_unique<LiveSite>(options, status);
  }

  LiveResult changed(const std::vector<std::string>& paths) {
    FileChanges changes;
    changes.paths = paths;
    return site->apply(changes);
  }
  std::string page(const std::string& path) const { return slurp(public_dir + "/" + path); }
};

TEST_SUITE("live site") {
  TEST_CASE("an edited story rewrites its pages and its search document, and nothing else") {
    Preview preview;
    const LiveResult first = preview.site->start();
    REQUIRE(first.errors.empty());
    CHECK(fs::exists(preview.public_dir + "/esperienze/lettere-dal-mare/index.html"));
    CHECK(found(preview.index, "zanzibarite") == 0);
    const auto other = fs::last_write_time(preview.public_dir + "/esperienze/orto-in-condotta/index.html");

    std::string text = slurp(preview.story);
    text.replace(text.find("Lettere dal mare"), 16, "Lettere dal mare aperto");
    write(preview.story, text + "\nLa parola zanzibarite.\n");
    const LiveResult result = preview.changed({preview.story});
    CHECK(result.errors.empty());
    CHECK(result.changed);
    CHECK_FALSE(result.full);
    CHECK(result.stories == 1);
    CHECK(result.documents == 1);
    CHECK(result.pages_rendered < 30);
    CHECK(contains(preview.page("esperienze/lettere-dal-mare/index.html"), "Lettere dal mare aperto"));
    CHECK(contains(preview.page("esperienze/index.html"), "Lettere dal mare aperto"));
    CHECK(contains(preview.page("esperienze/livello/infanzia/index.html"), "Lettere dal mare aperto"));
    CHECK(contains(preview.page("feed.xml"), "Lettere dal mare aperto"));
    // The other story's page names the edited one as its neighbour: it shows the new title.
    CHECK(contains(preview.page("esperienze/orto-in-condotta/index.html"), "Lettere dal mare aperto"));
    CHECK(fs::last_write_time(preview.public_dir + "/esperienze/orto-in-condotta/index.html") != other);
    CHECK(found(preview.index, "zanzibarite") == 1);
    CHECK(found(preview.index, "condotta") == 1);  // the other story is still there
    CHECK_FALSE(contains(preview.page("esperienze/lettere-dal-mare/index.html"), "__vetrina"));

    // Saving the same bytes again changes nothing at all.
    const LiveResult again = preview.changed({preview.story});
    CHECK_FALSE(again.changed);
    CHECK(again.files_written == 0);
  }

  TEST_CASE("content errors leave the preview as it was; the fix catches up with every edit since") {
    Preview preview;
    REQUIRE(preview.site->start().errors.empty());
    const std::string before = preview.page("esperienze/lettere-dal-mare/index.html");
    std::string text = slurp(preview.story);
    std::string broken = text;
    broken.replace(broken.find("summary: "), 9, "summary: [unclosed ");
    write(preview.story, broken);
    LiveResult result = preview.changed({preview.story});
    REQUIRE(result.errors.size() == 1);
    CHECK(result.changed);
    CHECK(contains(preview.site->error_text(),
                   "content/stories/lettere-dal-mare/index.md:4:5: error: a list opened with '['"));
    CHECK(contains(preview.site->error_text(), "\n      ^\n"));
    CHECK(preview.page("esperienze/lettere-dal-mare/index.html") == before);

    // The same error again: nothing new to tell the pages.
    CHECK_FALSE(preview.changed({preview.story}).changed);

    // Another story changes while the first is broken: still nothing written.
    const std::string other = preview.content + "/stories/orto-in-condotta/index.md";
    std::string other_text = slurp(other);
    other_text.replace(other_text.find("L'orto in condotta"), 18, "L'orto in condotta bis");
    write(other, other_text);
    result = preview.changed({other});
    CHECK(result.errors.size() == 1);
    CHECK_FALSE(contains(preview.page("esperienze/orto-in-condotta/index.html"), "condotta bis"));

    write(preview.story, text);
    result = preview.changed({preview.story});
    CHECK(result.errors.empty());
    CHECK(result.changed);
    CHECK(preview.site->error_text().empty());
    CHECK(contains(preview.page("esperienze/orto-in-condotta/index.html"), "condotta bis"));
    CHECK(found(preview.index, "bis") == 1);
  }

  TEST_CASE("a new story folder appears, a deleted one goes, with its files and document") {
    Preview preview;
    REQUIRE(preview.site->start().errors.empty());
    const std::string folder = preview.content + "/stories/nuova";
    std::string text = slurp(preview.story);
    text.replace(text.find("Lettere dal mare"), 16, "Una storia nuova");
    text.replace(text.find("date: 2020-03-02"), 16, "date: 2021-01-01\ndraft: true");
    write(folder + "/index.md", text);
    LiveResult result = preview.changed({folder, folder + "/index.md"});
    CHECK(result.errors.empty());
    CHECK(contains(preview.page("esperienze/nuova/index.html"), "Una storia nuova"));  // drafts show here
    CHECK(contains(preview.page("index.html"), "Una storia nuova"));
    CHECK(found(preview.index, "nuova") == 1);

    fs::remove_all(folder);
    result = preview.changed({folder});
    CHECK(result.errors.empty());
    CHECK(result.files_removed >= 1);
    CHECK_FALSE(fs::exists(preview.public_dir + "/esperienze/nuova"));
    CHECK_FALSE(contains(preview.page("index.html"), "Una storia nuova"));
    CHECK(found(preview.index, "nuova") == 0);
  }

  TEST_CASE("a story folder linked to outside the content is refused as a build refuses it, nothing read") {
    Preview preview;
    REQUIRE(preview.site->start().errors.empty());
    const std::string outside = preview.dir.sub("outside");
    std::string text = slurp(preview.story);
    text.replace(text.find("Lettere dal mare"), 16, "Storia da fuori");
    write(outside + "/index.md", text);
    const std::string folder = preview.content + "/stories/fuori";
    fs::create_directory_symlink(outside, folder);
    LiveResult result = preview.changed({folder, folder + "/index.md"});
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].location.path == folder);
    CHECK(contains(result.errors[0].message, "the story folder is a symbolic link leading outside"));
    CHECK_FALSE(fs::exists(preview.public_dir + "/esperienze/fuori"));
    CHECK_FALSE(contains(preview.page("index.html"), "Storia da fuori"));

    fs::remove(folder);
    result = preview.changed({folder});
    CHECK(result.errors.empty());
  }

  TEST_CASE("a story that links to a deleted story gets the error, and loses it when the story is back") {
    Preview preview;
    REQUIRE(preview.site->start().errors.empty());
    const std::string folder = preview.content + "/stories/lettere-dal-mare";
    const std::string saved = slurp(preview.story);
    fs::remove_all(folder);
    LiveResult result = preview.changed({folder});
    REQUIRE(result.errors.size() == 1);
    CHECK(contains(result.errors[0].location.path, "orto-in-condotta/index.md"));
    CHECK(contains(result.errors[0].message, "link to a missing story"));
    write(preview.story, saved);
    result = preview.changed({folder});
    CHECK(result.errors.empty());
  }

  TEST_CASE("a change of site.yaml reloads everything and rewrites every page") {
    Preview preview;
    REQUIRE(preview.site->start().errors.empty());
    const std::string config = preview.content + "/site.yaml";
    std::string text = slurp(config);
    text.replace(text.find("Esperienze di prova"), 19, "Esperienze in prova");
    write(config, text);
    const LiveResult result = preview.changed({config});
    CHECK(result.full);
    CHECK(result.errors.empty());
    CHECK(contains(preview.page("esperienze/orto-in-condotta/index.html"), "Esperienze in prova"));
    CHECK(result.documents == 0);  // the documents do not depend on site.yaml
  }

  TEST_CASE("a site that starts broken shows the errors, then builds once fixed") {
    Preview preview;
    const std::string text = slurp(preview.story);
    write(preview.story, "---\ntitle: [\n---\n");
    const LiveResult first = preview.site->start();
    CHECK_FALSE(first.errors.empty());
    CHECK_FALSE(fs::exists(preview.public_dir));
    write(preview.story, text);
    const LiveResult result = preview.changed({preview.story});
    CHECK(result.errors.empty());
    CHECK(contains(preview.page("esperienze/lettere-dal-mare/index.html"), "Lettere dal mare"));
    CHECK(found(preview.index, "genova") == 1);
  }
}

}  // namespace
}  // namespace vetrina
