#include "generator/media/pixels.h"

#include <stb_image_resize.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstddef>
#include <stdexcept>

#include "generator/util/i18n.h"

namespace vetrina {

namespace {

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::string*>(context);
  out->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::string encode(const Pixels& pixels, bool png, int jpeg_quality) {
  std::string out;
  const int stride = pixels.width * pixels.channels;
  const int ok = png ? stbi_write_png_to_func(append_bytes, &out, pixels.width, pixels.height, pixels.channels,
                                              pixels.data.data(), stride)
                     : stbi_write_jpg_to_func(append_bytes, &out, pixels.width, pixels.height, pixels.channels,
                                              pixels.data.data(), jpeg_quality);
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

}  // namespace vetrina
