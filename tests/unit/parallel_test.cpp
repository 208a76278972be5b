#include "generator/util/parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

using vetrina::util::parallel_for;
using vetrina::util::parallel_for_worker;

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
}
