// The binary only calls into the library (see generator/cli/).
#include "generator/cli/command.h"

// jemalloc's settings, read when it starts (CMakeLists.txt links it; a
// build without it ignores this). Freed pages go back to the system after
// a second instead of ten, and none are kept "muzzy": a build's peak memory
// stays what glibc's malloc gave (a 2,000-story build: 107 MB against 135
// MB with jemalloc's defaults), which the 2 GiB bar at 100,000 stories
// needs. MALLOC_CONF in the environment still overrides it.
// Two arenas for the whole process instead of jemalloc's eight made a build
// use ~0.8 s less system time (a fifth of the madvise calls) but `vetrina
// serve` ~15 % slower (its many threads share the arenas): only the build's
// workers get arenas of their own (generator/util/worker_arena.h).
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): the name and type jemalloc looks up
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
}

int main(int argc, char** argv) {
  return vetrina::cli::run(argc, argv);
}
