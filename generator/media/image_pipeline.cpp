#include "generator/media/image_pipeline.h"

#include <stb_image.h>

#include <algorithm>
#include <cmath>

#include "generator/media/image_header.h"
#include "generator/util/hash.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// Bump when the output of the pipeline changes: it is part of every name.
constexpr const char* k_pipeline_version = "img1";
constexpr int k_og_width = 1200;
constexpr int k_og_height = 630;

}  // namespace

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

std::optional<PublishedImage> ImagePipeline::process(const std::string& path, const std::string& within,
                                                     const Location& where, bool og, DiagnosticBag& diagnostics) {
  m_stats.images.fetch_add(1);
  // fstat before reading: an oversized file is refused without reading it.
  const util::FileLimits limits{within, m_limits.max_bytes};
  const auto file = m_fs.read_file(path, limits);
  const util::FileCheck check =
      file ? util::FileCheck{util::FileRefusal::none, file->size()} : m_fs.check_file(path, limits);
  if (!file && check.refusal != util::FileRefusal::too_large) {
    diagnostics.error(where, tr("cannot read image {}: {}", path, file.error()));
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
      m_cache.put(size->cache_name, encode(scaled, png, k_jpeg_quality));
    }
    previous = std::move(scaled);
    source = &previous;
  }
  if (published.og && !m_cache.has(published.og->cache_name)) {
    const Pixels flat = drop_alpha(upright);
    const Pixels cut = crop(flat, cover_crop(flat.width, flat.height, k_og_width, k_og_height));
    m_cache.put(published.og->cache_name, encode(resize(cut, k_og_width, k_og_height), false, k_jpeg_quality));
  }
  m_cache.put(format_name, png ? "png" : "jpg");
  return published;
}

}  // namespace vetrina
