#pragma once
// The one seam through which content is read (ninja's DiskInterface). The
// generator reads sites only through FileSystem, so most tests run on a
// MemoryFileSystem and never touch the disk. Paths are '/'-separated strings.
// Implementations are safe to call from several threads at once for reads.
//
// Content is hostile input (a pull request can commit a symlink to
// /etc/passwd or /dev/zero, or a FIFO): every read is bounded. A read opens
// regular files only (never blocking on a FIFO or device), checks the size
// with fstat before reading a byte, and, when FileLimits::within names a
// folder, refuses a file whose real path (symlinks resolved) is not inside
// that folder's real path.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/util/result.h"

namespace vetrina::util {

struct DirEntry {
  std::string name;
  bool is_directory = false;
};

// The default size limit of a read: text files (index.md, pages, YAML, CSV).
inline constexpr std::uint64_t k_default_max_file_bytes = 8ULL * 1024 * 1024;

// What a read may accept.
struct FileLimits {
  // When not empty: the file's real path must lie inside this folder's real
  // path (a symlink may point elsewhere inside it, never out of it).
  std::string within;
  std::uint64_t max_bytes = k_default_max_file_bytes;
  // When not empty: `within`'s real path as FileSystem::real_path gave it,
  // so that a caller reading many files inside one folder resolves it once
  // (each resolution is three system calls).
  std::string within_real{};
};

// Why a file may not be read; `none` when it may.
enum class FileRefusal { none, missing, not_regular, outside, too_large, unreadable };

struct FileCheck {
  FileRefusal refusal = FileRefusal::missing;
  std::uint64_t size = 0;  // when the file exists
  bool ok() const { return refusal == FileRefusal::none; }
};

// An English phrase for a refusal, to follow "cannot read X: " or a file's
// name: "no such file", "is not a regular file (...)", ...
std::string describe(const FileCheck& check, const FileLimits& limits);

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // The whole file, or a failure whose message is describe() of the refusal
  // (an English phrase, to follow "cannot read X: "), when it cannot be read
  // or the limits refuse it. Never blocks on a FIFO, never reads more than
  // limits.max_bytes.
  virtual Result<std::string> read_file(const std::string& path, const FileLimits& limits) const = 0;
  // read_file with the default limits (any folder, k_default_max_file_bytes).
  Result<std::string> read_file(const std::string& path) const { return read_file(path, FileLimits{}); }
  // The checks of read_file without reading (a stat): whether the file could be read.
  virtual FileCheck check_file(const std::string& path, const FileLimits& limits) const = 0;
  // Whether the real path of `path` (a folder or a file) lies inside the real path of `folder`.
  virtual bool is_within(const std::string& path, const std::string& folder) const = 0;
  // The real path of `path` (symlinks resolved, normalised); nullopt when
  // it does not exist or cannot be resolved. is_within(p, f) is
  // path_inside(*real_path(p), *real_path(f)) when both resolve.
  virtual std::optional<std::string> real_path(const std::string& path) const = 0;
  // Entries of a directory sorted by name, without "." and "..": empty when missing.
  virtual std::vector<DirEntry> list_directory(const std::string& path) const = 0;
  virtual bool is_directory(const std::string& path) const = 0;
  virtual bool is_file(const std::string& path) const = 0;
};

class DiskFileSystem final : public FileSystem {
 public:
  using FileSystem::read_file;
  Result<std::string> read_file(const std::string& path, const FileLimits& limits) const override;
  FileCheck check_file(const std::string& path, const FileLimits& limits) const override;
  bool is_within(const std::string& path, const std::string& folder) const override;
  std::optional<std::string> real_path(const std::string& path) const override;
  std::vector<DirEntry> list_directory(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool is_file(const std::string& path) const override;
};

// In-memory tree for tests: add files by full path; directories are implied.
// Symlinks (to a file or a folder, resolved like the disk's: a relative
// target from the link's folder) and special files (a FIFO, a device) can be
// added to test the refusals.
class MemoryFileSystem final : public FileSystem {
 public:
  void add_file(const std::string& path, std::string content);
  void add_symlink(const std::string& path, std::string target);
  void add_special(const std::string& path);
  using FileSystem::read_file;
  Result<std::string> read_file(const std::string& path, const FileLimits& limits) const override;
  FileCheck check_file(const std::string& path, const FileLimits& limits) const override;
  bool is_within(const std::string& path, const std::string& folder) const override;
  std::optional<std::string> real_path(const std::string& path) const override;
  std::vector<DirEntry> list_directory(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  bool is_file(const std::string& path) const override;

 private:
  // The path with every symlink resolved (lexically normalised), or nullopt
  // for a loop.
  std::optional<std::string> resolve(const std::string& path) const;

  std::map<std::string, std::string> m_files;
  std::map<std::string, std::string> m_links;
  std::map<std::string, bool> m_specials;
};

// Whether the real path `path` lies strictly inside the real path `folder`
// (both normalised, no trailing '/').
bool path_inside(const std::string& path, const std::string& folder);

// "a/./b/../c" -> "a/c" (no file system access; leading ".." are kept).
std::string normalize_path(const std::string& path);

// "a/b" + "c" -> "a/b/c"; an empty side yields the other.
std::string join_path(const std::string& a, const std::string& b);

// "content/stories/a" -> "a": what follows the last '/' (all of `path` without one).
std::string last_component(const std::string& path);

// Saved state outside the FileSystem seam (the build cache): a whole file
// from disk, or nullopt when it cannot be read.
std::optional<std::string> read_whole_file(const std::string& path);
// Writes all of `bytes` to the open file `fd`, again after a short write
// or an interrupted one. False on an error, with errno set.
bool write_all(int fd, std::string_view bytes);
// Writes `bytes` to `path` atomically (a temporary file beside it, then
// rename), creating missing parent folders: a reader sees the old file or
// the new one, never half. Throws std::runtime_error on failure.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace vetrina::util
