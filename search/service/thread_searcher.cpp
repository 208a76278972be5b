#include "search/service/thread_searcher.h"

#include <sys/stat.h>

#include <ctime>
#include <stdexcept>

#include "generator/util/i18n.h"

namespace vetrina::search {

ThreadSearcher thread_searcher(const std::string& index_dir) {
  struct Cached {
    std::string path;
    dev_t device = 0;
    ino_t inode = 0;
    struct timespec modified {};
    std::shared_ptr<Searcher> searcher;
  };
  thread_local Cached cached;
  struct stat info {};
  if (::stat(index_dir.c_str(), &info) != 0) {
    throw std::runtime_error(_("the search index is not built yet (run 'vetrina build')"));
  }
  const bool same = cached.searcher && cached.path == index_dir && cached.device == info.st_dev &&
                    cached.inode == info.st_ino && cached.modified.tv_sec == info.st_mtim.tv_sec &&
                    cached.modified.tv_nsec == info.st_mtim.tv_nsec;
  if (!same) {
    cached.searcher = std::make_shared<Searcher>(index_dir);
    cached.path = index_dir;
    cached.device = info.st_dev;
    cached.inode = info.st_ino;
    cached.modified = info.st_mtim;
  }
  return {cached.searcher, std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" +
                               std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec)};
}

}  // namespace vetrina::search
