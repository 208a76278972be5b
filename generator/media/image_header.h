#pragma once
// What a photo's bytes say before anything is decoded: the size its PNG IHDR
// or JPEG SOF claims, whether a PNG's pixel data inflates within what that
// size needs (decompression bombs), whether a JPEG's Huffman tables are sane
// (stb_image trusts them), and the EXIF orientation (libexif). The image
// pipeline refuses a photo on these answers before stb allocates anything.
// Pure functions on the bytes, thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace vetrina {

// Width and height as a PNG's IHDR or a JPEG's SOF header states them, read
// without decoding anything; nullopt when the file is neither.
std::optional<std::pair<std::uint32_t, std::uint32_t>> header_dimensions(std::string_view file);

// The bytes a PNG's pixel data (its IDAT chunks) must inflate to, computed
// from its IHDR (width, height, bit depth, colour type, interlacing);
// nullopt when the file is not a PNG with a valid IHDR.
std::optional<std::uint64_t> png_expected_inflated_size(std::string_view file);
// Whether the PNG's IDAT stream inflates to at most `limit` bytes. Streams
// through zlib with a fixed buffer and stops as soon as the limit is passed
// (a decompression bomb costs at most `limit` bytes of inflate work, never
// memory); false too when the stream is damaged.
bool png_inflates_within(std::string_view file, std::uint64_t limit);

// Whether every Huffman table (DHT segment) of a JPEG declares at most 256
// codes, walking all its segments (entropy-coded data skipped). stb_image
// 2.27 trusts the counts and writes past its tables otherwise (found by the
// image fuzz target): such files are refused before stb sees them. True for
// files that are not JPEG.
bool jpeg_huffman_tables_valid(std::string_view file);

// EXIF orientation (1-8) of a JPEG file's bytes; 1 when absent or unreadable.
int exif_orientation(std::string_view file);

}  // namespace vetrina
