#include "generator/output/output_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <stdexcept>

#include "generator/util/file_system.h"
#include "generator/util/hash.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace fs = std::filesystem;

namespace {

std::string sys_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

std::atomic<unsigned> g_counter{0};

}  // namespace

std::string OutputWriter::resolve_target(std::string target) {
  while (target.size() > 1 && target.back() == '/') {
    target.pop_back();
  }
  // A target that is a symbolic link (public -> /var/www/site, a common
  // deployment) stays one: the tree it points to is the one replaced, staged
  // beside it, so the web root keeps receiving every build.
  std::error_code ec;
  if (!fs::is_symlink(target, ec)) {
    return target;
  }
  const fs::path resolved = fs::canonical(target, ec);
  if (ec || !fs::is_directory(resolved, ec)) {
    throw std::runtime_error(
        tr("'{}' is a symbolic link to no folder ({}): create that folder, or remove the link to publish into a "
           "folder of its own",
           target, fs::read_symlink(target, ec).string()));
  }
  return resolved.string();
}

OutputWriter::OutputWriter(std::string target) : m_target(resolve_target(std::move(target))) {
  make_staging(false, OutputManifest());
}

OutputWriter::OutputWriter(std::string target, OutputManifest previous, OutputManifest spare)
    : m_target(resolve_target(std::move(target))), m_incremental(true), m_previous(std::move(previous)) {
  make_staging(true, std::move(spare));
}

std::string OutputWriter::spare_dir(const std::string& target) {
  const fs::path target_path(target);
  const fs::path parent = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  return (parent / ("." + target_path.filename().string() + ".spare")).string();
}

void OutputWriter::make_staging(bool use_spare, OutputManifest spare) {
  const fs::path target_path(m_target);
  const fs::path parent = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    throw std::runtime_error(tr("cannot create '{}': {}", parent.string(), ec.message()));
  }
  m_staging = (parent / ("." + target_path.filename().string() + ".staging-" + std::to_string(::getpid()) + "-" +
                         std::to_string(g_counter++)))
                  .string();
  fs::remove_all(m_staging, ec);
  const std::string spare_path = spare_dir(m_target);
  if (use_spare && !spare.files().empty() && fs::is_directory(spare_path, ec) &&
      ::rename(spare_path.c_str(), m_staging.c_str()) == 0) {
    m_staged = std::move(spare);
    return;
  }
  if (use_spare) {
    fs::remove_all(spare_path, ec);  // unknown contents: not to be published
  }
  if (!fs::create_directory(m_staging, ec) || ec) {
    throw std::runtime_error(tr("cannot create staging folder '{}': {}", m_staging, ec.message()));
  }
  m_fresh = true;
}

OutputWriter::~OutputWriter() {
  if (!m_committed) {
    std::error_code ec;
    fs::remove_all(m_staging, ec);
  }
}

void OutputWriter::keep(const std::string& relative, const OutputFile& file) {
  const std::lock_guard lock(m_mutex);
  m_manifest.files()[relative] = file;
  if (m_kept.insert(relative).second) {
    m_files.fetch_add(1, std::memory_order_relaxed);
  }
}

bool OutputWriter::reuse(const std::string& relative, std::uint64_t inputs) {
  const OutputFile* previous = m_previous.find(relative);
  if (inputs == 0 || previous == nullptr || previous->inputs != inputs ||
      !still_same(m_target + "/" + relative, *previous)) {
    return false;
  }
  keep(relative, *previous);
  return true;
}

void OutputWriter::make_parent(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  // Most parents are one new folder under an existing one (a page's folder)
  // or exist already: one mkdir answers both, where create_directories
  // would first look at every level.
  if (::mkdir(parent.c_str(), 0755) == 0 || errno == EEXIST) {
    return;
  }
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    throw std::runtime_error(tr("cannot create '{}': {}", parent.string(), ec.message()));
  }
}

