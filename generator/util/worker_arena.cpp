#include "generator/util/worker_arena.h"

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

// jemalloc's control function, present only when the binary links jemalloc
// (CMakeLists.txt, VETRINA_JEMALLOC); null otherwise.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp, std::size_t newlen)
    __attribute__((weak));

namespace vetrina::util {

namespace {

// The worker arenas' indices, made once for the whole process: one per
// hardware thread, so two workers on two cores never share one, and a
// machine with more cores keeps as many. Empty without jemalloc.
const std::vector<unsigned>& worker_arenas() {
  static const std::vector<unsigned> arenas = [] {
    std::vector<unsigned> made;
    if (mallctl == nullptr) {
      return made;
    }
    const unsigned count = std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < count; ++i) {
      unsigned index = 0;
      std::size_t size = sizeof index;
      if (mallctl("arenas.create", &index, &size, nullptr, 0) != 0) {
        break;
      }
      made.push_back(index);
    }
    return made;
  }();
  return arenas;
}

}  // namespace

int use_worker_arena(unsigned worker) {
  const std::vector<unsigned>& arenas = worker_arenas();
  if (arenas.empty()) {
    return -1;
  }
  unsigned index = arenas[worker % arenas.size()];
  if (mallctl("thread.arena", nullptr, nullptr, &index, sizeof index) != 0) {
    return -1;
  }
  return static_cast<int>(index);
}

}  // namespace vetrina::util
