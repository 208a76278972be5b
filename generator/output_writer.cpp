#include "generator/output_writer.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace vetrina {

namespace fs = std::filesystem;

namespace {

std::string sys_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

std::atomic<unsigned> g_counter{0};

}  // namespace

OutputWriter::OutputWriter(std::string target) : m_target(std::move(target)) {
  while (m_target.size() > 1 && m_target.back() == '/') {
    m_target.pop_back();
  }
  const fs::path target_path(m_target);
  const fs::path parent = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    throw std::runtime_error("cannot create '" + parent.string() + "': " + ec.message());
  }
  m_staging = (parent / ("." + target_path.filename().string() + ".staging-" + std::to_string(::getpid()) + "-" +
                         std::to_string(g_counter++)))
                  .string();
  fs::remove_all(m_staging, ec);
  if (!fs::create_directory(m_staging, ec) || ec) {
    throw std::runtime_error("cannot create staging folder '" + m_staging + "': " + ec.message());
  }
}

OutputWriter::~OutputWriter() {
  if (!m_committed) {
    std::error_code ec;
    fs::remove_all(m_staging, ec);
  }
}

void OutputWriter::write(const std::string& relative, std::string_view content) {
  if (relative.empty() || relative.front() == '/' || relative.find("..") != std::string::npos) {
    throw std::runtime_error("refusing to write outside the output folder: '" + relative + "'");
  }
  const fs::path path = fs::path(m_staging) / relative;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    throw std::runtime_error("cannot create '" + path.parent_path().string() + "': " + ec.message());
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(sys_error("cannot write", path.string()));
  }
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const std::string message = sys_error("cannot write", path.string());
      ::close(fd);
      throw std::runtime_error(message);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    throw std::runtime_error(sys_error("cannot write", path.string()));
  }
  m_files.fetch_add(1, std::memory_order_relaxed);
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
  const fs::path readme = fs::path(m_target) / "README.md";
  std::error_code ec;
  if (fs::is_regular_file(readme, ec) && !fs::exists(fs::path(m_staging) / "README.md", ec)) {
    fs::copy_file(readme, fs::path(m_staging) / "README.md", ec);
  }
  // No fsync: the swap is atomic for readers (the server, rsync); durability
  // after a power cut is not a goal for a tree that is rebuilt in seconds.
  swap_directory(m_staging, m_target, false);
  m_committed = true;
}

}  // namespace vetrina
