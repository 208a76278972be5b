#include "generator/media/build_cache.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "generator/util/file_system.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

}  // namespace

BuildCache::BuildCache(std::string dir, bool read_only) : m_dir(std::move(dir)), m_read_only(read_only) {
  std::error_code ec;
  const std::string version_file = m_dir + "/VERSION";
  const auto version = util::read_whole_file(version_file);
  if (m_read_only) {
    if (!version || *version != k_version) {
      m_dir += "/.unusable";  // another format: read nothing from it
    }
    return;
  }
  if (!version || *version != k_version) {
    fs::remove_all(m_dir, ec);  // another format, or no cache: start clean
  }
  fs::create_directories(m_dir, ec);
  if (ec) {
    throw std::runtime_error(tr("cannot create the cache folder {}: {}", m_dir, ec.message()));
  }
  if (!version || *version != k_version) {
    util::write_file_atomically(version_file, k_version);
  }
}

std::string BuildCache::path_of(const std::string& name) const {
  return m_dir + "/" + name;
}

bool BuildCache::has(const std::string& name) const {
  std::error_code ec;
  return fs::is_regular_file(path_of(name), ec);
}

std::optional<std::string> BuildCache::read(const std::string& name) const {
  return util::read_whole_file(path_of(name));
}

void BuildCache::put(const std::string& name, std::string_view bytes) {
  if (!m_read_only) {
    util::write_file_atomically(path_of(name), bytes);
  }
}

void BuildCache::put_linked(const std::string& name, const std::string& file, std::string_view bytes) {
  if (m_read_only) {
    return;
  }
  if (!file.empty() && ::link(file.c_str(), path_of(name).c_str()) == 0) {
    return;
  }
  // Another file system, no hard links, no file, or a file of that name
  // already there that could not be read (the caller read it first): a
  // copy, renamed over it.
  put(name, bytes);
}

}  // namespace vetrina
