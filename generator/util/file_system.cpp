#include "generator/util/file_system.h"
#include "generator/util/i18n.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace vetrina::util {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> libc_real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) {
    return std::nullopt;
  }
  std::string out(resolved);
  std::free(resolved);
  return out;
}

// realpath(3), in three system calls whatever the depth: the path opened
// once without reading (O_PATH: no device is opened, no FIFO waited on)
// and the kernel's name of what was opened read back from /proc. glibc's
// realpath calls readlink on every component (a story's index.md 8 deep:
// 8 calls, each walking its prefix again), and a build checks two paths
// per story (its folder, its index.md) and more per linked file. Where
// /proc gives no absolute path (not mounted, a file gone meanwhile:
// " (deleted)"), realpath(3) answers, and so it does when open fails for
// another reason than a missing file or a loop (no file descriptor left, a
// name longer than PATH_MAX that resolves shorter, "x/../x" with x not
// searchable): the same answers as realpath(3), and its errno on failure
// (ENOENT, ENOTDIR, ELOOP are open's, the same).
std::optional<std::string> resolve_on_disk(const std::string& path) {
  const int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) {
      return std::nullopt;
    }
    return libc_real_path(path);
  }
  std::array<char, 40> link{};
  std::snprintf(link.data(), link.size(), "/proc/self/fd/%d", fd);
  std::string out(PATH_MAX, '\0');
  const ssize_t length = ::readlink(link.data(), out.data(), out.size());
  ::close(fd);
  if (length <= 0 || static_cast<std::size_t>(length) >= out.size() || out[0] != '/') {
    return libc_real_path(path);
  }
  out.resize(static_cast<std::size_t>(length));
  if (out.ends_with(" (deleted)")) {
    return libc_real_path(path);
  }
  return out;
}

FileRefusal refusal_of_errno(int error) {
  return error == ENOENT || error == ENOTDIR || error == ELOOP ? FileRefusal::missing : FileRefusal::unreadable;
}

std::string kib(std::uint64_t bytes) {
  return std::to_string((bytes + 1023) / 1024) + " KB";
}

}  // namespace

