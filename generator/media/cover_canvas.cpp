#include "generator/media/cover_canvas.h"

#if defined(__x86_64__)
#include <tmmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <unordered_map>
#include <vector>

#include "generator/media/palette_png.h"

namespace vetrina {

namespace {

constexpr int k_levels = CoverCanvas::k_coverage_levels;
constexpr std::size_t k_mixes_per_ink = 256 * (k_levels + 1);

// std::lround() of a channel value in [0, 255], inlined: the whole part,
// plus one from a half up. The fraction is exact in float (Sterbenz), so
// halves round away from zero as lround's do.
unsigned char round_channel(float value) {
  const auto whole = static_cast<int>(value);
  return static_cast<unsigned char>(whole + (value - static_cast<float>(whole) >= 0.5F ? 1 : 0));
}

// The coverage step of a coverage in [0, 1] (values out of range clamp).
int level_of(float coverage) {
  return static_cast<int>(std::clamp(coverage, 0.0F, 1.0F) * static_cast<float>(k_levels) + 0.5F);
}

// The coverage step of each mask byte (255 = full).
constexpr std::array<unsigned char, 256> k_mask_levels = [] {
  std::array<unsigned char, 256> out{};
  for (int a = 0; a < 256; ++a) {
    out[static_cast<std::size_t>(a)] = static_cast<unsigned char>((a * k_levels + 127) / 255);
  }
  return out;
}();

// For each coverage step, a mask byte that k_mask_levels reads as it.
constexpr std::array<unsigned char, k_levels + 1> k_level_coverage = [] {
  std::array<unsigned char, k_levels + 1> out{};
  for (int level = 0; level <= k_levels; ++level) {
    out[static_cast<std::size_t>(level)] = static_cast<unsigned char>((level * 255 + 8) / 16);
  }
  return out;
}();
static_assert([] {
  for (std::size_t level = 0; level < k_level_coverage.size(); ++level) {
    if (k_mask_levels[k_level_coverage[level]] != level) {
      return false;
    }
  }
  return true;
}());

unsigned char channel(std::uint32_t color, int shift) {
  return static_cast<unsigned char>((color >> shift) & 0xff);
}

}  // namespace

CoverCanvas::CoverCanvas(int width, int height, std::uint32_t color)
    : m_width(width),
      m_height(height),
      m_pixels((static_cast<std::size_t>(width) + 1) * static_cast<std::size_t>(height), 0),
      m_drawn(static_cast<std::size_t>(std::max(height, 0))) {
  add_color(color & 0xffffff);
}

void CoverCanvas::drawn(int y0, int y1) {
  if (y0 < y1) {
    std::fill(m_drawn.drawn.begin() + y0, m_drawn.drawn.begin() + y1, 1);
  }
}

void CoverCanvas::revert_to(const CoverCanvas& original) {
  if (m_width != original.m_width || m_height != original.m_height) {
    *this = original;  // not a copy of it: whole
    return;
  }
  const std::size_t stride = static_cast<std::size_t>(m_width) + 1;
  for (std::size_t y = 0; y < m_drawn.drawn.size(); ++y) {
    if (m_drawn.drawn[y] != 0) {
      std::copy_n(original.m_pixels.begin() + static_cast<std::ptrdiff_t>(y * stride), stride,
                  m_pixels.begin() + static_cast<std::ptrdiff_t>(y * stride));
      m_drawn.drawn[y] = 0;
    }
  }
  m_palette = original.m_palette;
  m_index = original.m_index;
  m_inks = original.m_inks;
  m_mixes = original.m_mixes;
}

unsigned char CoverCanvas::add_color(std::uint32_t rgb) {
  const auto found = m_index.find(rgb);
  if (found != m_index.end()) {
    return found->second;
  }
  if (m_palette.size() < 256) {
    const auto index = static_cast<unsigned char>(m_palette.size());
    m_palette.push_back(rgb);
    m_index.emplace(rgb, index);
    return index;
  }
  return nearest_color(rgb);  // the palette is full
}

unsigned char CoverCanvas::nearest_color(std::uint32_t rgb) const {
  // The first of equals.
  std::size_t best = 0;
  int best_distance = -1;
  for (std::size_t i = 0; i < m_palette.size(); ++i) {
    int distance = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      const int d = int{channel(m_palette[i], shift)} - int{channel(rgb, shift)};
      distance += d * d;
    }
    if (best_distance < 0 || distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return static_cast<unsigned char>(best);
}

int CoverCanvas::ink(std::uint32_t color, float opacity) {
  opacity = std::clamp(opacity, 0.0F, 1.0F);
  for (std::size_t i = 0; i < m_inks.size(); ++i) {
    if (m_inks[i].color == color && m_inks[i].opacity == opacity) {
      return static_cast<int>(i);
    }
  }
  m_inks.push_back({color, opacity});
  m_mixes.resize(m_inks.size() * k_mixes_per_ink, -1);
  return static_cast<int>(m_inks.size() - 1);
}

unsigned char CoverCanvas::new_mix(unsigned char under, int ink, int level) {
  const std::size_t slot = mix_slot(ink, level) + under;
  const Ink& over = m_inks[static_cast<std::size_t>(ink)];
  const float alpha = over.opacity * (static_cast<float>(level) / static_cast<float>(k_levels));
  std::uint32_t rgb = 0;
  for (int shift = 16; shift >= 0; shift -= 8) {
    const float top = channel(over.color, shift);
    const float bottom = channel(m_palette[under], shift);
    rgb |= std::uint32_t{round_channel(bottom + (top - bottom) * alpha)} << shift;
  }
  m_mixes[slot] = add_color(rgb);
  return static_cast<unsigned char>(m_mixes[slot]);
}

void CoverCanvas::paint(int x, int y, int ink, int level) {
  if (level <= 0) {
    return;
  }
  unsigned char& pixel = m_pixels[at(x, y)];
  pixel = mix(mixes_of(ink), pixel, ink, level);
  m_drawn.drawn[static_cast<std::size_t>(y)] = 1;
}

void CoverCanvas::blend(int x, int y, std::uint32_t color, float alpha) {
  if (x < 0 || y < 0 || x >= m_width || y >= m_height) {
    return;
  }
  paint(x, y, ink(color, 1.0F), level_of(alpha));
}

void CoverCanvas::mask(int left, int top, const unsigned char* mask, int w, int h, std::uint32_t color) {
  const int with = ink(color, 1.0F);
  const std::int16_t* mixes = mixes_of(with);
  const int x0 = std::max(0, left);
  const int x1 = std::min(m_width, left + w);
  const int y0 = std::max(0, top);
  const int y1 = std::min(m_height, top + h);
  if (x0 >= x1 || y0 >= y1) {
    return;  // wholly off the canvas
  }
  drawn(y0, y1);
#if defined(__x86_64__)
  static const bool ssse3 = __builtin_cpu_supports("ssse3") != 0;
  if (ssse3) {
    mask_ssse3(left, top, mask, w, x0, x1, y0, y1, with, mixes);
    return;
  }
#endif
  for (int y = y0; y < y1; ++y) {
    const unsigned char* row = mask + static_cast<std::size_t>(y - top) * static_cast<std::size_t>(w);
    mask_row(&m_pixels[at(0, y)], row, left, x0, x1, with, mixes);
  }
}

void CoverCanvas::mask_row(unsigned char* pixels, const unsigned char* row, int left, int x0, int x1, int ink,
                           const std::int16_t* mixes) {
  for (int x = x0; x < x1; ++x) {
    const int level = k_mask_levels[row[x - left]];
    if (level != 0) {
      pixels[x] = mix(mixes, pixels[x], ink, level);
    }
  }
}

#if defined(__x86_64__)
// 16 pixels on one colour `under` take, at each coverage step, the same
// mix: a table of 16 bytes (steps 0-15; step 0 keeps `under`) looked up
// with one shuffle, and the full step apart. The table is kept while the
// colour under the pixels stays the same (a glyph's background). A step
// whose mix is not known yet sends the 16 pixels to mask_row, which makes
// it in the order the pixels come (palette indices are numbered as first
// met), and the table is made again after.
__attribute__((target("ssse3"))) void CoverCanvas::mask_ssse3(int left, int top, const unsigned char* mask, int w,
                                                              int x0, int x1, int y0, int y1, int ink,
                                                              const std::int16_t* mixes) {
  int under = -1;  // the table's colour
  __m128i low = _mm_setzero_si128();
  __m128i low_unknown = _mm_setzero_si128();
  __m128i full = _mm_setzero_si128();
  bool full_unknown = true;
  const __m128i zero = _mm_setzero_si128();
  const __m128i step_full = _mm_set1_epi8(static_cast<char>(k_levels));
  // k_mask_levels: (a * 16 + 127) / 255, the division as (n * 0x8081) >> 23.
  const __m128i bias = _mm_set1_epi16(127);
  const __m128i by255 = _mm_set1_epi16(static_cast<short>(0x8081));
  // Paints pixels x to x + 16 of a row, or returns false having painted
  // nothing.
  const auto chunk = [&](unsigned char* pixels, const unsigned char* row, int x) __attribute__((target("ssse3"))) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + (x - left)));
    const __m128i low_half = _mm_add_epi16(_mm_slli_epi16(_mm_unpacklo_epi8(bytes, zero), 4), bias);
    const __m128i high_half = _mm_add_epi16(_mm_slli_epi16(_mm_unpackhi_epi8(bytes, zero), 4), bias);
    const __m128i steps = _mm_packus_epi16(_mm_srli_epi16(_mm_mulhi_epu16(low_half, by255), 7),
                                           _mm_srli_epi16(_mm_mulhi_epu16(high_half, by255), 7));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(steps, zero)) == 0xffff) {
      return true;  // nothing to paint
    }
    const __m128i under_pixels = _mm_loadu_si128(reinterpret_cast<const __m128i*>(pixels + x));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(under_pixels, _mm_set1_epi8(static_cast<char>(pixels[x])))) != 0xffff) {
      return false;
    }
    if (under != pixels[x]) {
      under = pixels[x];
      alignas(16) std::array<unsigned char, 16> values{};
      alignas(16) std::array<unsigned char, 16> unknown{};
      values[0] = static_cast<unsigned char>(under);
      for (int level = 1; level < k_levels; ++level) {
        const std::int16_t known = mixes[static_cast<std::size_t>(level) * 256 + static_cast<std::size_t>(under)];
        values[static_cast<std::size_t>(level)] = static_cast<unsigned char>(known);
        unknown[static_cast<std::size_t>(level)] = known < 0 ? 0xff : 0;
      }
      const std::int16_t known_full = mixes[static_cast<std::size_t>(k_levels) * 256 + static_cast<std::size_t>(under)];
      low = _mm_load_si128(reinterpret_cast<const __m128i*>(values.data()));
      low_unknown = _mm_load_si128(reinterpret_cast<const __m128i*>(unknown.data()));
      full = _mm_set1_epi8(static_cast<char>(known_full));
      full_unknown = known_full < 0;
    }
    const __m128i is_full = _mm_cmpeq_epi8(steps, step_full);
    // Step 16 reads entry 0 here (known): the full step is checked apart.
    if (_mm_movemask_epi8(_mm_shuffle_epi8(low_unknown, steps)) != 0 ||
        (full_unknown && _mm_movemask_epi8(is_full) != 0)) {
      return false;
    }
    const __m128i mixed = _mm_shuffle_epi8(low, steps);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(pixels + x),
                     _mm_or_si128(_mm_and_si128(is_full, full), _mm_andnot_si128(is_full, mixed)));
    return true;
  };
  for (int y = y0; y < y1; ++y) {
    const unsigned char* row = mask + static_cast<std::size_t>(y - top) * static_cast<std::size_t>(w);
    unsigned char* pixels = &m_pixels[at(0, y)];
    int x = x0;
    for (; x + 16 <= x1; x += 16) {
      if (!chunk(pixels, row, x)) {
        // One by one; a mix made there may be one the table lacks.
        mask_row(pixels, row, left, x, x + 16, ink, mixes);
        under = -1;
      }
    }
    mask_row(pixels, row, left, x, x1, ink, mixes);
  }
}
#endif

