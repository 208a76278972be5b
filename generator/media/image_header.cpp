#include "generator/media/image_header.h"

#include <libexif/exif-data.h>
#include <zlib.h>

#include <memory>
#include <vector>

namespace vetrina {

namespace {

struct ExifDeleter {
  void operator()(ExifData* data) const { exif_data_unref(data); }
};

}  // namespace

std::optional<std::pair<std::uint32_t, std::uint32_t>> header_dimensions(std::string_view file) {
  auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(file[i])); };
  auto be16 = [&](std::size_t i) { return byte(i) << 8 | byte(i + 1); };
  auto be32 = [&](std::size_t i) { return be16(i) << 16 | be16(i + 2); };
  if (file.size() >= 24 && file.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8) &&
      file.substr(12, 4) == "IHDR") {
    return std::make_pair(be32(16), be32(20));
  }
  if (file.size() < 4 || byte(0) != 0xFF || byte(1) != 0xD8) {
    return std::nullopt;
  }
  std::size_t i = 2;
  while (i + 4 <= file.size()) {
    if (byte(i) != 0xFF) {
      return std::nullopt;
    }
    const std::uint32_t marker = byte(i + 1);
    if (marker == 0xFF) {
      ++i;  // fill byte
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      i += 2;  // markers without a length
      continue;
    }
    const std::uint32_t length = be16(i + 2);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof && i + 9 <= file.size()) {
      return std::make_pair(be16(i + 7), be16(i + 5));
    }
    if (marker == 0xDA || length < 2) {
      return std::nullopt;  // image data before any frame header
    }
    i += 2 + length;
  }
  return std::nullopt;
}

bool jpeg_huffman_tables_valid(std::string_view file) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(file[i]); };
  if (file.size() < 2 || byte(0) != 0xFF || byte(1) != 0xD8) {
    return true;  // not a JPEG
  }
  std::size_t i = 2;
  while (i + 1 < file.size()) {
    if (byte(i) != 0xFF) {
      ++i;  // entropy-coded data (after SOS) or garbage: look for the next marker
      continue;
    }
    const unsigned char marker = byte(i + 1);
    if (marker == 0x00 || marker == 0xFF || (marker >= 0xD0 && marker <= 0xD8) || marker == 0x01) {
      i += marker == 0xFF ? 1 : 2;  // stuffed byte, fill byte, restart marker, SOI, TEM
      continue;
    }
    if (marker == 0xD9) {
      return true;  // EOI
    }
    if (i + 4 > file.size()) {
      return true;  // truncated: stb fails on its own
    }
    const std::size_t length = static_cast<std::size_t>(byte(i + 2)) << 8 | byte(i + 3);
    if (length < 2) {
      return false;
    }
    const std::size_t end = std::min(file.size(), i + 2 + length);
    if (marker == 0xC4) {  // DHT: one or more tables of 1 + 16 + n bytes
      // As stb reads them: a table that starts inside the segment is read
      // whole, past the segment's end if it says so (0 past the file's end).
      auto read = [&](std::size_t k) { return k < file.size() ? byte(k) : 0U; };
      std::size_t at = i + 4;
      while (at < end) {
        std::size_t codes = 0;
        for (std::size_t k = 1; k <= 16; ++k) {
          codes += read(at + k);
        }
        if (codes > 256) {
          return false;
        }
        at += 17 + codes;
      }
    }
    i = end;
  }
  return true;
}

int exif_orientation(std::string_view file) {
  if (file.size() < 4 || static_cast<unsigned char>(file[0]) != 0xFF || static_cast<unsigned char>(file[1]) != 0xD8) {
    return 1;  // not a JPEG
  }
  std::unique_ptr<ExifData, ExifDeleter> data(
      exif_data_new_from_data(reinterpret_cast<const unsigned char*>(file.data()), static_cast<unsigned>(file.size())));
  if (!data) {
    return 1;
  }
  ExifEntry* entry = exif_data_get_entry(data.get(), EXIF_TAG_ORIENTATION);
  if (entry == nullptr || entry->format != EXIF_FORMAT_SHORT || entry->components < 1) {
    return 1;
  }
  const int value = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
  return value >= 1 && value <= 8 ? value : 1;
}