bool path_inside(const std::string& path, const std::string& folder) {
  if (folder.empty() || folder == "/") {
    return !path.empty() && path != folder;
  }
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

std::string describe(const FileCheck& check, const FileLimits& limits) {
  switch (check.refusal) {
    case FileRefusal::none:
      return _("readable");
    case FileRefusal::missing:
      return _("no such file");
    case FileRefusal::not_regular:
      return _("not a regular file (a folder, a device or a pipe): only ordinary files are read");
    case FileRefusal::outside:
      return tr("a symbolic link leading outside {}: copy the file itself into {}", limits.within, limits.within);
    case FileRefusal::too_large:
      return tr("the file is {}; the limit is {}", kib(check.size), kib(limits.max_bytes));
    case FileRefusal::unreadable:
      return _("cannot read file");
  }
  return _("cannot read file");
}

bool DiskFileSystem::is_within(const std::string& path, const std::string& folder) const {
  const auto real = resolve_on_disk(path);
  const auto root = resolve_on_disk(folder);
  return real && root && path_inside(*real, *root);
}

std::optional<std::string> DiskFileSystem::real_path(const std::string& path) const {
  return resolve_on_disk(path);
}

FileCheck DiskFileSystem::check_file(const std::string& path, const FileLimits& limits) const {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return {refusal_of_errno(errno), 0};
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (!limits.within.empty() && !is_within(path, limits.within)) {
    return {FileRefusal::outside, size};
  }
  if (!S_ISREG(st.st_mode)) {
    return {FileRefusal::not_regular, size};
  }
  if (size > limits.max_bytes) {
    return {FileRefusal::too_large, size};
  }
  return {FileRefusal::none, size};
}

Result<std::string> DiskFileSystem::read_file(const std::string& path, const FileLimits& limits) const {
  auto refuse = [&](FileCheck check) -> Result<std::string> { return Status::error(describe(check, limits)); };
  std::string open_path = path;
  int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
  if (!limits.within.empty()) {
    // The real path, checked, then opened without following a link: a link
    // swapped in after the check is refused rather than followed.
    const auto real = resolve_on_disk(path);
    if (!real) {
      return refuse({refusal_of_errno(errno), 0});
    }
    const auto root = limits.within_real.empty() ? resolve_on_disk(limits.within) : limits.within_real;
    if (!root || !path_inside(*real, *root)) {
      return refuse({FileRefusal::outside, 0});
    }
    open_path = *real;
    flags |= O_NOFOLLOW;
  }
  // O_NONBLOCK: opening a FIFO returns at once (and is refused below).
  const int fd = ::open(open_path.c_str(), flags);
  if (fd < 0) {
    return refuse({refusal_of_errno(errno), 0});
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return refuse({FileRefusal::unreadable, 0});
  }
  if (!S_ISREG(st.st_mode)) {
    return refuse({FileRefusal::not_regular, 0});
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limits.max_bytes) {
    return refuse({FileRefusal::too_large, size});
  }
  // Reads what fstat announced; a file that grows meanwhile (or a /proc file
  // announcing 0 bytes) is read on only up to the limit.
  std::string out;
  out.resize(static_cast<std::size_t>(size));
  std::size_t got = 0;
  while (true) {
    if (got == out.size()) {
      if (out.size() > limits.max_bytes) {
        return refuse({FileRefusal::too_large, out.size()});
      }
      out.resize(std::min<std::uint64_t>(limits.max_bytes + 1, std::max<std::uint64_t>(out.size() * 2, 4096)));
    }
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return refuse({FileRefusal::unreadable, 0});
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  if (got > limits.max_bytes) {
    return refuse({FileRefusal::too_large, got});
  }
  out.resize(got);
  return out;
}

std::vector<DirEntry> DiskFileSystem::list_directory(const std::string& path) const {
  std::vector<DirEntry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    entries.push_back({it->path().filename().string(), it->is_directory(type_ec)});
  }
  std::sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return entries;
}

bool DiskFileSystem::is_directory(const std::string& path) const {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

bool DiskFileSystem::is_file(const std::string& path) const {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

void MemoryFileSystem::add_file(const std::string& path, std::string content) {
  m_files[path] = std::move(content);
}

void MemoryFileSystem::add_symlink(const std::string& path, std::string target) {
  m_links[path] = std::move(target);
}

void MemoryFileSystem::add_special(const std::string& path) {
  m_specials[path] = true;
}

std::string normalize_path(const std::string& path) {
  std::vector<std::string> parts;
  const bool absolute = path.starts_with('/');
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!absolute) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i == 0 ? "" : "/") + parts[i];
  }
  return out;
}

std::optional<std::string> MemoryFileSystem::resolve(const std::string& path) const {
  std::string current = normalize_path(path);
  for (int hops = 0; hops < 40; ++hops) {
    // The first component prefix that is a link gets replaced by its target.
    bool replaced = false;
    std::size_t end = 0;
    while (end != std::string::npos) {
      end = current.find('/', end + 1);
      const std::string prefix = current.substr(0, end);
      const auto link = m_links.find(prefix);
      if (link == m_links.end()) {
        continue;
      }
      const auto slash = prefix.find_last_of('/');
      const std::string base = slash == std::string::npos ? "" : prefix.substr(0, slash);
      const std::string& target = link->second;
      std::string next = target.starts_with('/') ? target : join_path(base, target);
      if (end != std::string::npos) {
        next += current.substr(end);
      }
      current = normalize_path(next);
      replaced = true;
      break;
    }
    if (!replaced) {
      return current;
    }
  }
  return std::nullopt;
}

bool MemoryFileSystem::is_within(const std::string& path, const std::string& folder) const {
  const auto real = resolve(path);
  const auto root = resolve(folder);
  return real && root && path_inside(*real, *root);
}

std::optional<std::string> MemoryFileSystem::real_path(const std::string& path) const {
  const auto real = resolve(path);
  if (!real || (m_files.count(*real) == 0 && m_specials.count(*real) == 0 && !is_directory(*real))) {
    return std::nullopt;
  }
  return real;
}