std::uint32_t CoverCanvas::pixel(int x, int y) const {
  return m_palette[m_pixels[at(x, y)]];
}

void CoverCanvas::ring(float cx, float cy, float r, float t, std::uint32_t color, float alpha) {
  const int with = ink(color, alpha);
  const std::int16_t* mixes = mixes_of(with);
  const int x0 = std::max(0, static_cast<int>(cx - r - t));
  const int x1 = std::min(m_width - 1, static_cast<int>(cx + r + t) + 1);
  const int y0 = std::max(0, static_cast<int>(cy - r - t));
  const int y1 = std::min(m_height - 1, static_cast<int>(cy + r + t) + 1);
  // Beyond these distances from the centre the coverage is 0.
  const float inner = std::max(0.0F, r - t / 2.0F - 1.0F);
  const float outer = r + t / 2.0F + 1.0F;
  // Within these (half a pixel of margin each) the coverage is 1.
  const float solid_inner = r - t / 2.0F + 1.0F;
  const float solid_outer = r + t / 2.0F - 1.0F;
  const float solid_inner2 = solid_inner > 0.0F ? solid_inner * solid_inner : 0.0F;
  const float solid_outer2 = solid_outer > 0.0F ? solid_outer * solid_outer : -1.0F;
  drawn(y0, y1 + 1);
  for (int y = y0; y <= y1; ++y) {
    const float dy = static_cast<float>(y) + 0.5F - cy;
    if (dy * dy > outer * outer) {
      continue;
    }
    // Only the band's pixels: the row's span of the outer circle, less the
    // inner one's (a pixel of margin each side; coverage decides the rest).
    const float half = std::sqrt(outer * outer - dy * dy);
    const int from = std::max(x0, static_cast<int>(std::floor(cx - 0.5F - half)) - 1);
    const int to = std::min(x1, static_cast<int>(std::ceil(cx - 0.5F + half)) + 1);
    int hole_from = to + 1;
    int hole_to = to;
    if (dy * dy < inner * inner) {
      const float hole = std::sqrt(inner * inner - dy * dy);
      hole_from = static_cast<int>(std::ceil(cx - 0.5F - hole)) + 1;
      hole_to = static_cast<int>(std::floor(cx - 0.5F + hole)) - 1;
    }
    unsigned char* pixels = &m_pixels[at(0, y)];
    const float dy2 = dy * dy;
    // The squared distance of pixel x's centre from the ring's, and
    // whether that gives full coverage.
    const auto distance2 = [&](int x) {
      const float dx = static_cast<float>(x) + 0.5F - cx;
      return dx * dx + dy2;
    };
    const auto solid = [&](float d2) { return d2 >= solid_inner2 && d2 <= solid_outer2; };
    const auto paint_edge = [&](int x) {
      const float d2 = distance2(x);
      const int level = solid(d2) ? k_levels : level_of(t / 2.0F - std::fabs(std::sqrt(d2) - r) + 0.5F);
      if (level != 0) {
        pixels[x] = mix(mixes, pixels[x], with, level);
      }
    };
    // The row's spans of full coverage (most of the band's pixels), from
    // the circles' chords less a pixel each side; each span's ends are
    // checked with the same test as every other pixel, and the test is
    // monotonic along each half of the row, so a span whose ends pass is
    // full coverage throughout: the same pixels as one by one, in the same
    // order (palette colours are numbered as first met).
    std::array<std::pair<int, int>, 2> spans{};
    int span_count = 0;
    if (solid_outer2 > dy2) {
      const float out_half = std::sqrt(solid_outer2 - dy2);
      const float in_half = solid_inner2 > dy2 ? std::sqrt(solid_inner2 - dy2) : 0.0F;
      const auto add = [&](float from_dx, float to_dx) {
        const int a = std::max(from, static_cast<int>(std::ceil(cx - 0.5F + from_dx)) + 1);
        const int b = std::min(to, static_cast<int>(std::floor(cx - 0.5F + to_dx)) - 1);
        // Never into the hole (rounded on its own, it may reach a chord
        // computed from another rounding, for radii of millions of pixels).
        if (a <= b && solid(distance2(a)) && solid(distance2(b)) && (b < hole_from || a > hole_to)) {
          spans[static_cast<std::size_t>(span_count++)] = {a, b};
        }
      };
      if (in_half > 0.0F) {
        add(-out_half, -in_half);
        add(in_half, out_half);
      } else if (solid_inner2 <= dy2) {
        add(-out_half, out_half);
      }
    }
    int next_span = 0;
    for (int x = from; x <= to; ++x) {
      if (x >= hole_from && x <= hole_to) {
        x = hole_to;
        continue;
      }
      if (next_span < span_count && x == spans[static_cast<std::size_t>(next_span)].first) {
        const int last = spans[static_cast<std::size_t>(next_span++)].second;
        for (; x <= last; ++x) {
          pixels[x] = mix(mixes, pixels[x], with, k_levels);
        }
        --x;
        continue;
      }
      paint_edge(x);
    }
  }
}

