#include "generator/media/cover_canvas.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>

#include "generator/util/i18n.h"

namespace vetrina {

namespace {

// PNG's Sub filter of one row of `length` bytes of RGB pixels into `out`
// (which must not overlap `row`): each byte minus the same channel of the
// pixel to its left. Blocks of 16 bytes, so that the compiler vectorises it.
void sub_filter(const unsigned char* row, unsigned char* out, std::size_t length) {
  std::size_t i = 0;
  for (; i < std::min<std::size_t>(3, length); ++i) {
    out[i] = row[i];
  }
  constexpr std::size_t k_block = 16;
  for (; i + k_block <= length; i += k_block) {
    unsigned char block[k_block];
    for (std::size_t k = 0; k < k_block; ++k) {
      block[k] = static_cast<unsigned char>(row[i + k] - row[i + k - 3]);
    }
    std::copy_n(block, k_block, out + i);
  }
  for (; i < length; ++i) {
    out[i] = static_cast<unsigned char>(row[i] - row[i - 3]);
  }
}

// std::lround() of a channel value in [0, 255], inlined (the blend of every
// pixel calls it): the whole part, plus one from a half up. The fraction is
// exact in float (Sterbenz), so halves round away from zero as lround's do.
unsigned char round_channel(float value) {
  const auto whole = static_cast<int>(value);
  return static_cast<unsigned char>(whole + (value - static_cast<float>(whole) >= 0.5F ? 1 : 0));
}

// A zlib stream at level 6 with zlib's other defaults (what compress2()
// uses), ended when it goes out of scope.
struct Deflater {
  Deflater() {
    if (deflateInit(&stream, 6) != Z_OK) {
      throw std::runtime_error(_("zlib could not compress a cover image"));
    }
  }
  ~Deflater() { deflateEnd(&stream); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  z_stream stream{};
};

unsigned char channel(std::uint32_t color, int shift) {
  return static_cast<unsigned char>((color >> shift) & 0xff);
}

}  // namespace

CoverCanvas::CoverCanvas(int width, int height, std::uint32_t color)
    : m_width(width),
      m_height(height),
      m_pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3) {
  // The first row pixel by pixel, then row by row (a copy is cheaper).
  const std::size_t stride = static_cast<std::size_t>(width) * 3;
  for (std::size_t i = 0; i < stride && i < m_pixels.size(); i += 3) {
    m_pixels[i] = channel(color, 16);
    m_pixels[i + 1] = channel(color, 8);
    m_pixels[i + 2] = channel(color, 0);
  }
  for (std::size_t at = stride; at < m_pixels.size(); at += stride) {
    std::copy_n(m_pixels.begin(), stride, m_pixels.begin() + static_cast<std::ptrdiff_t>(at));
  }
}

void CoverCanvas::blend(int x, int y, std::uint32_t color, float alpha) {
  if (x < 0 || y < 0 || x >= m_width || y >= m_height || alpha <= 0.0F) {
    return;
  }
  alpha = std::min(alpha, 1.0F);
  const std::size_t at =
      (static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) + static_cast<std::size_t>(x)) * 3;
  for (int c = 0; c < 3; ++c) {
    const float over = channel(color, 16 - 8 * c);
    const float under = m_pixels[at + static_cast<std::size_t>(c)];
    m_pixels[at + static_cast<std::size_t>(c)] = round_channel(under + (over - under) * alpha);
  }
}

void CoverCanvas::ring(float cx, float cy, float r, float t, std::uint32_t color, float alpha) {
  const int x0 = std::max(0, static_cast<int>(cx - r - t));
  const int x1 = std::min(m_width - 1, static_cast<int>(cx + r + t) + 1);
  const int y0 = std::max(0, static_cast<int>(cy - r - t));
  const int y1 = std::min(m_height - 1, static_cast<int>(cy + r + t) + 1);
  const float inner = std::max(0.0F, r - t / 2.0F - 1.0F);
  const float outer = r + t / 2.0F + 1.0F;
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const float dx = static_cast<float>(x) + 0.5F - cx;
      const float dy = static_cast<float>(y) + 0.5F - cy;
      const float d2 = dx * dx + dy * dy;
      if (d2 < inner * inner || d2 > outer * outer) {
        continue;  // no coverage: skip the square root
      }
      const float d = std::sqrt(d2);
      const float coverage = std::clamp(t / 2.0F - std::fabs(d - r) + 0.5F, 0.0F, 1.0F);
      blend(x, y, color, coverage * alpha);
    }
  }
}

