#include "generator/util/parallel.h"

#include "generator/util/worker_arena.h"

#include <sys/resource.h>

#include <cerrno>

namespace vetrina::util {

unsigned default_jobs() {
  return std::max(1u, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& fn) {
  parallel_for_worker(count, jobs, [&fn](std::size_t i, unsigned) { fn(i); });
}

namespace {

// The calling thread's nice value raised by `steps` (Linux: PRIO_PROCESS
// with 0 reads and sets the calling thread's own, not the whole process's).
// Best effort: a refusal leaves the priority as it was.
void lower_this_thread(int steps) {
  errno = 0;
  const int nice_now = getpriority(PRIO_PROCESS, 0);
  if (errno == 0) {
    setpriority(PRIO_PROCESS, 0, std::min(19, nice_now + steps));
  }
}

}  // namespace

void parallel_for_worker(std::size_t count, unsigned jobs, const std::function<void(std::size_t, unsigned)>& fn,
                         Priority priority) {
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, count))));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&](unsigned worker) {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) {
        return;
      }
      try {
        fn(i, worker);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) {
          error = std::current_exception();
        }
        failed = true;
      }
    }
  };
  if (jobs == 1) {
    work(0);
  } else {
    std::vector<std::thread> threads;
    threads.reserve(jobs);
    for (unsigned w = 0; w < jobs; ++w) {
      threads.emplace_back([&work, priority, w] {
        use_worker_arena(w);
        if (priority == Priority::background) {
          lower_this_thread(5);
        }
        work(w);
      });
    }
    for (auto& t : threads) {
      t.join();
    }
  }
  if (error) {
    std::rethrow_exception(error);
  }
}

}  // namespace vetrina::util