void OutputWriter::write(const std::string& relative, std::string_view content, std::uint64_t inputs) {
  if (relative.empty() || relative.front() == '/' || relative.find("..") != std::string::npos) {
    throw std::runtime_error(tr("refusing to write outside the output folder: '{}'", relative));
  }
  const std::uint64_t hash = util::hash64(content);
  if (const OutputFile* previous = m_previous.find(relative); previous != nullptr && previous->content == hash &&
                                                              previous->size == content.size() &&
                                                              still_same(m_target + "/" + relative, *previous)) {
    OutputFile kept = *previous;
    kept.inputs = inputs;
    keep(relative, kept);
    return;
  }
  const std::string path = m_staging + "/" + relative;
  make_parent(path);
  // In the spare: a new inode, renamed over whatever the spare held there
  // (a file of the spare may be a hard link to the published one, never to
  // be written into). A fresh staging folder holds only files this writer
  // made, so they are written in place: one rename less per file.
  const std::string temp = m_fresh ? path : path + ".vetrina-tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(sys_error("cannot write", path));
  }
  if (!util::write_all(fd, content)) {
    const std::string message = sys_error("cannot write", path);
    ::close(fd);
    throw std::runtime_error(message);
  }
  struct stat info {};
  const bool stat_ok = ::fstat(fd, &info) == 0;
  if (::close(fd) != 0 || !stat_ok || (!m_fresh && ::rename(temp.c_str(), path.c_str()) != 0)) {
    const std::string message = sys_error("cannot write", path);
    ::unlink(temp.c_str());
    throw std::runtime_error(message);
  }
  OutputFile file;
  file.content = hash;
  file.inputs = inputs;
  file.size = content.size();
  file.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  file.inode = static_cast<std::uint64_t>(info.st_ino);
  const std::lock_guard lock(m_mutex);
  const bool was_kept = m_kept.erase(relative) != 0;
  const bool is_new = m_manifest.files().insert_or_assign(relative, file).second;
  if (is_new && !was_kept) {
    m_files.fetch_add(1, std::memory_order_relaxed);
  }
  m_changed.fetch_add(1, std::memory_order_relaxed);
}

std::string OutputWriter::shared_path(const std::string& relative) {
  const std::lock_guard lock(m_mutex);
  if (m_kept.count(relative) != 0) {
    return m_target + "/" + relative;
  }
  return m_manifest.find(relative) != nullptr ? m_staging + "/" + relative : std::string();
}

bool OutputWriter::unchanged() const {
  if (m_changed.load() != 0 || m_manifest.files().size() != m_previous.files().size()) {
    return false;
  }
  // Every kept file came from the previous manifest: equal counts, equal sets.
  // Anything else in the target (a file put there by hand) would be dropped
  // by a real commit, so it counts as a change.
  std::size_t files = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(m_target, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec)) {
      continue;
    }
    if (it.depth() == 0 && it->path().filename() == "README.md" && m_manifest.find("README.md") == nullptr) {
      continue;
    }
    ++files;
  }
  return !ec && files == m_manifest.files().size();
}

void swap_directory(const std::string& replacement, const std::string& target, bool keep_old) {
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    if (::rename(replacement.c_str(), target.c_str()) != 0) {
      throw std::runtime_error(sys_error("cannot move the new tree into place at", target));
    }
    return;
  }
  if (::renameat2(AT_FDCWD, replacement.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    // File systems without RENAME_EXCHANGE: two renames, a moment without target.
    const std::string old = replacement + ".old";
    if (::rename(target.c_str(), old.c_str()) != 0) {
      throw std::runtime_error(sys_error("cannot replace", target));
    }
    if (::rename(replacement.c_str(), target.c_str()) != 0) {
      const std::string message = sys_error("cannot replace", target);
      ::rename(old.c_str(), target.c_str());
      throw std::runtime_error(message);
    }
    if (::rename(old.c_str(), replacement.c_str()) != 0) {
      fs::remove_all(old, ec);
      return;
    }
  }
  if (!keep_old) {
    fs::remove_all(replacement, ec);
  }
}

