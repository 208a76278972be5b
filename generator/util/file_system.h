#pragma once
// The one seam through which content is read (ninja's DiskInterface). The
// generator reads sites only through FileSystem, so most tests run on a
// MemoryFileSystem and never touch the disk. Paths are '/'-separated strings.
// Implementations are safe to call from several threads at once for reads.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vetrina::util {

struct DirEntry {
  std::string name;
  bool is_directory = false;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole file, or nullopt (with `error` set) when it cannot be read.
  virtual std::optional<std::string> read_file(const std::string& path, std::string* error) const = 0;
  // Entries of a directory sorted by name, without "." and "..": empty when missing.
  virtual std::vector<DirEntry> list_directory(const std::string& path) const = 0;
  virtual bool is_directory(const std::string& path) const = 0;
  virtual bool is_file(const std::string& path) const = 0;
};

class DiskFileSystem final : public FileSystem {
 public:
  std::optional<std::string> read_file(const std::string& path, std::string* error) const override;
  std::vector<DirEntry> list_directory(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
};

// In-memory tree for tests: add files by full path; directories are implied.
class MemoryFileSystem final : public FileSystem {
 public:
  void add_file(const std::string& path, std::string content);
  std::optional<std::string> read_file(const std::string& path, std::string* error) const override;
  std::vector<DirEntry> list_directory(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool is_file(const std::string& path) const override;

 private:
  std::map<std::string, std::string> m_files;
};

// "a/b" + "c" -> "a/b/c"; an empty side yields the other.
std::string join_path(const std::string& a, const std::string& b);

// Saved state outside the FileSystem seam (the build cache): a whole file
// from disk, or nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::string& path);
// Writes `bytes` to `path` atomically (a temporary file beside it, then
// rename), creating missing parent folders: a reader sees the old file or
// the new one, never half. Throws std::runtime_error on failure.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace vetrina::util
