#include "generator/preview/file_watcher.h"

#include <doctest/doctest.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/unit/test_support.h"

using vetrina::FileChanges;
using vetrina::FileWatcher;
using vetrina::test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Waits for a batch that is not empty (generous deadline: the machine may be loaded).
FileChanges next_batch(FileWatcher& watcher) {
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    FileChanges changes = watcher.wait(20ms, 2s);
    if (!changes.paths.empty() || changes.stopped || changes.overflow) {
      return changes;
    }
  }
  FAIL("no change reported");
  return {};
}

bool has(const FileChanges& changes, const std::string& path) {
  return std::find(changes.paths.begin(), changes.paths.end(), path) != changes.paths.end();
}

}  // namespace

TEST_SUITE("file_watcher") {
  TEST_CASE("a write is reported once, as one batch, after the burst") {
    TempDir dir;
    fs::create_directories(dir / "content/stories/a");
    FileWatcher watcher;
    REQUIRE(watcher.add(dir / "content").ok());
    {
      std::ofstream out(dir / "content/stories/a/index.md");
      out << "uno";
      out.flush();
      out << " due";
    }
    const FileChanges changes = next_batch(watcher);
    CHECK(changes.paths == std::vector<std::string>{dir / "content/stories/a/index.md"});
    CHECK_FALSE(changes.stopped);
  }

  TEST_CASE("new folders are watched, and files already in them are reported") {
    TempDir dir;
    fs::create_directories(dir / "content/stories");
    FileWatcher watcher;
    REQUIRE(watcher.add(dir / "content").ok());
    // Made elsewhere and moved in whole, like a copied story folder.
    fs::create_directories(dir / "elsewhere/nuova");
    std::ofstream(dir / "elsewhere/nuova/index.md") << "x";
    fs::rename(dir / "elsewhere/nuova", dir / "content/stories/nuova");
    FileChanges changes = next_batch(watcher);
    CHECK(has(changes, dir / "content/stories/nuova"));
    CHECK(has(changes, dir / "content/stories/nuova/index.md"));
    // And the new folder is itself watched.
    std::ofstream(dir / "content/stories/nuova/cover.jpg") << "jpeg";
    changes = next_batch(watcher);
    CHECK(has(changes, dir / "content/stories/nuova/cover.jpg"));
  }

  TEST_CASE("editors' swap and backup files are not reported") {
    TempDir dir;
    FileWatcher watcher;
    REQUIRE(watcher.add(dir.path().string()).ok());
    for (const char* name : {".index.md.swp", "index.md~", "4913", ".hidden"}) {
      std::ofstream(dir / name) << "x";
    }
    std::ofstream(dir / "index.md") << "x";
    const FileChanges changes = next_batch(watcher);
    CHECK(changes.paths == std::vector<std::string>{dir / "index.md"});
    CHECK(vetrina::is_editor_temporary("index.md~"));
    CHECK_FALSE(vetrina::is_editor_temporary("index.md"));
  }

  TEST_CASE("a deleted folder is reported") {
    TempDir dir;
    fs::create_directories(dir / "content/stories/a");
    std::ofstream(dir / "content/stories/a/index.md") << "x";
    FileWatcher watcher;
    REQUIRE(watcher.add(dir / "content").ok());
    fs::remove_all(dir / "content/stories/a");
    const FileChanges changes = next_batch(watcher);
    CHECK(has(changes, dir / "content/stories/a"));
  }

  TEST_CASE("stop wakes a waiting watcher from another thread") {
    TempDir dir;
    FileWatcher watcher;
    REQUIRE(watcher.add(dir.path().string()).ok());
    std::thread stopper([&watcher] { watcher.stop(); });
    const FileChanges changes = watcher.wait(20ms);
    stopper.join();
    CHECK(changes.stopped);
  }

  TEST_CASE("a missing folder cannot be watched, with a message") {
    FileWatcher watcher;
    const vetrina::Status watched = watcher.add("/nonexistent/vetrina-folder");
    CHECK_FALSE(watched.ok());
    CHECK(watched.message() == "cannot watch '/nonexistent/vetrina-folder': not a folder");
  }
}
