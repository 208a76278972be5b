#pragma once
// The service's Searchers (search/query/query.h): a few, borrowed by the
// worker threads one request at a time. A Searcher is not thread-safe (it
// owns a Xapian::Database) and keeps per-query caches warm (planned words,
// stems, the bounds' working space); one per connection thread (64) kept
// 64 sets of them cold on 2 cores, each thread's share of the requests too
// small for its caches. The pool has four Searchers per core: at most that
// many searches run at once, the others wait their turn (a search takes
// about a millisecond at 100,000 stories). With one per core, cores went
// idle while a thread holding a Searcher waited for a core behind threads
// parsing requests and writing answers (docs/performance.md).
//
// A slot opens a new Searcher when the index folder was swapped by a build
// (its device, inode or modification time changed), so a rebuild is picked
// up without a restart and without failing a request in flight: a lease
// keeps its Searcher alive, and a Searcher's index info stays readable
// after the lease ends (it never changes).
//
// Thread-safety: borrow() from any thread; a Lease belongs to the thread
// that borrowed it.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "search/query/query.h"

namespace vetrina::search {

class SearcherPool {
 public:
  // `size` Searchers of `index_dir` at most (0: four per core), opened when
  // first borrowed.
  SearcherPool(std::string index_dir, std::size_t size = 0);
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  // A Searcher lent to the calling thread until the lease ends.
  class Lease {
   public:
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept : m_pool(other.m_pool), m_slot(other.m_slot) { other.m_pool = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    Searcher& searcher() const;
    // The Searcher itself, for what may be read after the lease (its info()).
    std::shared_ptr<Searcher> shared() const;
    // The identity of the index snapshot it reads ("device:inode:mtime" of
    // the folder, the result cache's key); valid during the lease.
    const std::string& snapshot() const;

   private:
    friend class SearcherPool;
    Lease(SearcherPool* pool, std::size_t slot) : m_pool(pool), m_slot(slot) {}
    SearcherPool* m_pool;
    std::size_t m_slot;
  };

  // Waits for a free Searcher and lends it, reopened first when the folder
  // (or stub file) at the index path is not the one it was opened from.
  // Throws std::runtime_error when the index is not built, and what
  // Searcher's constructor throws (Xapian errors) when it cannot be opened:
  // the caller answers 503.
  Lease borrow();
  std::size_t size() const { return m_slots.size(); }

 private:
  struct Slot {
    std::string identity;  // "device:inode:mtime" it was opened from; "" before
    std::shared_ptr<Searcher> searcher;
  };
  void release(std::size_t slot);

  std::string m_index_dir;
  std::vector<Slot> m_slots;
  std::mutex m_mutex;
  std::condition_variable m_freed;
  std::vector<std::size_t> m_idle;  // free slots, the last freed last
};

}  // namespace vetrina::search
