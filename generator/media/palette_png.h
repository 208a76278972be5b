#pragma once
// PNG files of indexed-colour pictures (the generated covers, cover_canvas.h)
// and the zlib stream inside them. The stream is deflate with matches at
// distance one only (runs of a byte, as zlib's Z_RLE strategy) in a single
// block of dynamic Huffman codes: on a picture of flat areas it packs about
// as small as zlib's run-length mode at a fraction of its time, because a
// run costs one word comparison per 8 bytes and its Adler-32 is computed in
// closed form. Pure functions, thread-safe; the output is a function of the
// input only (the same bytes on every machine).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace vetrina {

// A zlib stream (RFC 1950/1951) holding `size` bytes from `data`.
std::string zlib_runs(const unsigned char* data, std::size_t size);

// The PNG of a width x height picture of 8-bit palette indices: `rows` holds
// height rows of 1 + width bytes, each a filter byte (0, None) then the
// row's indices; `palette` the colours (0xRRGGBB, 1 to 256 of them).
std::string palette_png(int width, int height, const std::vector<std::uint32_t>& palette, const unsigned char* rows);

}  // namespace vetrina
