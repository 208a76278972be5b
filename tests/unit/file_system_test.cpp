#include "generator/util/file_system.h"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/unit/test_support.h"

using vetrina::util::DirEntry;
using vetrina::util::DiskFileSystem;
using vetrina::util::join_path;
using vetrina::util::MemoryFileSystem;

namespace {

std::string listing(const std::vector<DirEntry>& entries) {
  std::string out;
  for (const auto& e : entries) {
    out += e.name + (e.is_directory ? "/ " : " ");
  }
  return out;
}

}  // namespace

TEST_SUITE("util::file_system") {
  TEST_CASE("join_path adds one slash and yields the other side when one is empty") {
    CHECK(join_path("content", "site.yaml") == "content/site.yaml");
    CHECK(join_path("content/", "site.yaml") == "content/site.yaml");
    CHECK(join_path("", "site.yaml") == "site.yaml");
    CHECK(join_path("content", "") == "content");
  }

  TEST_CASE("MemoryFileSystem implies directories from file paths and lists them sorted") {
    MemoryFileSystem fs;
    fs.add_file("content/stories/b/index.md", "b");
    fs.add_file("content/stories/a/index.md", "a");
    fs.add_file("content/stories/README.md", "r");
    fs.add_file("content/site.yaml", "s");
    CHECK(listing(fs.list_directory("content")) == "site.yaml stories/ ");
    CHECK(listing(fs.list_directory("content/stories")) == "README.md a/ b/ ");
    CHECK(listing(fs.list_directory("content/missing")).empty());
    CHECK(fs.is_directory("content/stories"));
    CHECK_FALSE(fs.is_directory("content/site.yaml"));
    CHECK_FALSE(fs.is_directory("content/stor"));  // a prefix of a name is not a folder
    CHECK(fs.is_file("content/site.yaml"));
    CHECK_FALSE(fs.is_file("content/stories"));
  }

  TEST_CASE("MemoryFileSystem read_file returns the content or 'no such file'") {
    MemoryFileSystem fs;
    fs.add_file("a.txt", "ciao");
    std::string error;
    CHECK(fs.read_file("a.txt", &error) == std::optional<std::string>("ciao"));
    CHECK(fs.read_file("b.txt", &error) == std::nullopt);
    CHECK(error == "no such file");
    CHECK(fs.read_file("b.txt", nullptr) == std::nullopt);
  }

  TEST_CASE("DiskFileSystem reads files and lists folders sorted, without dot entries") {
    const vetrina::test::TempDir dir;
    std::filesystem::create_directories(dir / "sub");
    std::ofstream(dir / "b.txt") << "bi";
    std::ofstream(dir / "a.txt", std::ios::binary) << "a\r\nb";
    const DiskFileSystem fs;
    CHECK(listing(fs.list_directory(dir.path().string())) == "a.txt b.txt sub/ ");
    CHECK(fs.read_file(dir / "a.txt", nullptr) == std::optional<std::string>("a\r\nb"));
    std::string error;
    CHECK(fs.read_file(dir / "none.txt", &error) == std::nullopt);
    CHECK(error == "no such file");
    CHECK(fs.is_directory(dir / "sub"));
    CHECK_FALSE(fs.is_file(dir / "sub"));
    CHECK(fs.is_file(dir / "b.txt"));
    CHECK(fs.list_directory(dir / "none").empty());
  }
}