namespace {

// A chip outline (pill()): the coverage step of each pixel of its box, a
// pixel round the outline's own.
class PillShape {
 public:
  PillShape(float left, float top, float w, float h, float t)
      : x0(static_cast<std::int64_t>(left) - 1),
        x1(static_cast<std::int64_t>(left + w) + 1),
        y0(static_cast<std::int64_t>(top) - 1),
        y1(static_cast<std::int64_t>(top + h) + 1),
        m_left(left),
        m_top(top),
        m_w(w),
        m_t(t),
        m_r(h / 2.0F),
        m_inner_from(static_cast<std::int64_t>(std::floor(left + m_r)) + 1),
        m_inner_to(static_cast<std::int64_t>(std::ceil(left + w - m_r)) - 2) {}

  const std::int64_t x0;  // the box, inclusive
  const std::int64_t x1;
  const std::int64_t y0;
  const std::int64_t y1;

  // Calls paint(x, level) for the pixels of row y from `from` to `to`
  // (included), in order. Between the two rounded ends, a pixel further
  // than r - t - 1 from the outline's middle line is inside the chip
  // (coverage 0): those are skipped.
  template <typename Paint>
  void row(std::int64_t y, std::int64_t from, std::int64_t to, Paint paint) const {
    const float dy = static_cast<float>(y) + 0.5F - (m_top + m_r);
    const bool hollow = std::fabs(dy) < m_r - m_t - 1.0F;
    // The middle line's nearest point: std::clamp(px, low, high) as
    // libstdc++ computes it, min(max(...)), written out because a chip
    // narrower than it is high has high < low, which std::clamp may not be
    // given (covers drawn before keep their bytes).
    const float low = m_left + m_r;
    const float high = m_left + m_w - m_r;
    for (std::int64_t x = from; x <= to; ++x) {
      if (hollow && x == m_inner_from && m_inner_from <= m_inner_to) {
        x = m_inner_to;
        continue;
      }
      const float px = static_cast<float>(x) + 0.5F;
      const float nearest = std::min(std::max(px, low), high);
      const float dx = px - nearest;
      const float d = std::sqrt(dx * dx + dy * dy);
      paint(x, level_of(m_t / 2.0F - std::fabs(d - (m_r - m_t / 2.0F)) + 0.5F));
    }
  }

