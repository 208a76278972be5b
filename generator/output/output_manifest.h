#pragma once
// What an output tree (public/, the preview folder) holds, as the last build
// left it: for every file its content hash, the fingerprint of the inputs it
// was made from (renderer.h RenderInputs; 0 = made without one), and its size,
// mtime and inode. The next build keeps a file whose inputs or bytes are
// unchanged (hard link into the staged tree: same inode, same mtime) instead
// of writing it again, so rsync and CDN uploads see only real changes.
//
// A file is trusted only while its size, mtime (ns) and inode are still what
// the manifest says: anything else touched it, and it is made again.
//
// Stored in the build cache (not in the tree, which is published) as text:
// "vetrina outputs v1\n", then one line per file, sorted by path:
// "<path>\t<content hash>\t<inputs>\t<size>\t<mtime ns>\t<inode>\n" (hashes
// in 16 hex digits, numbers in decimal). Other versions read as empty.
// Not thread-safe; OutputWriter guards its own copy.

#include <cstdint>
#include <map>
#include <string>

namespace vetrina {

struct OutputFile {
  std::uint64_t content = 0;  // util::hash64 of the bytes
  std::uint64_t inputs = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const OutputFile&) const = default;
};

class OutputManifest {
 public:
  // Empty when the file is missing, unreadable, malformed or of another version.
  static OutputManifest load(const std::string& path);
  // Atomically (temp file + rename). Throws std::runtime_error on failure.
  void save(const std::string& path) const;

  // Where the manifest of the output tree `out_dir` lives inside `cache_dir`
  // (one per tree: the name is a hash of the tree's absolute path).
  static std::string path_for(const std::string& cache_dir, const std::string& out_dir);
  // The same for the spare tree beside it (output_writer.h).
  static std::string spare_path_for(const std::string& cache_dir, const std::string& out_dir);

  std::map<std::string, OutputFile>& files() { return m_files; }
  const std::map<std::string, OutputFile>& files() const { return m_files; }
  const OutputFile* find(const std::string& relative) const;

  static constexpr const char* k_version = "vetrina outputs v1";

 private:
  std::map<std::string, OutputFile> m_files;
};

// Size, mtime and inode of `path` (content and inputs left 0); false when it
// is not a regular file.
bool stat_output(const std::string& path, OutputFile& stat);

// True when `path` is still the file `recorded` describes (size, mtime, inode).
bool still_same(const std::string& path, const OutputFile& recorded);

}  // namespace vetrina
