#pragma once
// The build's worker threads allocate from a few jemalloc arenas of their
// own (one per hardware thread) instead of jemalloc's default four per
// core. Every phase of a build starts new workers (about 260 threads for
// 10,000 stories), and jemalloc spreads new threads over all its arenas:
// each arena then hands its freed pages back to the system a few at a time,
// and every madvise call flushes the other core's TLB. At 10,000 stories on
// two cores: 18,134 madvise calls -> 11,070, system time 4.0 -> 3.4-3.7 s,
// about 9 % less wall and processor time (docs/performance.md, "Fourteenth
// session"). Two arenas for the whole process did the same but slowed
// `vetrina serve`, whose 64 HTTP threads then share them: only the threads
// that parallel_for starts are bound here.
//
// Without jemalloc (glibc's malloc, the sanitizers' allocators) this does
// nothing: jemalloc's mallctl is looked up as a weak symbol.

namespace vetrina::util {

// Binds the calling thread to worker arena `worker` modulo their count
// (one per hardware thread, created on the first call). Returns the arena's
// jemalloc index, or -1 when jemalloc is not the allocator or refused.
int use_worker_arena(unsigned worker);

}  // namespace vetrina::util
