// The binary only calls into the library (see generator/cli/).
#include "generator/cli/command.h"

// jemalloc's settings, read when it starts (CMakeLists.txt links it; a
// build without it ignores this). MALLOC_CONF in the environment still
// overrides them.
// - Two arenas, not jemalloc's four per core. A build starts its worker
//   threads afresh for each phase (about 260 at 10,000 stories), and
//   jemalloc gives each new thread the arena with the fewest threads: with
//   eight, the pages one phase freed mostly sat in arenas the next phase's
//   threads did not take, and were handed back to the system a few at a
//   time (20,000 madvise calls at 10,000 stories, each flushing the other
//   core's TLB). Two arenas are reused from phase to phase: 4,200 calls,
//   about 0.8 s less system time and less memory (254 MiB against 268
//   MiB; 100,000 stories: the same 1.67 GiB peak). jemalloc's per-CPU
//   arenas made twice the calls and more memory. docs/performance.md,
//   "Thirteenth session". On a machine with many more cores,
//   MALLOC_CONF=narenas:N.
// - Freed pages go back after five seconds, none kept "muzzy": the peak
//   stays close to glibc's malloc (the 2 GiB bar at 100,000 stories).
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): the name and type jemalloc looks up
const char* malloc_conf = "narenas:2,dirty_decay_ms:5000,muzzy_decay_ms:0";
}

int main(int argc, char** argv) {
  return vetrina::cli::run(argc, argv);
}
