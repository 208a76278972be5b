#include "generator/util/parallel.h"

#include "generator/util/worker_arena.h"

#include <dlfcn.h>
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <vector>

using vetrina::util::parallel_for;
using vetrina::util::parallel_for_worker;
using vetrina::util::Priority;

TEST_SUITE("util::parallel") {
  TEST_CASE("parallel_for runs every index exactly once whatever the job count") {
    for (const unsigned jobs : {1U, 2U, 4U, 64U}) {
      CAPTURE(jobs);
      std::vector<std::atomic<int>> hits(257);
      parallel_for(hits.size(), jobs, [&](std::size_t i) { hits[i]++; });
      for (std::size_t i = 0; i < hits.size(); ++i) {
        REQUIRE(hits[i].load() == 1);
      }
    }
  }

  TEST_CASE("parallel_for with no items calls nothing") {
    int calls = 0;
    parallel_for(0, 4, [&](std::size_t) { ++calls; });
    CHECK(calls == 0);
  }

  TEST_CASE("parallel_for_worker gives worker numbers below the job count") {
    std::atomic<bool> out_of_range{false};
    parallel_for_worker(100, 3, [&](std::size_t, unsigned worker) {
      if (worker >= 3) {
        out_of_range = true;
      }
    });
    CHECK_FALSE(out_of_range.load());
  }

  TEST_CASE("parallel_for rethrows the exception thrown by an item") {
    CHECK_THROWS_WITH_AS(parallel_for(50, 4,
                                      [](std::size_t i) {
                                        if (i == 7) {
                                          throw std::runtime_error("item 7 failed");
                                        }
                                      }),
                         "item 7 failed", std::runtime_error);
    CHECK_THROWS_WITH_AS(parallel_for(3, 1, [](std::size_t) { throw std::runtime_error("single"); }), "single",
                         std::runtime_error);
  }

  TEST_CASE("background workers run below the caller's priority, and the caller keeps its own") {
    // Each thread's own nice value (Linux: per thread).
    auto nice_of_this_thread = [] { return getpriority(PRIO_PROCESS, 0); };
    const int caller = nice_of_this_thread();
    const int expected = std::min(19, caller + 5);
    if (expected == caller) {
      MESSAGE("the tests run at nice 19: nothing can be lowered, nothing to check");
      return;
    }
    std::atomic<int> lowered{0};
    std::atomic<int> other{0};
    parallel_for_worker(
        64, 2, [&](std::size_t, unsigned) { (nice_of_this_thread() == expected ? lowered : other)++; },
        Priority::background);
    CHECK(lowered.load() == 64);
    CHECK(other.load() == 0);
    CHECK(nice_of_this_thread() == caller);

    // Normal workers and a single job (run on the caller) keep the caller's.
    std::atomic<int> same{0};
    parallel_for_worker(64, 2, [&](std::size_t, unsigned) { same += nice_of_this_thread() == caller ? 1 : 0; });
    parallel_for_worker(
        8, 1, [&](std::size_t, unsigned) { same += nice_of_this_thread() == caller ? 1 : 0; }, Priority::background);
    CHECK(same.load() == 72);
    CHECK(nice_of_this_thread() == caller);
  }

  TEST_CASE("without jemalloc, workers keep the allocator's own arenas") {
    // The unit tests are linked without jemalloc (tests/jemalloc/ checks the
    // binding where it is linked): nothing is bound, nothing fails. Unless
    // jemalloc was preloaded (LD_PRELOAD): then it is the allocator.
    if (dlsym(RTLD_DEFAULT, "mallctl") == nullptr) {
      CHECK(vetrina::util::use_worker_arena(0) == -1);
    }
    std::atomic<int> ran{0};
    parallel_for_worker(16, 2, [&](std::size_t, unsigned) { ran++; });
    CHECK(ran.load() == 16);
  }
}