namespace {

std::uint32_t big_endian32(std::string_view bytes, std::size_t at) {
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
}

constexpr std::string_view k_png_signature("\x89PNG\r\n\x1a\n", 8);

// Calls `visit(type, data)` for each chunk while it returns true; false when
// the chunk list runs past the end of the file.
template <typename Visit>
bool for_each_png_chunk(std::string_view file, Visit visit) {
  std::size_t at = k_png_signature.size();
  while (at + 12 <= file.size()) {
    const std::uint32_t length = big_endian32(file, at);
    if (length > file.size() - at - 12) {
      return false;
    }
    const std::string_view type = file.substr(at + 4, 4);
    if (!visit(type, file.substr(at + 8, length))) {
      return true;
    }
    at += 12 + std::size_t{length};
  }
  return true;
}

}  // namespace

std::optional<std::uint64_t> png_expected_inflated_size(std::string_view file) {
  if (!file.starts_with(k_png_signature) || file.size() < 33 || file.substr(12, 4) != "IHDR" ||
      big_endian32(file, 8) != 13) {
    return std::nullopt;
  }
  const std::uint64_t width = big_endian32(file, 16);
  const std::uint64_t height = big_endian32(file, 20);
  const auto depth = static_cast<unsigned char>(file[24]);
  const auto colour = static_cast<unsigned char>(file[25]);
  const auto interlace = static_cast<unsigned char>(file[28]);
  std::uint64_t channels = 0;
  switch (colour) {
    case 0:
      channels = 1;
      break;
    case 2:
      channels = 3;
      break;
    case 3:
      channels = 1;
      break;
    case 4:
      channels = 2;
      break;
    case 6:
      channels = 4;
      break;
    default:
      return std::nullopt;
  }
  if (width == 0 || height == 0 || width > 0x7fffffff || height > 0x7fffffff || depth == 0 || depth > 16 ||
      interlace > 1) {
    return std::nullopt;
  }
  const std::uint64_t bits = channels * depth;
  // Each row: one filter byte, then its pixels' bits rounded up to bytes.
  auto rows = [&](std::uint64_t w, std::uint64_t h) { return w == 0 || h == 0 ? 0 : h * (1 + (w * bits + 7) / 8); };
  if (interlace == 0) {
    return rows(width, height);
  }
  // Adam7: seven reduced images, each with its own rows.
  static const int k_pass[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                   {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
  std::uint64_t total = 0;
  for (const auto& pass : k_pass) {
    const auto x0 = static_cast<std::uint64_t>(pass[0]);
    const auto y0 = static_cast<std::uint64_t>(pass[1]);
    const auto dx = static_cast<std::uint64_t>(pass[2]);
    const auto dy = static_cast<std::uint64_t>(pass[3]);
    const std::uint64_t w = width > x0 ? (width - x0 + dx - 1) / dx : 0;
    const std::uint64_t h = height > y0 ? (height - y0 + dy - 1) / dy : 0;
    total += rows(w, h);
  }
  return total;
}

bool png_inflates_within(std::string_view file, std::uint64_t limit) {
  if (!file.starts_with(k_png_signature)) {
    return false;
  }
  bool apple = false;  // CgBI PNGs carry raw deflate without the zlib header
  for_each_png_chunk(file, [&](std::string_view type, std::string_view) {
    apple = apple || type == "CgBI";
    return type != "IDAT";
  });
  z_stream stream{};
  if (inflateInit2(&stream, apple ? -MAX_WBITS : MAX_WBITS) != Z_OK) {
    return false;
  }
  std::vector<unsigned char> scratch(64 * 1024);
  std::uint64_t produced = 0;
  bool within = true;
  bool ended = false;
  const bool complete = for_each_png_chunk(file, [&](std::string_view type, std::string_view data) {
    if (type == "IEND") {
      return false;
    }
    if (type != "IDAT" || ended) {
      return true;
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    while (stream.avail_in > 0 && within && !ended) {
      stream.next_out = scratch.data();
      stream.avail_out = static_cast<uInt>(scratch.size());
      const int rc = inflate(&stream, Z_NO_FLUSH);
      produced += scratch.size() - stream.avail_out;
      if (produced > limit) {
        within = false;
      } else if (rc == Z_STREAM_END) {
        ended = true;
      } else if (rc != Z_OK) {
        within = false;  // damaged: stb would fail too
      }
    }
    return within;
  });
  inflateEnd(&stream);
  return within && complete;
}

}  // namespace vetrina
