#include "search/service/searcher_pool.h"

#include <sys/stat.h>

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <utility>

#include "generator/util/i18n.h"

namespace vetrina::search {

SearcherPool::SearcherPool(std::string index_dir, std::size_t size)
    : m_index_dir(std::move(index_dir)),
      m_slots(size != 0 ? size : 4 * std::max(1U, std::thread::hardware_concurrency())) {
  for (std::size_t i = m_slots.size(); i > 0; --i) {
    m_idle.push_back(i - 1);
  }
}

SearcherPool::Lease SearcherPool::borrow() {
  std::size_t slot = 0;
  {
    std::unique_lock lock(m_mutex);
    m_freed.wait(lock, [this] { return !m_idle.empty(); });
    // The slot freed last: its caches are the warmest.
    slot = m_idle.back();
    m_idle.pop_back();
  }
  Lease lease(this, slot);  // given back even if opening throws
  struct stat info {};
  if (::stat(m_index_dir.c_str(), &info) != 0) {
    throw std::runtime_error(_("the search index is not built yet (run 'vetrina build')"));
  }
  std::string identity = std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" +
                         std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec);
  Slot& mine = m_slots[slot];
  if (!mine.searcher || mine.identity != identity) {
    // The old snapshot goes, from this slot and from the idle ones (which
    // would otherwise keep its memory until they are borrowed again),
    // before the new one is read.
    std::vector<std::shared_ptr<Searcher>> old{std::move(mine.searcher)};
    {
      const std::lock_guard lock(m_mutex);
      for (const std::size_t idle : m_idle) {
        if (m_slots[idle].identity != identity) {
          old.push_back(std::move(m_slots[idle].searcher));
          m_slots[idle].identity.clear();
        }
      }
    }
    old.clear();
    mine.searcher = std::make_shared<Searcher>(m_index_dir);
    mine.identity = std::move(identity);
  }
  return lease;
}

void SearcherPool::release(std::size_t slot) {
  {
    const std::lock_guard lock(m_mutex);
    m_idle.push_back(slot);
  }
  m_freed.notify_one();
}

SearcherPool::Lease::~Lease() {
  if (m_pool != nullptr) {
    m_pool->release(m_slot);
  }
}

Searcher& SearcherPool::Lease::searcher() const {
  return *m_pool->m_slots[m_slot].searcher;
}

std::shared_ptr<Searcher> SearcherPool::Lease::shared() const {
  return m_pool->m_slots[m_slot].searcher;
}

const std::string& SearcherPool::Lease::snapshot() const {
  return m_pool->m_slots[m_slot].identity;
}

}  // namespace vetrina::search
