#pragma once
// Which file of the built site a request reaches, and how: the path resolved
// inside public/ as nginx would (directory index, redirect to the trailing
// slash, nothing outside the folder: "..", dot files and symlinks leading out
// are refused), the byte range a Range header asks for, and the content type
// by extension. Pure functions of the path and the file system; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace vetrina::search {

// What a request for `path` (already percent-decoded, starting with '/')
// resolves to inside `public_dir`.
struct Resolved {
  enum class Kind { file, redirect, not_found, forbidden } kind = Kind::not_found;
  std::string file;      // absolute file path (kind == file)
  std::string location;  // target (kind == redirect)
};
Resolved resolve_static(const std::string& public_dir, const std::string& path);

// The byte range a Range header value asks of a file of `size` bytes.
// whole: serve the whole file (no or malformed header, another unit, more
// than 16 parts, or parts that do not merge into one); partial: [first,
// last]; unsatisfiable: 416.
struct ByteRange {
  enum class Kind { whole, partial, unsatisfiable } kind = Kind::whole;
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};
ByteRange byte_range(std::string_view header, std::uint64_t size);

// MIME type for a file name by its extension ("application/octet-stream" if unknown).
const char* content_type_for(const std::string& path);

// The absolute path of `path` with every symlink resolved; "" when it does
// not exist.
std::string real_path(const std::string& path);

}  // namespace vetrina::search
