#pragma once
// Decoded pixels and what the image pipeline does to them: turn them upright
// by an EXIF orientation, resize them in linear light (stb_image_resize),
// crop, drop an opaque alpha channel, and encode them as JPEG or PNG
// (stb_image_write, which writes no metadata at all). Pure functions on
// values, thread-safe.

#include <string>
#include <vector>

namespace vetrina {

// Pixels in memory: rows of width * channels bytes (channels 3 or 4).
struct Pixels {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<unsigned char> data;
};

struct CropBox {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

// Whether an EXIF orientation (5-8) turns the photo by a quarter, swapping
// its width and height.
bool orientation_swaps_sides(int orientation);
// The image turned upright for an EXIF orientation (1 leaves it as it is).
Pixels apply_orientation(const Pixels& pixels, int orientation);
// The image scaled to width x height, filtered in linear light (sRGB-aware).
// Throws std::runtime_error when stb refuses (never for valid sizes).
Pixels resize(const Pixels& source, int width, int height);
// The part of the image inside `box` (which must lie within it).
Pixels crop(const Pixels& source, const CropBox& box);
// Whether some pixel is not fully opaque (false without an alpha channel).
bool has_transparency(const Pixels& pixels);
// The image without its alpha channel (3 channels).
Pixels drop_alpha(const Pixels& pixels);
// The image as a PNG or a JPEG of quality `jpeg_quality`, with no metadata.
// Throws std::runtime_error when stb cannot encode it.
std::string encode(const Pixels& pixels, bool png, int jpeg_quality);

}  // namespace vetrina