 private:
  float m_left;
  float m_top;
  float m_w;
  float m_t;
  float m_r;
  std::int64_t m_inner_from;
  std::int64_t m_inner_to;
};

}  // namespace

void CoverCanvas::pill(float left, float top, float w, float h, float t, std::uint32_t color) {
  const int with = ink(color, 1.0F);
  const PillShape shape(left, top, w, h, t);
  if (shape.x1 < shape.x0 || shape.y1 < shape.y0) {
    return;  // a negative size: no pixel
  }
  if (shape.x0 < 0 || shape.y0 < 0 || shape.x1 >= m_width || shape.y1 >= m_height) {
    // Not wholly on the canvas (never a cover's chip): pixel by pixel.
    for (std::int64_t y = std::max<std::int64_t>(0, shape.y0); y <= std::min<std::int64_t>(m_height - 1, shape.y1);
         ++y) {
      shape.row(y, std::max<std::int64_t>(0, shape.x0), std::min<std::int64_t>(m_width - 1, shape.x1),
                [&](std::int64_t x, int level) { paint(static_cast<int>(x), static_cast<int>(y), with, level); });
    }
    return;
  }
  // Chips repeat from cover to cover (a competence's label gives its
  // width; the first chip's gives the second's place): each worker keeps
  // the masks it made, keyed by the exact arguments, up to a few
  // megabytes, and paints them as glyphs.
  using Key = std::array<float, 5>;
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      std::size_t hash = 0;
      for (const float value : key) {
        hash = hash * 1000003U ^ std::hash<float>()(value);
      }
      return hash;
    }
  };
  constexpr std::size_t k_max_bytes = std::size_t{4} << 20;
  thread_local std::unordered_map<Key, CoverageMask, KeyHash> pills;
  thread_local std::size_t bytes = 0;
  const Key key = {left, top, w, h, t};
  auto found = pills.find(key);
  if (found == pills.end()) {
    // Its steps as mask() reads them (k_level_coverage).
    CoverageMask made;
    made.x0 = static_cast<int>(shape.x0);
    made.y0 = static_cast<int>(shape.y0);
    made.w = static_cast<int>(shape.x1 - shape.x0 + 1);
    made.h = static_cast<int>(shape.y1 - shape.y0 + 1);
    made.coverage.assign(static_cast<std::size_t>(made.w) * static_cast<std::size_t>(made.h), 0);
    for (std::int64_t y = shape.y0; y <= shape.y1; ++y) {
      unsigned char* row =
          made.coverage.data() + static_cast<std::size_t>(y - shape.y0) * static_cast<std::size_t>(made.w);
      shape.row(y, shape.x0, shape.x1, [&](std::int64_t x, int level) {
        row[x - shape.x0] = k_level_coverage[static_cast<std::size_t>(level)];
      });
    }
    if (bytes + made.coverage.size() > k_max_bytes) {
      pills.clear();
      bytes = 0;
    }
    bytes += made.coverage.size();
    found = pills.emplace(key, std::move(made)).first;
  }
  mask(0, 0, found->second, color);
}

void CoverCanvas::rect(int left, int top, int w, int h, std::uint32_t color) {
  const int with = ink(color, 1.0F);
  for (int y = std::max(0, top); y < std::min(m_height, top + h); ++y) {
    for (int x = std::max(0, left); x < std::min(m_width, left + w); ++x) {
      paint(x, y, with, k_levels);
    }
  }
}

std::string CoverCanvas::png() const {
  return palette_png(m_width, m_height, m_palette, m_pixels.data());
}

}  // namespace vetrina
