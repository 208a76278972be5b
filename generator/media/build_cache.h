#pragma once
// The build cache in .vetrina/cache: derived files that are costly to make,
// so a rebuild with unchanged inputs does no work. The folder holds a VERSION
// file ("vetrina cache v3"); a cache written by another version is emptied
// rather than trusted. Layout (docs/architecture.md "Build cache"):
//   <hash>-<width>.<ext>, <hash>.format  resized photos, content-addressed (this class)
//   stories/<2 hex>/<16 hex>             parsed stories and their bodies (story_cache.h)
//   outputs/<hash>.manifest              what each output tree holds (output_manifest.h)
//   index/<hash>.state                   what each search index holds (incremental.h)
// v2 added the last three. Files are written atomically (temp file + rename),
// so a crashed build never leaves half a file under a valid name. Thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace vetrina {

class BuildCache {
 public:
  // Opens (creating it if needed) the cache folder. Throws std::runtime_error
  // when the folder cannot be created. A read-only cache (vetrina check)
  // creates, empties and writes nothing: put() is then a no-op.
  explicit BuildCache(std::string dir, bool read_only = false);
  BuildCache(const BuildCache&) = delete;
  BuildCache& operator=(const BuildCache&) = delete;

  bool has(const std::string& name) const;
  std::optional<std::string> read(const std::string& name) const;
  // Throws std::runtime_error on I/O failure.
  void put(const std::string& name, std::string_view bytes);
  // The same, as a hard link to `file` (which holds `bytes` and is never
  // written into again) when it can be one: no second copy of the bytes,
  // no new inode. Falls back to put().
  void put_linked(const std::string& name, const std::string& file, std::string_view bytes);
  std::string path_of(const std::string& name) const;

  static constexpr std::string_view k_version = "vetrina cache v3\n";

 private:
  std::string m_dir;
  bool m_read_only = false;
};

}  // namespace vetrina
