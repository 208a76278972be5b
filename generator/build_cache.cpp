#include "generator/build_cache.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vetrina {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

void write_atomically(const std::string& path, std::string_view bytes) {
  static std::atomic<unsigned> counter{0};
  const std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      throw std::runtime_error("cannot write " + temp);
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot write " + path);
  }
}

}  // namespace

BuildCache::BuildCache(std::string dir, bool read_only) : m_dir(std::move(dir)), m_read_only(read_only) {
  std::error_code ec;
  const std::string version_file = m_dir + "/VERSION";
  const auto version = slurp(version_file);
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
    throw std::runtime_error("cannot create the cache folder " + m_dir + ": " + ec.message());
  }
  if (!version || *version != k_version) {
    write_atomically(version_file, k_version);
  }
}

std::string BuildCache::path_of(const std::string& name) const { return m_dir + "/" + name; }

bool BuildCache::has(const std::string& name) const {
  std::error_code ec;
  return fs::is_regular_file(path_of(name), ec);
}

std::optional<std::string> BuildCache::read(const std::string& name) const { return slurp(path_of(name)); }

void BuildCache::put(const std::string& name, std::string_view bytes) {
  if (!m_read_only) {
    write_atomically(path_of(name), bytes);
  }
}

}  // namespace vetrina