void OutputWriter::commit() {
  // Kept files: hard links to the target's own (same inode, same mtime); a
  // copy with the old mtime where the file system has no hard links. A
  // spare's file that already is that link stays.
  std::string made_parent;
  for (const auto& relative : m_kept) {
    const std::string from = m_target + "/" + relative;
    const std::string to = m_staging + "/" + relative;
    const OutputFile& expected = m_manifest.files().at(relative);
    if (!still_same(from, expected)) {
      throw std::runtime_error(tr("'{}' changed during the build: build again", from));
    }
    if (const OutputFile* staged = m_staged.find(relative);
        staged != nullptr && staged->inode == expected.inode && still_same(to, expected)) {
      continue;
    }
    const std::string parent = fs::path(to).parent_path().string();
    if (parent != made_parent) {
      make_parent(to);
      made_parent = parent;
    }
    const std::string temp = to + ".vetrina-tmp";
    ::unlink(temp.c_str());
    if (::link(from.c_str(), temp.c_str()) == 0) {
      if (::rename(temp.c_str(), to.c_str()) != 0) {
        throw std::runtime_error(sys_error("cannot keep", to));
      }
      continue;
    }
    std::error_code ec;
    if (!fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec) || ec) {
      throw std::runtime_error(tr("cannot keep '{}' in the new tree: {}", from, ec.message()));
    }
    const struct timespec times[2] = {
        {0, UTIME_OMIT},
        {static_cast<time_t>(expected.mtime_ns / 1'000'000'000), static_cast<long>(expected.mtime_ns % 1'000'000'000)}};
    ::utimensat(AT_FDCWD, to.c_str(), times, 0);
    OutputFile copied;
    if (stat_output(to, copied)) {
      m_manifest.files()[relative].inode = copied.inode;
    }
  }
  // What the spare held that the site no longer has goes, with folders left empty.
  std::set<std::string, std::greater<>> folders;  // deepest first
  for (const auto& [relative, file] : m_staged.files()) {
    if (m_manifest.find(relative) == nullptr) {
      ::unlink((m_staging + "/" + relative).c_str());
      for (auto slash = relative.rfind('/'); slash != std::string::npos; slash = relative.rfind('/', slash - 1)) {
        folders.insert(relative.substr(0, slash));
        if (slash == 0) {
          break;
        }
      }
    }
  }
  for (const auto& folder : folders) {
    ::rmdir((m_staging + "/" + folder).c_str());  // fails, as it should, when not empty
  }
  // README.md of the target (tracked by Git) is carried over, fresh.
  const fs::path readme = fs::path(m_target) / "README.md";
  const fs::path staged_readme = fs::path(m_staging) / "README.md";
  std::error_code ec;
  if (m_manifest.find("README.md") == nullptr) {
    fs::remove(staged_readme, ec);
    if (fs::is_regular_file(readme, ec)) {
      fs::copy_file(readme, staged_readme, ec);
    }
  }
  // No fsync: the swap is atomic for readers (the server, rsync); durability
  // after a power cut is not a goal for a tree that is rebuilt in seconds.
  const bool had_target = fs::exists(m_target, ec);
  swap_directory(m_staging, m_target, m_incremental);
  m_committed = true;
  if (m_incremental && had_target) {
    // The old tree is the next build's spare.
    if (::rename(m_staging.c_str(), spare_dir(m_target).c_str()) == 0) {
      m_spare_after = m_previous;
    } else {
      fs::remove_all(m_staging, ec);
    }
  }
}

std::string output_path(const std::string& url) {
  std::string path = url.substr(url.empty() || url[0] != '/' ? 0 : 1);
  if (path.empty() || path.back() == '/') {
    path += "index.html";
  }
  return path;
}

}  // namespace vetrina