void CoverCanvas::pill(float left, float top, float w, float h, float t, std::uint32_t color) {
  const float r = h / 2.0F;
  for (int y = static_cast<int>(top) - 1; y <= static_cast<int>(top + h) + 1; ++y) {
    for (int x = static_cast<int>(left) - 1; x <= static_cast<int>(left + w) + 1; ++x) {
      const float px = static_cast<float>(x) + 0.5F;
      const float py = static_cast<float>(y) + 0.5F;
      const float qx = std::clamp(px, left + r, left + w - r);
      const float d = std::hypot(px - qx, py - (top + r));
      const float coverage = std::clamp(t / 2.0F - std::fabs(d - (r - t / 2.0F)) + 0.5F, 0.0F, 1.0F);
      blend(x, y, color, coverage);
    }
  }
}

void CoverCanvas::rect(int left, int top, int w, int h, std::uint32_t color) {
  for (int y = top; y < top + h; ++y) {
    for (int x = left; x < left + w; ++x) {
      blend(x, y, color, 1.0F);
    }
  }
}

std::string CoverCanvas::png() const {
  const std::size_t stride = static_cast<std::size_t>(m_width) * 3;
  const auto rows = static_cast<std::size_t>(m_height);
  Deflater deflater;
  z_stream& stream = deflater.stream;
  constexpr std::size_t k_rows_per_pass = 32;
  std::vector<unsigned char> filtered((stride + 1) * k_rows_per_pass);
  std::vector<unsigned char> buffer(64 * 1024);
  std::string packed;
  for (std::size_t first = 0; first < rows;) {
    const std::size_t count = std::min(k_rows_per_pass, rows - first);
    for (std::size_t r = 0; r < count; ++r) {
      unsigned char* out = &filtered[r * (stride + 1)];
      const unsigned char* row = &m_pixels[(first + r) * stride];
      out[0] = 1;  // Sub: each byte minus the same channel of the pixel to its left
      sub_filter(row, out + 1, stride);
    }
    first += count;
    const int flush = first < rows ? Z_NO_FLUSH : Z_FINISH;
    stream.next_in = filtered.data();
    stream.avail_in = static_cast<uInt>(count * (stride + 1));
    int rc = Z_OK;
    do {
      stream.next_out = buffer.data();
      stream.avail_out = static_cast<uInt>(buffer.size());
      rc = deflate(&stream, flush);
      if (rc == Z_STREAM_ERROR) {
        throw std::runtime_error("zlib could not compress a cover image");
      }
      packed.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
    } while (stream.avail_in > 0 || stream.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }
  std::string png("\x89PNG\r\n\x1a\n", 8);
  auto chunk = [&png](const char* type, const unsigned char* data, std::size_t length) {
    const auto be32 = [&png](std::uint32_t v) {
      for (int shift = 24; shift >= 0; shift -= 8) {
        png.push_back(static_cast<char>((v >> shift) & 0xff));
      }
    };
    be32(static_cast<std::uint32_t>(length));
    const std::size_t start = png.size();
    png.append(type, 4);
    png.append(reinterpret_cast<const char*>(data), length);
    be32(static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(png.data() + start), static_cast<uInt>(length + 4))));
  };
  const auto w = static_cast<std::uint32_t>(m_width);
  const auto h = static_cast<std::uint32_t>(m_height);
  const unsigned char header[13] = {static_cast<unsigned char>(w >> 24),
                                    static_cast<unsigned char>(w >> 16),
                                    static_cast<unsigned char>(w >> 8),
                                    static_cast<unsigned char>(w),
                                    static_cast<unsigned char>(h >> 24),
                                    static_cast<unsigned char>(h >> 16),
                                    static_cast<unsigned char>(h >> 8),
                                    static_cast<unsigned char>(h),
                                    8,
                                    2,
                                    0,
                                    0,
                                    0};
  chunk("IHDR", header, sizeof header);
  chunk("IDAT", reinterpret_cast<const unsigned char*>(packed.data()), packed.size());
  chunk("IEND", nullptr, 0);
  return png;
}

}  // namespace vetrina
