#include "generator/util/worker_arena.h"

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

// jemalloc's control function, present only when the binary links jemalloc
// (CMakeLists.txt, VETRINA_JEMALLOC); null otherwise.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp, std::size_t newlen)
    __attribute__((weak));

namespace vetrina::util {

namespace {

// At most one arena per hardware thread, each made when a worker number
// first needs it: `--jobs 2` on a machine of many cores makes two.
class WorkerArenas {
 public:
  WorkerArenas() : m_made(std::max(1U, std::thread::hardware_concurrency())) {}

  int bind(unsigned worker) {
    unsigned index = 0;
    {
      const std::lock_guard lock(m_mutex);
      std::optional<unsigned>& slot = m_made[worker % m_made.size()];
      if (!slot) {
        unsigned made = 0;
        std::size_t size = sizeof made;
        if (mallctl("arenas.create", &made, &size, nullptr, 0) != 0) {
          return -1;
        }
        slot = made;
      }
      index = *slot;
    }
    if (mallctl("thread.arena", nullptr, nullptr, &index, sizeof index) != 0) {
      return -1;
    }
    return static_cast<int>(index);
  }

 private:
  std::mutex m_mutex;
  std::vector<std::optional<unsigned>> m_made;  // per slot: the arena's jemalloc index
};

WorkerArenas& worker_arenas() {
  static WorkerArenas arenas;
  return arenas;
}

}  // namespace

int use_worker_arena(unsigned worker) noexcept {
  if (mallctl == nullptr) {
    return -1;
  }
  try {
    return worker_arenas().bind(worker);
  } catch (...) {
    return -1;  // out of memory making the table: the thread keeps its arena
  }
}

}  // namespace vetrina::util
