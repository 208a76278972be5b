#include "generator/media/image_pipeline.h"
#include "generator/util/hash.h"

#include <libexif/exif-data.h>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// Bump when the output of the pipeline changes: it is part of every name.
constexpr const char* k_pipeline_version = "img1";
constexpr int k_og_width = 1200;
constexpr int k_og_height = 630;

struct ExifDeleter {
  void operator()(ExifData* data) const { exif_data_unref(data); }
};

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::string*>(context);
  out->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string encode(const Pixels& pixels, bool png) {
  std::string out;
  const int stride = pixels.width * pixels.channels;
  const int ok = png ? stbi_write_png_to_func(append_bytes, &out, pixels.width, pixels.height, pixels.channels,
                                              pixels.data.data(), stride)
                     : stbi_write_jpg_to_func(append_bytes, &out, pixels.width, pixels.height, pixels.channels,
                                              pixels.data.data(), k_jpeg_quality);
  if (ok == 0) {
    throw std::runtime_error(_("cannot encode an image"));
  }
  return out;
}

Pixels resize(const Pixels& source, int width, int height) {
  Pixels out;
  out.width = width;
  out.height = height;
  out.channels = source.channels;
  out.data.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                  static_cast<std::size_t>(source.channels));
  // sRGB-aware: filters in linear light, so resized photos keep their tones.
  const int alpha = source.channels == 4 ? 3 : STBIR_ALPHA_CHANNEL_NONE;
  if (stbir_resize_uint8_srgb(source.data.data(), source.width, source.height, 0, out.data.data(), width, height, 0,
                              source.channels, alpha, 0) == 0) {
    throw std::runtime_error(_("cannot resize an image"));
  }
  return out;
}

