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

// Same, but fn also gets the worker number in [0, jobs) so it can use
// per-thread state (for example a parsed template that is not thread-safe).
void parallel_for_worker(std::size_t count, unsigned jobs, const std::function<void(std::size_t, unsigned)>& fn);

}  // namespace vetrina::util
