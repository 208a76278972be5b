#include "generator/output/output_manifest.h"

#include <sys/stat.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "generator/util/file_system.h"
#include "generator/util/hash.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

template <typename T>
bool parse_number(std::string_view text, T& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) {
      return fields;
    }
    start = tab + 1;
  }
}

}  // namespace

OutputManifest OutputManifest::load(const std::string& path) {
  OutputManifest manifest;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return manifest;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string header = std::string(k_version) + "\n";
  if (text.compare(0, header.size(), header) != 0) {
    return manifest;
  }
  std::size_t pos = header.size();
  while (pos < text.size()) {
    const auto newline = text.find('\n', pos);
    if (newline == std::string::npos) {
      return {};  // truncated
    }
    const auto fields = split_tabs(std::string_view(text).substr(pos, newline - pos));
    pos = newline + 1;
    OutputFile file;
    if (fields.size() != 6 || fields[0].empty() || !util::parse_hex64(fields[1], file.content) ||
        !util::parse_hex64(fields[2], file.inputs) || !parse_number(fields[3], file.size) ||
        !parse_number(fields[4], file.mtime_ns) || !parse_number(fields[5], file.inode)) {
      return {};
    }
    manifest.m_files.emplace(std::string(fields[0]), file);
  }
  return manifest;
}

void OutputManifest::save(const std::string& path) const {
  std::string text = std::string(k_version) + "\n";
  for (const auto& [relative, file] : m_files) {
    text += relative + "\t" + util::hex64(file.content) + "\t" + util::hex64(file.inputs) + "\t" +
            std::to_string(file.size) + "\t" + std::to_string(file.mtime_ns) + "\t" + std::to_string(file.inode) + "\n";
  }
  util::write_file_atomically(path, text);
}

std::string OutputManifest::path_for(const std::string& cache_dir, const std::string& out_dir) {
  std::error_code ec;
  fs::path absolute = fs::absolute(out_dir, ec);
  std::string key = (ec ? fs::path(out_dir) : absolute.lexically_normal()).string();
  while (key.size() > 1 && key.back() == '/') {
    key.pop_back();
  }
  return cache_dir + "/outputs/" + util::hex64(util::hash64(key)) + ".manifest";
}

std::string OutputManifest::spare_path_for(const std::string& cache_dir, const std::string& out_dir) {
  std::string path = path_for(cache_dir, out_dir);
  return path.replace(path.size() - 9, 9, ".spare.manifest");
}

const OutputFile* OutputManifest::find(const std::string& relative) const {
  const auto it = m_files.find(relative);
  return it == m_files.end() ? nullptr : &it->second;
}

bool stat_output(const std::string& path, OutputFile& stat) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return false;
  }
  stat.size = static_cast<std::uint64_t>(info.st_size);
  stat.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  stat.inode = static_cast<std::uint64_t>(info.st_ino);
  return true;
}

bool still_same(const std::string& path, const OutputFile& recorded) {
  OutputFile now;
  return stat_output(path, now) && now.size == recorded.size && now.mtime_ns == recorded.mtime_ns &&
         now.inode == recorded.inode;
}

}  // namespace vetrina
