#include "generator/util/file_system.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

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

// What a read gave, or a marker that fails any comparison with a content.
std::string content_of(const vetrina::Result<std::string>& read) {
  return read ? *read : "(refused: " + read.error() + ")";
}

// Why a read was refused, or a marker that fails any comparison with a message.
std::string error_of(const vetrina::Result<std::string>& read) {
  return read ? "(read " + std::to_string(read->size()) + " bytes)" : read.error();
}

}  // namespace

TEST_SUITE("util::file_system") {
  TEST_CASE("join_path adds one slash and yields the other side when one is empty") {
    CHECK(join_path("content", "site.yaml") == "content/site.yaml");
    CHECK(join_path("content/", "site.yaml") == "content/site.yaml");
    CHECK(join_path("", "site.yaml") == "site.yaml");
    CHECK(join_path("content", "") == "content");
  }

  TEST_CASE("last_component is what follows the last slash") {
    CHECK(vetrina::util::last_component("content/stories/gita") == "gita");
    CHECK(vetrina::util::last_component("gita") == "gita");
    CHECK(vetrina::util::last_component("content/stories/") == "");
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
    CHECK(content_of(fs.read_file("a.txt")) == "ciao");
    CHECK(error_of(fs.read_file("b.txt")) == "no such file");
    CHECK_FALSE(fs.read_file("b.txt").ok());
  }

  TEST_CASE("DiskFileSystem reads files and lists folders sorted, without dot entries") {
    const vetrina::test::TempDir dir;
    std::filesystem::create_directories(dir / "sub");
    std::ofstream(dir / "b.txt") << "bi";
    std::ofstream(dir / "a.txt", std::ios::binary) << "a\r\nb";
    const DiskFileSystem fs;
    CHECK(listing(fs.list_directory(dir.path().string())) == "a.txt b.txt sub/ ");
    CHECK(content_of(fs.read_file(dir / "a.txt")) == "a\r\nb");
    CHECK(error_of(fs.read_file(dir / "none.txt")) == "no such file");
    CHECK(fs.is_directory(dir / "sub"));
    CHECK_FALSE(fs.is_file(dir / "sub"));
    CHECK(fs.is_file(dir / "b.txt"));
    CHECK(fs.list_directory(dir / "none").empty());
  }

  TEST_CASE("MemoryFileSystem resolves symlinks like a disk, to test the refusals on") {
    MemoryFileSystem fs;
    fs.add_file("s/a/foto/x.jpg", "x");
    fs.add_file("/etc/passwd", "root");
    fs.add_symlink("s/a/cover.jpg", "foto/x.jpg");
    fs.add_symlink("s/a/dir", "foto");
    fs.add_symlink("s/a/pw", "/etc/passwd");
    fs.add_symlink("s/a/loop", "loop");
    fs.add_special("s/a/fifo");
    const vetrina::util::FileLimits in_a{"s/a", 100};
    CHECK(content_of(fs.read_file("s/a/cover.jpg", in_a)) == "x");
    CHECK(content_of(fs.read_file("s/a/dir/x.jpg", in_a)) == "x");
    CHECK(fs.is_file("s/a/cover.jpg"));
    CHECK(fs.is_directory("s/a/dir"));
    CHECK(listing(fs.list_directory("s/a")) == "cover.jpg dir/ fifo foto/ loop pw ");
    CHECK(error_of(fs.read_file("s/a/pw", in_a)) ==
          "a symbolic link leading outside s/a: copy the file itself into s/a");
    CHECK(content_of(fs.read_file("s/a/pw")) == "root");  // no folder asked: any file
    CHECK(fs.check_file("s/a/fifo", in_a).refusal == vetrina::util::FileRefusal::not_regular);
    CHECK(fs.check_file("s/a/loop", in_a).refusal == vetrina::util::FileRefusal::missing);
    CHECK(fs.check_file("s/a/foto", in_a).refusal == vetrina::util::FileRefusal::not_regular);
    CHECK(error_of(fs.read_file("s/a/foto/x.jpg", {"s/a", 0})) == "the file is 1 KB; the limit is 0 KB");
    CHECK(fs.is_within("s/a/dir", "s/a"));
    CHECK_FALSE(fs.is_within("s/a/pw", "s"));
  }

  TEST_CASE("normalize_path removes '.', empty parts and resolves '..' lexically") {
    CHECK(vetrina::util::normalize_path("a/./b/../c") == "a/c");
    CHECK(vetrina::util::normalize_path("/a//b/") == "/a/b");
    CHECK(vetrina::util::normalize_path("../a") == "../a");
    CHECK(vetrina::util::normalize_path("/../a") == "/a");
  }

  TEST_CASE("DiskFileSystem opens regular files only: a FIFO or /dev/zero is refused at once, not read") {
    const vetrina::test::TempDir dir;
    std::filesystem::create_directories(dir / "story");
    REQUIRE(::mkfifo((dir / "story/fifo").c_str(), 0600) == 0);  // git cannot hold one: made here
    std::filesystem::create_symlink("/dev/zero", dir / "story/zero");
    const DiskFileSystem fs;
    for (const char* name : {"story/fifo", "story/zero"}) {
      CAPTURE(name);
      CHECK(error_of(fs.read_file(dir / name)) ==
            "not a regular file (a folder, a device or a pipe): only ordinary files are read");
      CHECK(fs.check_file(dir / name, {}).refusal == vetrina::util::FileRefusal::not_regular);
    }
    CHECK(error_of(fs.read_file(dir / "story/zero", {dir / "story", 1024}))
              .starts_with("a symbolic link leading outside "));
  }

  TEST_CASE("DiskFileSystem refuses files whose real path leaves the folder, and follows links that stay in it") {
    const vetrina::test::TempDir dir;
    std::filesystem::create_directories(dir / "content/stories/a/foto");
    std::filesystem::create_directories(dir / "content/stories/b");
    std::ofstream(dir / "content/stories/a/foto/x.jpg") << "x";
    std::ofstream(dir / "content/stories/b/y.jpg") << "y";
    std::ofstream(dir / "secret") << "CI_DEPLOY_KEY=...";
    std::filesystem::create_symlink("foto/x.jpg", dir / "content/stories/a/cover.jpg");
    std::filesystem::create_symlink("../b/y.jpg", dir / "content/stories/a/other.jpg");
    std::filesystem::create_symlink(dir / "secret", dir / "content/stories/a/video.mp4");
    std::filesystem::create_symlink("/proc/self/environ", dir / "content/stories/a/env.mp4");
    std::filesystem::create_directory_symlink(dir.path(), dir / "content/stories/a/up");
    const DiskFileSystem fs;
    const std::string a = dir / "content/stories/a";
    const vetrina::util::FileLimits in_a{a, 1 << 20};
    CHECK(content_of(fs.read_file(a + "/cover.jpg", in_a)) == "x");
    CHECK(fs.check_file(a + "/cover.jpg", in_a).ok());
    for (const char* name : {"/other.jpg", "/video.mp4", "/env.mp4", "/up/secret"}) {
      CAPTURE(name);
      CHECK(error_of(fs.read_file(a + name, in_a)) ==
            "a symbolic link leading outside " + a + ": copy the file itself into " + a);
      CHECK(fs.check_file(a + name, in_a).refusal == vetrina::util::FileRefusal::outside);
    }
    CHECK(fs.is_within(a + "/foto", dir / "content/stories"));
    CHECK_FALSE(fs.is_within(a + "/up", dir / "content/stories"));
  }

  TEST_CASE("DiskFileSystem resolves links, '.', '..' and '//' in the path and in the folder as realpath(3) does") {
    const vetrina::test::TempDir dir;
    std::filesystem::create_directories(dir / "real/stories/a");
    std::ofstream(dir / "real/stories/a/index.md") << "a";
    std::filesystem::create_directory_symlink(dir / "real", dir / "alias");
    std::filesystem::create_symlink("nowhere.md", dir / "real/stories/a/gone.md");
    std::filesystem::create_symlink("loop.md", dir / "real/stories/a/loop.md");
    const DiskFileSystem fs;
    const std::string real = dir / "real/stories";
    const std::string alias = dir / "alias/stories";
    CHECK(fs.is_within(alias + "/a", real));
    CHECK(fs.is_within(real + "/a", alias));
    CHECK_FALSE(fs.is_within(alias, real));  // the folder itself is not inside it
    CHECK_FALSE(fs.is_within(real + "/a/../..", real));
    const vetrina::util::FileLimits in_stories{alias + "/./", 1 << 20};
    CHECK(content_of(fs.read_file(dir / "alias//stories/./a/../a/index.md", in_stories)) == "a");
    CHECK(fs.check_file(real + "/a/index.md", in_stories).ok());
    for (const char* name : {"/a/gone.md", "/a/loop.md", "/a/missing.md", "/a/index.md/x"}) {
      CAPTURE(name);
      CHECK(error_of(fs.read_file(real + name, in_stories)) == "no such file");
      CHECK(fs.check_file(real + name, in_stories).refusal == vetrina::util::FileRefusal::missing);
      CHECK_FALSE(fs.is_within(real + name, real));
    }
  }

  TEST_CASE("real_path names what a path leads to; a read within a folder resolved once refuses the same links") {
    const vetrina::test::TempDir dir;
    std::filesystem::create_directories(dir / "real/a/foto");
    std::ofstream(dir / "real/a/foto/x.jpg") << "x";
    std::ofstream(dir / "secret") << "s";
    std::filesystem::create_directory_symlink(dir / "real", dir / "alias");
    std::filesystem::create_symlink("foto/x.jpg", dir / "real/a/cover.jpg");
    std::filesystem::create_symlink(dir / "secret", dir / "real/a/video.mp4");
    std::filesystem::create_symlink("nowhere", dir / "real/a/gone.jpg");
    const DiskFileSystem fs;
    const std::string real_a = std::filesystem::canonical(dir / "real/a").string();
    const std::string alias_a = dir / "alias/a";
    CHECK(fs.real_path(alias_a) == real_a);
    CHECK(fs.real_path(alias_a + "/./foto/../cover.jpg") == real_a + "/foto/x.jpg");
    CHECK_FALSE(fs.real_path(alias_a + "/gone.jpg"));
    CHECK_FALSE(fs.real_path(alias_a + "/missing.jpg"));
    CHECK(vetrina::util::path_inside(real_a + "/foto", real_a));
    CHECK_FALSE(vetrina::util::path_inside(real_a, real_a));
    CHECK_FALSE(vetrina::util::path_inside(real_a + "-other/x", real_a));
    // `within` is what messages name; `within_real` only spares resolving it again.
    const vetrina::util::FileLimits resolved{alias_a, 1 << 20, *fs.real_path(alias_a)};
    CHECK(content_of(fs.read_file(alias_a + "/cover.jpg", resolved)) == "x");
    CHECK(error_of(fs.read_file(alias_a + "/video.mp4", resolved)) ==
          "a symbolic link leading outside " + alias_a + ": copy the file itself into " + alias_a);
    CHECK(error_of(fs.read_file(alias_a + "/gone.jpg", resolved)) == "no such file");

    MemoryFileSystem memory;
    memory.add_file("content/stories/a/index.md", "a");
    memory.add_symlink("content/stories/b", "a");
    CHECK(memory.real_path("content/stories/b") == "content/stories/a");
    CHECK(memory.real_path("content/stories/b/index.md") == "content/stories/a/index.md");
    CHECK_FALSE(memory.real_path("content/stories/c"));
    memory.add_file("elsewhere/secret", "s");
    memory.add_symlink("content/stories/a/secret.md", "../../../elsewhere/secret");
    const vetrina::util::FileLimits in_memory{"content/stories/b", 1 << 20, *memory.real_path("content/stories/b")};
    CHECK(content_of(memory.read_file("content/stories/b/index.md", in_memory)) == "a");
    CHECK(memory.check_file("content/stories/b/secret.md", in_memory).refusal == vetrina::util::FileRefusal::outside);
  }

  TEST_CASE("write_file_atomically makes missing folders, replaces a file whole and leaves no temporary file") {
    const vetrina::test::TempDir dir;
    const std::string path = dir / "cache/stories/ab/abcdef";
    vetrina::util::write_file_atomically(path, "uno");
    CHECK(vetrina::util::read_whole_file(path) == "uno");
    vetrina::util::write_file_atomically(path, "due, più lungo");
    CHECK(vetrina::util::read_whole_file(path) == "due, più lungo");
    vetrina::util::write_file_atomically(path, "");
    CHECK(vetrina::util::read_whole_file(path) == "");
    CHECK(listing(DiskFileSystem().list_directory(dir / "cache/stories/ab")) == "abcdef ");
    // A file where a folder should be: an error naming the file, nothing written.
    std::string error;
    try {
      vetrina::util::write_file_atomically(path + "/inside", "x");
    } catch (const std::runtime_error& e) {
      error = e.what();
    }
    CHECK(error == "cannot write " + path + "/inside: Not a directory");
    CHECK(vetrina::util::read_whole_file(path) == "");
  }

  TEST_CASE("DiskFileSystem checks the size with fstat before reading: a 3 GiB sparse file costs nothing") {
    const vetrina::test::TempDir dir;
    const std::string path = dir / "huge.jpg";
    {
      std::ofstream(path) << "";
      std::filesystem::resize_file(path, 3ULL << 30);  // sparse: no disk blocks
    }
    const DiskFileSystem fs;
    CHECK(error_of(fs.read_file(path)) == "the file is 3145728 KB; the limit is 8192 KB");
    const auto check = fs.check_file(path, {"", 1 << 20});
    CHECK(check.refusal == vetrina::util::FileRefusal::too_large);
    CHECK(check.size == (3ULL << 30));
  }
}
