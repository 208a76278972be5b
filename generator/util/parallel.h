#pragma once
// parallel_for: runs fn(i) for i in [0, count) on `jobs` threads (work
// stealing by an atomic counter). fn must be safe to call concurrently for
// different i. The first exception thrown by fn is rethrown after all threads
// stop; later items are skipped once one has thrown.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace vetrina::util {

// Number of hardware threads, at least 1.
unsigned default_jobs();

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& fn);

// How the threads that parallel_for starts are scheduled.
enum class Priority {
  normal,
  // Below the process's other threads: on Linux each started thread raises
  // its own nice value by 5 (up to 19), for itself only. For bulk work that
  // runs beside a longer single-threaded chain of the same process (the
  // search index's writer beside the pages and covers): the chain gets a
  // core when it has work, instead of a fifth of two, and ends with the
  // bulk work rather than after it. Work run on the calling thread (one
  // job) keeps the caller's priority. A thread started from inside such a
  // worker inherits the lowered value (no worker starts any today).
  background,
};

// Same, but fn also gets the worker number in [0, jobs) so it can use
// per-thread state (for example a parsed template that is not thread-safe).
void parallel_for_worker(std::size_t count, unsigned jobs, const std::function<void(std::size_t, unsigned)>& fn,
                         Priority priority = Priority::normal);

}  // namespace vetrina::util
