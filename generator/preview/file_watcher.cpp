#include "generator/preview/file_watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "generator/util/i18n.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t k_mask = IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                                 IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;

}  // namespace

bool is_editor_temporary(const std::string& name) {
  return name.empty() || name.front() == '.' || name.back() == '~' || name == "4913" || name.ends_with(".swp") ||
         name.ends_with(".swx") || name.ends_with(".tmp");
}

FileWatcher::FileWatcher() {
  m_inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (m_inotify < 0) {
    throw std::runtime_error(std::string("cannot watch files (inotify): ") + std::strerror(errno));
  }
  m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (m_wake < 0) {
    ::close(m_inotify);
    throw std::runtime_error(std::string("cannot watch files (eventfd): ") + std::strerror(errno));
  }
}

FileWatcher::~FileWatcher() {
  ::close(m_inotify);
  ::close(m_wake);
}

void FileWatcher::watch_tree(const std::string& path, std::vector<std::string>* found) {
  const int wd = ::inotify_add_watch(m_inotify, path.c_str(), k_mask);
  if (wd < 0) {
    return;
  }
  m_folders[wd] = path;
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (is_editor_temporary(name)) {
      continue;
    }
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      watch_tree(it->path().string(), found);
    } else if (found != nullptr) {
      found->push_back(it->path().string());
    }
  }
}

Status FileWatcher::add(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return Status::error(tr("cannot watch '{}': not a folder", root));
  }
  std::string path = root;
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  const std::size_t before = m_folders.size();
  watch_tree(path, nullptr);
  if (m_folders.size() == before) {
    return Status::error(tr("cannot watch '{}': {}", root, std::strerror(errno)));
  }
  return Status::success();
}

bool FileWatcher::read_events(FileChanges& changes) {
  alignas(inotify_event) char buffer[64 * 1024];
  bool any = false;
  while (true) {
    const ssize_t length = ::read(m_inotify, buffer, sizeof buffer);
    if (length <= 0) {
      return any;  // EAGAIN: drained
    }
    for (ssize_t offset = 0; offset < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      any = true;
      // A file closed after writing, or renamed into place, is complete.
      m_settled = (event->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0;
      if ((event->mask & IN_Q_OVERFLOW) != 0) {
        changes.overflow = true;
        continue;
      }
      const auto folder = m_folders.find(event->wd);
      if (folder == m_folders.end()) {
        continue;
      }
      if ((event->mask & IN_IGNORED) != 0) {
        m_folders.erase(folder);
        continue;
      }
      if ((event->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) != 0) {
        changes.paths.push_back(folder->second);
        continue;
      }
      const std::string name = event->len > 0 ? std::string(event->name) : std::string();
      if (name.empty() || is_editor_temporary(name)) {
        continue;
      }
      const std::string path = folder->second + "/" + name;
      changes.paths.push_back(path);
      if ((event->mask & IN_ISDIR) != 0 && (event->mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
        watch_tree(path, &changes.paths);  // a new folder: watch it, and report what is already in it
      }
    }
  }
}

FileChanges FileWatcher::wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest) {
  using Clock = std::chrono::steady_clock;
  FileChanges changes;
  pollfd fds[2] = {{m_inotify, POLLIN, 0}, {m_wake, POLLIN, 0}};
  std::optional<Clock::time_point> first;
  while (true) {
    int timeout = -1;
    if (first) {
      // After a complete save a short pause is enough to catch the rest of the burst.
      const auto pause = m_settled ? std::min(quiet, k_settled_pause) : quiet;
      const auto left =
          std::min(pause, std::chrono::duration_cast<std::chrono::milliseconds>(*first + longest - Clock::now()));
      timeout = static_cast<int>(std::max<long long>(0, left.count()));
    }
    const int ready = ::poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if ((fds[1].revents & POLLIN) != 0) {
      changes.stopped = true;
      return changes;
    }
    if (ready <= 0) {
      if (first) {
        break;  // quiet for long enough (or the burst went on too long)
      }
      continue;
    }
    if (read_events(changes) && !first) {
      first = Clock::now();
    }
    if (first && Clock::now() - *first >= longest) {
      break;
    }
  }
  std::sort(changes.paths.begin(), changes.paths.end());
  changes.paths.erase(std::unique(changes.paths.begin(), changes.paths.end()), changes.paths.end());
  return changes;
}

void FileWatcher::stop() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(m_wake, &one, sizeof one);
}

}  // namespace vetrina
