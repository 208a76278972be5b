// The build's worker arenas (generator/util/worker_arena.h), in a test
// program linked with jemalloc as the vetrina binary is (tests/CMakeLists.txt);
// the unit tests, linked without it, check that nothing happens there.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <jemalloc/jemalloc.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <latch>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "generator/util/parallel.h"
#include "generator/util/worker_arena.h"

namespace {

unsigned this_thread_arena() {
  unsigned index = 0;
  std::size_t size = sizeof index;
  REQUIRE(mallctl("thread.arena", &index, &size, nullptr, 0) == 0);
  return index;
}

// Pages of arena `arena` that are unused but not yet given back
// (jemalloc's statistics, refreshed first); SIZE_MAX when unreadable.
std::size_t dirty_pages(unsigned arena) {
  std::uint64_t epoch = 1;
  std::size_t epoch_size = sizeof epoch;
  std::size_t dirty = 0;
  std::size_t size = sizeof dirty;
  const std::string name = "stats.arenas." + std::to_string(arena) + ".pdirty";
  if (mallctl("epoch", &epoch, &epoch_size, &epoch, sizeof epoch) != 0 ||
      mallctl(name.c_str(), &dirty, &size, nullptr, 0) != 0) {
    return SIZE_MAX;
  }
  return dirty;
}

unsigned default_arena_count() {
  unsigned count = 0;
  std::size_t size = sizeof count;
  REQUIRE(mallctl("opt.narenas", &count, &size, nullptr, 0) == 0);
  return count;
}

}  // namespace

TEST_CASE("parallel_for's workers allocate from the worker arenas, one per hardware thread") {
  const unsigned main_arena = this_thread_arena();
  std::mutex mutex;
  std::set<unsigned> seen;
  std::set<int> bound;
  // Four items on four workers: each waits until all four have started, so
  // no worker takes a second one.
  std::vector<std::unique_ptr<std::string>> made(4);
  std::latch started(4);
  vetrina::util::parallel_for_worker(made.size(), 4, [&](std::size_t i, unsigned worker) {
    started.arrive_and_wait();
    const unsigned arena = this_thread_arena();
    // Memory a worker allocates comes from its arena (jemalloc's own answer).
    made[i] = std::make_unique<std::string>(200, 'x');
    unsigned owner = 0;
    std::size_t size = sizeof owner;
    void* pointer = made[i]->data();
    const int owner_status = mallctl("arenas.lookup", &owner, &size, &pointer, sizeof pointer);
    const std::lock_guard lock(mutex);
    seen.insert(arena);
    bound.insert(vetrina::util::use_worker_arena(worker));
    CHECK(owner_status == 0);
    CHECK(owner == arena);
  });
  // The workers' arenas are made after jemalloc's own, never the main thread's.
  CHECK(seen.size() == std::min(4U, vetrina::util::default_jobs()));
  for (const unsigned arena : seen) {
    CHECK(arena >= default_arena_count());
    CHECK(arena != main_arena);
    CHECK(bound.count(static_cast<int>(arena)) == 1);
  }
  // The calling thread keeps its arena.
  CHECK(this_thread_arena() == main_arena);
}

TEST_CASE("the worker arenas are made once for the process") {
  // Made by a first pool of two (the main thread stays on its own arena).
  vetrina::util::parallel_for_worker(8, 2, [](std::size_t, unsigned) {});
  unsigned before = 0;
  std::size_t size = sizeof before;
  REQUIRE(mallctl("arenas.narenas", &before, &size, nullptr, 0) == 0);
  vetrina::util::parallel_for_worker(
      8, 2, [](std::size_t, unsigned worker) { CHECK(vetrina::util::use_worker_arena(worker) >= 0); });
  vetrina::util::parallel_for_worker(8, 2, [](std::size_t, unsigned) {});
  unsigned after = 0;
  REQUIRE(mallctl("arenas.narenas", &after, &size, nullptr, 0) == 0);
  CHECK(after == before);
}

TEST_CASE("a worker arena keeps no unused pages once its pool has ended") {
  // A worker allocates and frees 4 MiB (a resized photo): the pages stay in
  // its arena, dirty, while the thread lives, and go back to the system
  // when it ends, so an idle preview keeps none (worker_arena.h). (Blocks of
  // 8 MiB and more jemalloc hands back as soon as they are freed.)
  std::mutex mutex;
  std::set<unsigned> arenas;
  std::size_t dirty_in_worker = 0;
  vetrina::util::parallel_for_worker(2, 2, [&](std::size_t, unsigned) {
    auto block = std::make_unique<char[]>(4U << 20U);
    for (std::size_t i = 0; i < (4U << 20U); i += 4096) {
      block[i] = 1;
    }
    const unsigned arena = this_thread_arena();
    block.reset();
    const std::lock_guard lock(mutex);
    arenas.insert(arena);
    dirty_in_worker = std::max(dirty_in_worker, dirty_pages(arena));
  });
  CHECK(dirty_in_worker >= 1024);  // the 4 MiB, in 4 KiB pages
  for (const unsigned arena : arenas) {
    CHECK(dirty_pages(arena) == 0);
  }
}
