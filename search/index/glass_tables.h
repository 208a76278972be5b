#pragma once
// Which of a new Xapian database's tables are stored without compression.
//
// Xapian 1.4's glass backend deflates (zlib, level 6) every item of its
// document-data and term-list tables longer than 18 bytes. Here that buys
// nothing: a story's document data is mostly its snippet text, already
// packed with zstd (schema.h), and its term list deflates by a few per cent,
// less than the B-tree's blocks then lose (a 10,000-story index's term-list
// table is 3 % smaller stored plain). It cost a fifth of the index writer's
// time, the largest piece of a build on one thread (docs/performance.md).
//
// The threshold is a field of each table's entry in the database's version
// file (`iamglass`: `compress_min`, 0 = never compress). Xapian reads it back
// at every open and keeps it in every later commit, and reads tables with
// compressed and plain items alike, but 1.4 has no call to set it. So a new,
// empty database's version file is rewritten once, before any document is
// written, with compress_min 0 for those two tables. The file's layout is
// glass's format 2016-03-14 (xapian-core 1.4, glass_version.cc): a magic
// string, the format, a UUID, the revision, then per table its root, flags,
// entries, block size, compress_min and free list, then the statistics.
// Any other layout or format is left as it is (and the tables compressed).
//
// Thread-safety: pure functions, and a function on a directory that no
// other thread or process may open meanwhile.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vetrina::search {

// The glass version file `bytes` with compress_min 0 for the document-data
// and term-list tables; nullopt when `bytes` is not a version file of the
// layout above.
std::optional<std::string> uncompressed_tables_version(std::string_view bytes);

// The tables of a glass database, in the version file's order.
enum class GlassTable { postlist, docdata, termlist, position, spelling, synonym };
inline constexpr std::size_t k_glass_tables = 6;

// The compress_min of each table of the version file `bytes`, by
// GlassTable; nullopt when it is not a version file of that layout.
std::optional<std::array<std::uint64_t, k_glass_tables>> compress_min_of_tables(std::string_view bytes);

// Rewrites the version file of the new, empty, closed database at `dir`
// (uncompressed_tables_version()). Returns false, leaving it unchanged, when
// its layout is not the one above. Throws std::runtime_error when the file
// cannot be read or replaced.
bool store_tables_uncompressed(const std::string& dir);

}  // namespace vetrina::search
