#pragma once
// The build's worker threads allocate from a few jemalloc arenas of their
// own (at most one per hardware thread) instead of jemalloc's default four
// per core. Every phase of a build starts new workers (about 260 threads for
// 10,000 stories), and jemalloc spreads new threads over all its arenas:
// each arena then hands its freed pages back to the system a few at a time,
// and every madvise call flushes the other core's TLB. At 10,000 stories on
// two cores: 18,134 madvise calls -> 11,070, system time 4.3 -> 3.4 s,
// about 9 % less wall and processor time (docs/performance.md, "Fourteenth
// session"). Two arenas for the whole process did the same but slowed
// `vetrina serve`, whose 64 HTTP threads then share them: only the threads
// that parallel_for starts are bound here. Worker w of every pool takes
// arena w modulo their count, so pools that run at once (the index's
// documents beside the pages) share them.
//
// Pages a worker freed go back to the system when the pool's threads end
// (jemalloc purges an arena as its threads leave it; tests/jemalloc/ checks
// it): an idle process, such as the preview between two changes, keeps none.
//
// Without jemalloc (glibc's malloc, the sanitizers' allocators) this does
// nothing: jemalloc's mallctl is looked up as a weak symbol.

namespace vetrina::util {

// Binds the calling thread to worker arena `worker` modulo their count
// (made on first use). Returns the arena's jemalloc index, or -1 when
// jemalloc is not the allocator (or refused, or memory ran out): the thread
// then keeps its arena.
int use_worker_arena(unsigned worker) noexcept;

}  // namespace vetrina::util