Pixels crop(const Pixels& source, const CropBox& box) {
  Pixels out;
  out.width = box.width;
  out.height = box.height;
  out.channels = source.channels;
  const auto row = static_cast<std::size_t>(box.width * source.channels);
  out.data.resize(row * static_cast<std::size_t>(box.height));
  for (int y = 0; y < box.height; ++y) {
    const auto from = (static_cast<std::size_t>(box.y + y) * static_cast<std::size_t>(source.width) +
                       static_cast<std::size_t>(box.x)) *
                      static_cast<std::size_t>(source.channels);
    std::copy_n(source.data.begin() + static_cast<std::ptrdiff_t>(from), row,
                out.data.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
  }
  return out;
}

bool has_transparency(const Pixels& pixels) {
  if (pixels.channels != 4) {
    return false;
  }
  for (std::size_t i = 3; i < pixels.data.size(); i += 4) {
    if (pixels.data[i] != 255) {
      return true;
    }
  }
  return false;
}

Pixels drop_alpha(const Pixels& pixels) {
  if (pixels.channels == 3) {
    return pixels;
  }
  Pixels out{pixels.width, pixels.height, 3, {}};
  out.data.reserve(pixels.data.size() / 4 * 3);
  for (std::size_t i = 0; i < pixels.data.size(); i += 4) {
    out.data.insert(out.data.end(), pixels.data.begin() + static_cast<std::ptrdiff_t>(i),
                    pixels.data.begin() + static_cast<std::ptrdiff_t>(i + 3));
  }
  return out;
}

bool orientation_swaps_sides(int orientation) {
  return orientation >= 5 && orientation <= 8;
}

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
      std::size_t at = i + 4;
      while (at + 17 <= end) {
        std::size_t codes = 0;
        for (std::size_t k = 1; k <= 16; ++k) {
          codes += byte(at + k);
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

Pixels apply_orientation(const Pixels& in, int orientation) {
  if (orientation <= 1 || orientation > 8) {
    return in;
  }
  const bool swap = orientation_swaps_sides(orientation);
  Pixels out;
  out.width = swap ? in.height : in.width;
  out.height = swap ? in.width : in.height;
  out.channels = in.channels;
  out.data.resize(in.data.size());
  const int w = in.width;
  const int h = in.height;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      // Where the stored pixel (x, y) goes when the photo is shown upright.
      int ox = x;
      int oy = y;
      switch (orientation) {
        case 2:
          ox = w - 1 - x;
          break;  // mirrored
        case 3:
          ox = w - 1 - x;
          oy = h - 1 - y;
          break;  // upside down
        case 4:
          oy = h - 1 - y;
          break;  // mirrored upside down
        case 5:
          ox = y;
          oy = x;
          break;  // transposed
        case 6:
          ox = h - 1 - y;
          oy = x;
          break;  // rotate 90 clockwise
        case 7:
          ox = h - 1 - y;
          oy = w - 1 - x;
          break;  // transversed
        case 8:
          ox = y;
          oy = w - 1 - x;
          break;  // rotate 90 counter-clockwise
        default:
          break;
      }
      const auto from = (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) *
                        static_cast<std::size_t>(in.channels);
      const auto to =
          (static_cast<std::size_t>(oy) * static_cast<std::size_t>(out.width) + static_cast<std::size_t>(ox)) *
          static_cast<std::size_t>(in.channels);
      std::copy_n(in.data.begin() + static_cast<std::ptrdiff_t>(from), in.channels,
                  out.data.begin() + static_cast<std::ptrdiff_t>(to));
    }
  }
  return out;
}

std::vector<int> target_widths(int source_width, const std::vector<int>& widths) {
  std::vector<int> out;
  bool narrower_than_one = false;
  for (const int w : widths) {
    if (w > 0 && w <= source_width) {
      out.push_back(w);
    } else if (w > source_width) {
      narrower_than_one = true;
    }
  }
  // A photo narrower than the next configured width is also published at its
  // own width (never upscaled): an 800 px photo gets 480 and 800, not only a
  // 480 px copy that would look blurry at full width.
  if (source_width > 0 && (out.empty() || narrower_than_one)) {
    out.push_back(source_width);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int scaled_height(int width, int height, int target_width) {
  const double h = static_cast<double>(height) * static_cast<double>(target_width) / static_cast<double>(width);
  return std::max(1, static_cast<int>(std::lround(h)));
}

CropBox cover_crop(int width, int height, int target_w, int target_h) {
  CropBox box;
  // Compare width/height with target_w/target_h without rounding.
  if (static_cast<long long>(width) * target_h > static_cast<long long>(height) * target_w) {
    box.height = height;
    box.width = std::max(1, static_cast<int>(static_cast<long long>(height) * target_w / target_h));
  } else {
    box.width = width;
    box.height = std::max(1, static_cast<int>(static_cast<long long>(width) * target_h / target_w));
  }
  box.x = (width - box.width) / 2;
  box.y = (height - box.height) / 2;
  return box;
}

ImagePipeline::ImagePipeline(const util::FileSystem& fs, BuildCache& cache, std::vector<int> widths, ImageLimits limits)
    : m_fs(fs), m_cache(cache), m_widths(std::move(widths)), m_limits(limits) {}

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

std::optional<PublishedImage> ImagePipeline::process(const std::string& path, const std::string& within,
                                                     const Location& where, bool og, DiagnosticBag& diagnostics) {
  m_stats.images.fetch_add(1);
  std::string error;
  // fstat before reading: an oversized file is refused without reading it.
  const util::FileLimits limits{within, m_limits.max_bytes};
  const auto file = m_fs.read_file(path, limits, &error);
  const util::FileCheck check =
      file ? util::FileCheck{util::FileRefusal::none, file->size()} : m_fs.check_file(path, limits);
  if (!file && check.refusal != util::FileRefusal::too_large) {
    diagnostics.error(where, tr("cannot read image {}: {}", path, error));
    return std::nullopt;
  }
  if (!file) {
    diagnostics.error(
        where, tr("image {} is {} KB; the limit is {} KB (image_limits.max_bytes in site.yaml): make it smaller", path,
                  util::format_thousands(static_cast<long long>(check.size / 1024)),
                  util::format_thousands(static_cast<long long>(m_limits.max_bytes / 1024))));
    return std::nullopt;
  }
  // The header alone first (decompression bombs): the size the file claims.
  const auto claimed = header_dimensions(*file);
  if (!claimed) {
    diagnostics.error(where, tr("image {} is not a JPEG or PNG photo, or it is damaged", path));
    return std::nullopt;
  }
  if (!jpeg_huffman_tables_valid(*file)) {
    diagnostics.error(where, tr("image {} is not a JPEG or PNG photo, or it is damaged", path));
    return std::nullopt;
  }
  const auto pixels = static_cast<std::uint64_t>(claimed->first) * claimed->second;
  if (pixels > m_limits.max_pixels) {
    diagnostics.error(
        where, tr("image {} is {}x{} pixels; the limit is {} pixels (image_limits.max_pixels in site.yaml)", path,
                  std::to_string(claimed->first), std::to_string(claimed->second),
                  util::format_thousands(static_cast<long long>(m_limits.max_pixels))));
    return std::nullopt;
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  const auto* bytes = reinterpret_cast<const stbi_uc*>(file->data());
  const int length = static_cast<int>(file->size());
  if (stbi_info_from_memory(bytes, length, &width, &height, &channels) == 0 || width <= 0 || height <= 0) {
    diagnostics.error(where, tr("image {} is not a JPEG or PNG photo, or it is damaged", path));
    return std::nullopt;
  }
  // The decoder's own reading of the size must agree with the header's: a
  // file whose second SOF or IHDR says otherwise is not decoded at all.
  if (static_cast<std::uint64_t>(width) != claimed->first || static_cast<std::uint64_t>(height) != claimed->second) {
    diagnostics.error(where, tr("image {} is not a JPEG or PNG photo, or it is damaged", path));
    return std::nullopt;
  }
  const int orientation = exif_orientation(*file);
  const bool swap = orientation_swaps_sides(orientation);
  PublishedImage published;
  published.width = swap ? height : width;
  published.height = swap ? width : height;

  // Names: the source bytes and everything that shapes the output.
  std::string key = *file;
  key += k_pipeline_version;
  key += std::to_string(k_jpeg_quality);
  const std::string hash = util::content_hash(key);
  // Transparency needs the pixels: the cache remembers which format won.
  const std::string format_name = hash + ".format";
  std::optional<std::string> format = m_cache.read(format_name);

  auto plan = [&](const std::string& ext) {
    published.sizes.clear();
    for (const int w : target_widths(published.width, m_widths)) {
      const std::string name = hash + "-" + std::to_string(w) + "." + ext;
      published.sizes.push_back({w, scaled_height(published.width, published.height, w), "/media/" + name, name});
    }
    published.og.reset();
    if (og) {
      const std::string name = hash + "-og.jpg";
      published.og = ImageVariant{k_og_width, k_og_height, "/media/" + name, name};
    }
  };
  if (format && (*format == "jpg" || *format == "png")) {
    plan(*format);
    bool complete = true;
    for (const auto& size : published.sizes) {
      complete = complete && m_cache.has(size.cache_name);
    }
    if (published.og) {
      complete = complete && m_cache.has(published.og->cache_name);
    }
    if (complete) {
      m_stats.cache_hits.fetch_add(1);
      return published;
    }
  }

  m_stats.decoded.fetch_add(1);
  // A PNG's pixel data must inflate to what its header announces (a little
  // slack for encoders that pad): bounded before stb allocates its buffer.
  if (const auto expected = png_expected_inflated_size(*file)) {
    if (!png_inflates_within(*file, *expected + 64 * 1024)) {
      diagnostics.error(where, tr("image {} cannot be decoded: its compressed data is damaged or inflates to more "
                                  "than its {}x{} pixels need",
                                  path, std::to_string(claimed->first), std::to_string(claimed->second)));
      return std::nullopt;
    }
  }
  int desired = channels == 2 || channels == 4 ? 4 : 3;
  Pixels decoded;
  unsigned char* raw = stbi_load_from_memory(bytes, length, &decoded.width, &decoded.height, &channels, desired);
  if (raw == nullptr) {
    diagnostics.error(where, tr("image {} cannot be decoded: it is damaged or truncated", path));
    return std::nullopt;
  }
  decoded.channels = desired;
  decoded.data.assign(raw, raw + static_cast<std::size_t>(decoded.width) * static_cast<std::size_t>(decoded.height) *
                                     static_cast<std::size_t>(desired));
  stbi_image_free(raw);
  Pixels upright = apply_orientation(decoded, orientation);
  const bool png = has_transparency(upright);
  if (!png) {
    upright = drop_alpha(upright);
  }
  plan(png ? "png" : "jpg");
  // Largest first, each from the previous one: every pass reads fewer pixels.
  const Pixels* source = &upright;
  Pixels previous;
  for (auto size = published.sizes.rbegin(); size != published.sizes.rend(); ++size) {
    Pixels scaled = size->width == source->width ? *source : resize(*source, size->width, size->height);
    if (!m_cache.has(size->cache_name)) {
      m_cache.put(size->cache_name, encode(scaled, png));
    }
    previous = std::move(scaled);
    source = &previous;
  }
  if (published.og && !m_cache.has(published.og->cache_name)) {
    const Pixels flat = drop_alpha(upright);
    const Pixels cut = crop(flat, cover_crop(flat.width, flat.height, k_og_width, k_og_height));
    m_cache.put(published.og->cache_name, encode(resize(cut, k_og_width, k_og_height), false));
  }
  m_cache.put(format_name, png ? "png" : "jpg");
  return published;
}

}  // namespace vetrina
