#include "generator/output/in_place_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "generator/util/file_system.h"
#include "generator/util/hash.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace fs = std::filesystem;

InPlaceWriter::InPlaceWriter(std::string root, const OutputManifest& manifest) : m_root(std::move(root)) {
  m_files.reserve(manifest.files().size() * 2);
  for (const auto& [relative, file] : manifest.files()) {
    m_files.try_emplace(relative).first->second.file = file;
  }
}

void InPlaceWriter::begin() {
  ++m_generation;
  m_written = 0;
}

bool InPlaceWriter::reuse(const std::string& relative, std::uint64_t inputs) {
  const std::shared_lock lock(m_mutex);
  const auto it = m_files.find(relative);
  if (inputs == 0 || it == m_files.end() || it->second.file.inputs != inputs) {
    return false;
  }
  it->second.generation.store(m_generation, std::memory_order_relaxed);
  return true;
}

void InPlaceWriter::write(const std::string& relative, std::string_view content, std::uint64_t inputs) {
  if (relative.empty() || relative.front() == '/' || relative.find("..") != std::string::npos) {
    throw std::runtime_error(tr("refusing to write outside the preview folder: '{}'", relative));
  }
  const std::uint64_t hash = util::hash64(content);
  {
    const std::lock_guard lock(m_mutex);
    const auto it = m_files.find(relative);
    if (it != m_files.end() && it->second.file.content == hash && it->second.file.size == content.size()) {
      it->second.file.inputs = inputs;
      it->second.generation.store(m_generation, std::memory_order_relaxed);
      return;
    }
  }
  static std::atomic<unsigned> counter{0};
  const fs::path path = fs::path(m_root) / relative;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const std::string temp = (path.parent_path() / ("." + path.filename().string() + ".vetrina-" +
                                                  std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                               .string();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw std::runtime_error(tr("cannot write '{}': {}", temp, std::strerror(errno)));
  }
  if (!util::write_all(fd, content)) {
    const std::string message = std::strerror(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(tr("cannot write '{}': {}", temp, message));
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string message = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error(tr("cannot write '{}': {}", path.string(), message));
  }
  OutputFile file;
  stat_output(path.string(), file);
  file.content = hash;
  file.inputs = inputs;
  const std::lock_guard lock(m_mutex);
  Entry& entry = m_files[relative];
  entry.file = file;
  entry.generation.store(m_generation, std::memory_order_relaxed);
  ++m_written;
}

std::size_t InPlaceWriter::finish() {
  std::vector<std::string> gone;
  for (const auto& [relative, entry] : m_files) {
    if (entry.generation.load(std::memory_order_relaxed) != m_generation) {
      gone.push_back(relative);
    }
  }
  for (const auto& relative : gone) {
    m_files.erase(relative);
    fs::path path = fs::path(m_root) / relative;
    std::error_code ec;
    fs::remove(path, ec);
    // Folders left empty go too (a removed story's folder).
    for (path = path.parent_path(); path != fs::path(m_root) && fs::is_empty(path, ec) && !ec;
         path = path.parent_path()) {
      fs::remove(path, ec);
    }
  }
  return gone.size();
}

OutputManifest InPlaceWriter::manifest() const {
  OutputManifest manifest;
  for (const auto& [relative, entry] : m_files) {
    manifest.files().emplace(relative, entry.file);
  }
  return manifest;
}

}  // namespace vetrina
