// The preview's output sink (generator/output/in_place_writer.h): files are
// written in place, unchanged inputs or bytes write nothing, and what a
// render did not make is removed with the folders it leaves empty.
#include "generator/output/in_place_writer.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/test_support.h"

using vetrina::InPlaceWriter;
using vetrina::OutputManifest;
using vetrina::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_SUITE("in_place_writer") {
  TEST_CASE("a render writes changed files in place and removes what it did not make") {
    const TempDir dir;
    const fs::path root = dir.path() / "preview";
    InPlaceWriter out(root.string(), OutputManifest());
    out.begin();
    out.write("index.html", "home", 7);
    out.write("esperienze/a/index.html", "a", 11);
    CHECK(out.finish() == 0);
    CHECK(out.written() == 2);
    CHECK(read(root / "index.html") == "home");
    const auto before = fs::last_write_time(root / "index.html");

    out.begin();
    CHECK(out.reuse("index.html", 7));                     // same inputs: not made again
    CHECK_FALSE(out.reuse("index.html", 8));               // other inputs
    CHECK_FALSE(out.reuse("esperienze/a/index.html", 0));  // unknown inputs are never reused
    out.write("feed.xml", "feed");
    CHECK(out.written() == 1);
    CHECK(out.finish() == 1);  // the story page was not made: it goes, with its folders
    CHECK_FALSE(fs::exists(root / "esperienze"));
    CHECK(fs::last_write_time(root / "index.html") == before);
    CHECK(out.manifest().files().size() == 2);
    CHECK(out.manifest().find("feed.xml") != nullptr);

    out.begin();
    out.write("index.html", "home", 9);  // same bytes, other inputs: not written, inputs recorded
    out.write("feed.xml", "feed 2");
    CHECK(out.written() == 1);
    CHECK(out.finish() == 0);
    CHECK(out.manifest().find("index.html")->inputs == 9);
    CHECK(read(root / "feed.xml") == "feed 2");
    CHECK(fs::last_write_time(root / "index.html") == before);
  }

  TEST_CASE("a manifest of the last build is trusted, and paths outside the folder are refused") {
    const TempDir dir;
    const fs::path root = dir.path() / "preview";
    OutputManifest manifest;
    {
      InPlaceWriter first(root.string(), OutputManifest());
      first.begin();
      first.write("index.html", "home", 3);
      first.finish();
      manifest = first.manifest();
    }
    InPlaceWriter out(root.string(), manifest);
    out.begin();
    CHECK(out.reuse("index.html", 3));
    CHECK_THROWS_AS(out.write("../escape.html", "x"), std::runtime_error);
    CHECK_THROWS_AS(out.write("/abs.html", "x"), std::runtime_error);
    CHECK(out.finish() == 0);
    CHECK_FALSE(fs::exists(dir.path() / "escape.html"));
  }
}
