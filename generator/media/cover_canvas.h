#pragma once
// The canvas generated covers are drawn on (cover_image.h): an indexed-colour
// picture (at most 256 colours) on a background colour, with anti-aliased
// rings, chip outlines, boxes and coverage masks (the glyphs) painted over it
// in a few inks (a colour at an opacity). Coverage is quantised to
// k_coverage_levels steps, so a cover holds the background, its inks and
// their anti-aliased blends: a few dozen colours, kept in a palette that
// grows as blends are first met (a blend that would need a 257th colour
// takes the nearest one). Its PNG is that palette and one byte per pixel,
// unfiltered (palette_png.h); the bytes are part of the published covers'
// names (a change of drawing or encoding needs a new cover version). One
// canvas per cover; not thread-safe, but canvases share nothing.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace vetrina {

// A coverage mask (one byte a pixel, 255 = full) of w x h pixels whose top
// left pixel is at (x0, y0) from the point it is drawn at: a glyph, a chip.
struct CoverageMask {
  int x0 = 0;
  int y0 = 0;
  int w = 0;
  int h = 0;
  std::vector<unsigned char> coverage;
};

class CoverCanvas {
 public:
  // Steps of coverage between none and full (anti-aliasing levels).
  static constexpr int k_coverage_levels = 16;

  // width x height pixels of `color` (0xRRGGBB).
  CoverCanvas(int width, int height, std::uint32_t color);

  int width() const { return m_width; }
  int height() const { return m_height; }

  // Blends `color` over pixel (x, y) with coverage `alpha` in [0, 1]; pixels
  // outside the canvas are ignored.
  void blend(int x, int y, std::uint32_t color, float alpha);
  // Blends `color` over the w x h pixels from (left, top) by the coverage
  // mask `mask` (w x h bytes, 255 = full), clipped to the canvas.
  void mask(int left, int top, const unsigned char* mask, int w, int h, std::uint32_t color);
  // The same with `mask` drawn at (x, y).
  void mask(int x, int y, const CoverageMask& mask, std::uint32_t color) {
    this->mask(x + mask.x0, y + mask.y0, mask.coverage.data(), mask.w, mask.h, color);
  }
  // A ring of radius r and thickness t, anti-aliased, at opacity `alpha`.
  void ring(float cx, float cy, float r, float t, std::uint32_t color, float alpha);
  // The outline (thickness t) of a box with fully rounded ends (a chip).
  void pill(float left, float top, float w, float h, float t, std::uint32_t color);
  void rect(int left, int top, int w, int h, std::uint32_t color);

  // The colour (0xRRGGBB) of pixel (x, y), which must be on the canvas.
  std::uint32_t pixel(int x, int y) const;
  // How many colours the picture's palette holds.
  std::size_t colors() const { return m_palette.size(); }

  // The canvas as a PNG (8-bit palette).
  std::string png() const;

  // Makes this canvas `original` again, copying only the rows drawn on
  // since: this canvas must be a copy of `original` (by copy or by
  // revert_to()), neither changed since but by drawing on this one.
  void revert_to(const CoverCanvas& original);

 private:
  struct Ink {
    std::uint32_t color;
    float opacity;
  };
  // The index of the ink `color` at `opacity` (registered on first use).
  int ink(std::uint32_t color, float opacity);
  // Paints ink `ink` at coverage `level` (0..k_coverage_levels) over (x, y),
  // which must be on the canvas.
  void paint(int x, int y, int ink, int level);
  // Rows y0 to y1 (excluded, within the canvas) are drawn on.
  void drawn(int y0, int y1);
  // mask()'s work on one row: pixels[x] for x from x0 to x1, by the
  // coverage byte row[x - left].
  void mask_row(unsigned char* pixels, const unsigned char* row, int left, int x0, int x1, int ink,
                const std::int16_t* mixes);
#if defined(__x86_64__)
  // mask() over rows y0 to y1 and columns x0 to x1, 16 pixels at a time
  // where all 16 lie on one colour whose mixes are known (with SSSE3,
  // checked by mask(); cover_canvas.cpp), else by mask_row().
  void mask_ssse3(int left, int top, const unsigned char* mask, int w, int x0, int x1, int y0, int y1, int ink,
                  const std::int16_t* mixes);
#endif
  // The palette index of ink `ink` at coverage `level` over colour `under`,
  // through `mixes` = mixes_of(ink). Inline: every drawn pixel asks, and
  // after the first time it is a lookup. A drawing loop keeps `mixes` in a
  // register, where m_mixes's own pointer would be read again after each
  // pixel stored (a char store may alias it). Valid until the next ink()
  // registers an ink; new_mix() does not move the table.
  unsigned char mix(const std::int16_t* mixes, unsigned char under, int ink, int level) {
    const std::int16_t known = mixes[static_cast<std::size_t>(level) * 256 + under];
    return known >= 0 ? static_cast<unsigned char>(known) : new_mix(under, ink, level);
  }
  const std::int16_t* mixes_of(int ink) const {
    return m_mixes.data() + mix_slot(ink, 0);
  }
  // The same, first met: blended, added to the palette and remembered.
  unsigned char new_mix(unsigned char under, int ink, int level);
  unsigned char add_color(std::uint32_t rgb);
  unsigned char nearest_color(std::uint32_t rgb) const;
  // Where the mixes of ink `ink` at coverage `level` start in m_mixes (then
  // one per palette index under it).
  static std::size_t mix_slot(int ink, int level) {
    return (static_cast<std::size_t>(ink) * (k_coverage_levels + 1) + static_cast<std::size_t>(level)) * 256;
  }
  // Where pixel (x, y) is in m_pixels.
  std::size_t at(int x, int y) const {
    return static_cast<std::size_t>(y) * (static_cast<std::size_t>(m_width) + 1) + static_cast<std::size_t>(x) + 1;
  }

  int m_width;
  int m_height;
  std::vector<std::uint32_t> m_palette;
  std::unordered_map<std::uint32_t, unsigned char> m_index;  // colour -> palette index
  std::vector<Ink> m_inks;
  std::vector<std::int16_t> m_mixes;    // (ink, level, under) -> palette index, -1 before first use
  std::vector<unsigned char> m_pixels;  // rows of a PNG filter byte (0, None) then the row's palette indices
  // Per row, 1 once drawn on since the canvas was made or copied (a copy
  // starts with none): the rows revert_to() copies back.
  struct DrawnRows {
    explicit DrawnRows(std::size_t rows) : drawn(rows, 0) {}
    DrawnRows(const DrawnRows& other) : drawn(other.drawn.size(), 0) {}
    DrawnRows& operator=(const DrawnRows& other) {
      drawn.assign(other.drawn.size(), 0);
      return *this;
    }
    DrawnRows(DrawnRows&&) noexcept = default;
    DrawnRows& operator=(DrawnRows&&) noexcept = default;
    ~DrawnRows() = default;
    std::vector<unsigned char> drawn;
  };
  DrawnRows m_drawn;
};

}  // namespace vetrina
