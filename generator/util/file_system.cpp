#include "generator/util/file_system.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace vetrina::util {

namespace fs = std::filesystem;

std::optional<std::string> DiskFileSystem::read_file(const std::string& path, std::string* error) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error != nullptr) {
      std::error_code ec;
      *error = fs::exists(path, ec) ? "cannot read file" : "no such file";
    }
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
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

void MemoryFileSystem::add_file(const std::string& path, std::string content) { m_files[path] = std::move(content); }

std::optional<std::string> MemoryFileSystem::read_file(const std::string& path, std::string* error) const {
  const auto it = m_files.find(path);
  if (it == m_files.end()) {
    if (error != nullptr) {
      *error = "no such file";
    }
    return std::nullopt;
  }
  return it->second;
}

std::vector<DirEntry> MemoryFileSystem::list_directory(const std::string& path) const {
  const std::string prefix = path.empty() ? "" : path + "/";
  std::map<std::string, bool> names;
  for (auto it = m_files.lower_bound(prefix); it != m_files.end() && it->first.starts_with(prefix); ++it) {
    const std::string rest = it->first.substr(prefix.size());
    const auto slash = rest.find('/');
    const std::string name = rest.substr(0, slash);
    names[name] = names[name] || slash != std::string::npos;
  }
  std::vector<DirEntry> entries;
  for (const auto& [name, is_dir] : names) {
    entries.push_back({name, is_dir});
  }
  return entries;
}

bool MemoryFileSystem::is_directory(const std::string& path) const {
  const std::string prefix = path + "/";
  const auto it = m_files.lower_bound(prefix);
  return it != m_files.end() && it->first.starts_with(prefix);
}

bool MemoryFileSystem::is_file(const std::string& path) const { return m_files.count(path) != 0; }

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write " + temp);
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot write " + path + ": " + ec.message());
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

}  // namespace vetrina::util