FileCheck MemoryFileSystem::check_file(const std::string& path, const FileLimits& limits) const {
  const auto real = resolve(path);
  if (!real) {
    return {FileRefusal::missing, 0};
  }
  const auto file = m_files.find(*real);
  const bool special = m_specials.count(*real) != 0;
  if (file == m_files.end() && !special && !is_directory(*real)) {
    return {FileRefusal::missing, 0};
  }
  const std::uint64_t size = file == m_files.end() ? 0 : file->second.size();
  const bool inside =
      limits.within_real.empty() ? is_within(path, limits.within) : path_inside(*real, limits.within_real);
  if (!limits.within.empty() && !inside) {
    return {FileRefusal::outside, size};
  }
  if (file == m_files.end()) {
    return {FileRefusal::not_regular, 0};
  }
  if (size > limits.max_bytes) {
    return {FileRefusal::too_large, size};
  }
  return {FileRefusal::none, size};
}

Result<std::string> MemoryFileSystem::read_file(const std::string& path, const FileLimits& limits) const {
  const FileCheck check = check_file(path, limits);
  if (!check.ok()) {
    return Status::error(describe(check, limits));
  }
  return m_files.at(*resolve(path));
}

std::vector<DirEntry> MemoryFileSystem::list_directory(const std::string& path) const {
  const auto real = resolve(path);
  if (!real) {
    return {};
  }
  const std::string prefix = real->empty() ? "" : *real + "/";
  std::map<std::string, bool> names;
  auto collect = [&](const auto& map, bool links) {
    for (auto it = map.lower_bound(prefix); it != map.end() && it->first.starts_with(prefix); ++it) {
      const std::string rest = it->first.substr(prefix.size());
      const auto slash = rest.find('/');
      const std::string name = rest.substr(0, slash);
      const bool is_dir = slash != std::string::npos || (links && is_directory(it->first));
      names[name] = names[name] || is_dir;
    }
  };
  collect(m_files, false);
  collect(m_links, true);
  collect(m_specials, false);
  std::vector<DirEntry> entries;
  for (const auto& [name, is_dir] : names) {
    entries.push_back({name, is_dir});
  }
  return entries;
}

bool MemoryFileSystem::is_directory(const std::string& path) const {
  const auto real = resolve(path);
  if (!real) {
    return false;
  }
  const std::string prefix = *real + "/";
  for (const auto* map : {&m_files, &m_links}) {
    const auto it = map->lower_bound(prefix);
    if (it != map->end() && it->first.starts_with(prefix)) {
      return true;
    }
  }
  const auto it = m_specials.lower_bound(prefix);
  return it != m_specials.end() && it->first.starts_with(prefix);
}

bool MemoryFileSystem::is_file(const std::string& path) const {
  const auto real = resolve(path);
  return real && m_files.count(*real) != 0;
}

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  // Four system calls when the folder exists (open, write, close, rename):
  // the folder is made only when the first open says it is missing, and the
  // process id is read once (vetrina does not fork).
  static std::atomic<unsigned> counter{0};
  static const std::string pid = std::to_string(::getpid());
  const std::string temp = path + ".tmp-" + pid + "-" + std::to_string(counter++);
  const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
  int fd = ::open(temp.c_str(), flags, 0666);
  if (fd < 0 && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) {
      throw std::runtime_error(tr("cannot write {}: {}", path, ec.message()));
    }
    fd = ::open(temp.c_str(), flags, 0666);
  }
  if (fd < 0) {
    throw std::runtime_error(tr("cannot write {}: {}", path, std::strerror(errno)));
  }
  if (!write_all(fd, bytes)) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(tr("cannot write {}: {}", path, std::strerror(error)));
  }
  if (::close(fd) != 0 || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(tr("cannot write {}: {}", path, std::strerror(error)));
  }
}

std::string join_path(const std::string& a, const std::string& b) {
  if (a.empty()) {
    return b;
  }
  if (b.empty()) {
    return a;
  }
  return a.back() == '/' ? a + b : a + "/" + b;
}

std::string last_component(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace vetrina::util
