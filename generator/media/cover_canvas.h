#pragma once
// The canvas generated covers are drawn on (cover_image.h): RGB pixels on a
// background colour, anti-aliased rings, chip outlines and boxes, pixels
// blended by coverage (the glyphs), and its PNG: the Sub filter on every row
// and zlib at level 6, whose bytes are part of the published covers' names
// (a change of encoding needs a new cover version). One canvas per cover;
// not thread-safe, but canvases share nothing.

#include <cstdint>
#include <string>
#include <vector>

namespace vetrina {

class CoverCanvas {
 public:
  // width x height pixels of `color` (0xRRGGBB).
  CoverCanvas(int width, int height, std::uint32_t color);

  int width() const { return m_width; }
  int height() const { return m_height; }

  // Blends `color` over pixel (x, y) with coverage `alpha` in [0, 1]; pixels
  // outside the canvas are ignored.
  void blend(int x, int y, std::uint32_t color, float alpha);
  // A ring of radius r and thickness t, anti-aliased, at opacity `alpha`.
  void ring(float cx, float cy, float r, float t, std::uint32_t color, float alpha);
  // The outline (thickness t) of a box with fully rounded ends (a chip).
  void pill(float left, float top, float w, float h, float t, std::uint32_t color);
  void rect(int left, int top, int w, int h, std::uint32_t color);

  // The canvas as a PNG (RGB, 8 bits). Throws std::runtime_error when zlib
  // fails (out of memory).
  std::string png() const;

 private:
  int m_width;
  int m_height;
  std::vector<unsigned char> m_pixels;
};

}  // namespace vetrina
