#include "generator/media/palette_png.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <stb_image.h>

#include "generator/media/cover_canvas.h"
#include "generator/util/hash.h"

using vetrina::CoverCanvas;
using vetrina::zlib_runs;

namespace {

// zlib's own inflater (it checks the header and the Adler-32 too).
std::vector<unsigned char> inflate_all(const std::string& stream, std::size_t size) {
  std::vector<unsigned char> out(size + 1);
  uLongf length = static_cast<uLongf>(out.size());
  REQUIRE(uncompress(out.data(), &length, reinterpret_cast<const Bytef*>(stream.data()),
                     static_cast<uLong>(stream.size())) == Z_OK);
  out.resize(length);
  return out;
}

std::vector<unsigned char> round_trip(const std::vector<unsigned char>& data) {
  return inflate_all(zlib_runs(data.data(), data.size()), data.size());
}

// A deterministic pseudo-random byte sequence (no runs to speak of).
std::vector<unsigned char> noise(std::size_t size, unsigned modulo) {
  std::vector<unsigned char> out(size);
  std::uint32_t state = 12345;
  for (auto& byte : out) {
    state = state * 1103515245U + 12345U;
    byte = static_cast<unsigned char>((state >> 16) % modulo);
  }
  return out;
}

}  // namespace

TEST_SUITE("palette_png") {
  TEST_CASE("zlib_runs on small inputs, each in a thread of its own") {
    // The token buffer is kept per thread and only grows: a fresh thread
    // has one of exactly the size asked, so the sanitizer build sees any
    // write past it (short runs write spare slots beyond the last token).
    for (std::size_t size = 0; size <= 80; ++size) {
      for (const unsigned modulo : {2U, 3U, 256U}) {
        CAPTURE(size);
        CAPTURE(modulo);
        std::vector<unsigned char> data = noise(size, modulo);
        if (modulo == 256) {
          for (std::size_t i = 0; i < size; ++i) {
            data[i] = static_cast<unsigned char>(i);  // every run one byte: a token per byte
          }
        }
        std::string stream;
        std::thread([&] { stream = zlib_runs(data.data(), data.size()); }).join();
        CHECK(inflate_all(stream, data.size()) == data);
      }
    }
  }

  TEST_CASE("zlib_runs' checksum on long runs of the largest byte") {
    // Adler-32's sums are kept unreduced up to 64 KiB: runs of 0xff around
    // that length, alone and after 65,535 bytes of noise (a run that starts
    // with the most bytes pending). zlib's inflater checks the checksum.
    for (const std::size_t run : {65535U, 65536U, 65537U, 131072U, 131073U, 300000U}) {
      CAPTURE(run);
      const std::vector<unsigned char> alone(run, 0xff);
      CHECK(round_trip(alone) == alone);
      std::vector<unsigned char> after_noise = noise(65535, 256);
      after_noise.insert(after_noise.end(), run, 0xff);
      CHECK(round_trip(after_noise) == after_noise);
    }
  }

  TEST_CASE("zlib_runs streams inflate to their input, whatever its runs") {
    CHECK(round_trip({}).empty());
    CHECK(round_trip({7}) == std::vector<unsigned char>{7});
    CHECK(round_trip({7, 7}) == std::vector<unsigned char>{7, 7});
    const std::vector<unsigned char> one_run(300000, 0);  // runs longer than a match, longer than 64 KiB
    CHECK(round_trip(one_run) == one_run);
    std::vector<unsigned char> every_value;
    for (int i = 0; i < 256; ++i) {
      every_value.push_back(static_cast<unsigned char>(i));
    }
    CHECK(round_trip(every_value) == every_value);
    const auto random = noise(100000, 256);
    CHECK(round_trip(random) == random);
    // Runs of every length from 1 to 600 (each match length and its extra bits).
    std::vector<unsigned char> runs;
    for (std::size_t length = 1; length <= 600; ++length) {
      runs.insert(runs.end(), length, static_cast<unsigned char>(length % 5));
    }
    CHECK(round_trip(runs) == runs);
    // Skewed frequencies: a Huffman code deeper than 15 bits before limiting.
    std::vector<unsigned char> skewed;
    for (int symbol = 0; symbol < 40; ++symbol) {
      skewed.insert(skewed.end(), std::size_t{1} << (symbol / 2), static_cast<unsigned char>(symbol));
      skewed.push_back(static_cast<unsigned char>(255 - symbol));
    }
    CHECK(round_trip(skewed) == skewed);
    // Every size around the 16-byte steps runs are found in, and runs that
    // end at each place within a step and across steps.
    for (std::size_t size = 1; size <= 70; ++size) {
      const auto few_values = noise(size, 3);
      CHECK(round_trip(few_values) == few_values);
    }
    // Long runs (passed over 64 bytes at a time) ending at every place
    // within and across those blocks, and a lone different byte anywhere.
    for (std::size_t at = 0; at < 200; ++at) {
      std::vector<unsigned char> two_runs(200, 3);
      std::fill(two_runs.begin() + static_cast<std::ptrdiff_t>(at), two_runs.end(), 4);
      CHECK(round_trip(two_runs) == two_runs);
      std::vector<unsigned char> one_byte(200, 3);
      one_byte[at] = 9;
      CHECK(round_trip(one_byte) == one_byte);
    }
  }

  TEST_CASE("the encoding is pinned: the same input gives the same bytes as when the covers were last named") {
    // Covers' names hash what they show, not their bytes: a change to the
    // runs, the codes or the drawing that changes a PNG needs a new cover
    // version (cover_image.cpp). These pin the bytes of a stream and of a
    // canvas with rings (palette order included), as of cover-v6.
    std::vector<unsigned char> rows;
    std::uint32_t seed = 12345;
    for (int row = 0; row < 60; ++row) {
      rows.push_back(0);
      for (int x = 0; x < 1200; ++x) {
        seed = seed * 1664525U + 1013904223U;
        const bool edge = (x + row * 7) % 97 < 6;
        rows.push_back(edge ? static_cast<unsigned char>(seed >> 29) : static_cast<unsigned char>(x / 300));
      }
    }
    CHECK(vetrina::util::hash64(zlib_runs(rows.data(), rows.size())) == 16145552906894227940ULL);
    // Twice: the second canvas's chip comes from the thread's kept masks.
    for (int time = 0; time < 2; ++time) {
      CoverCanvas canvas(300, 160, 0x00695c);
      canvas.ring(220.3F, 120.6F, 70.0F, 17.0F, 0xffffff, 0.14F);
      canvas.ring(260.1F, 120.6F, 70.0F, 17.0F, 0xffb400, 0.7F);
      canvas.pill(20.0F, 110.0F, 120.0F, 23.0F, 1.25F, 0xffffff);
      canvas.rect(36, 36, 32, 4, 0xffb400);
      CHECK(vetrina::util::hash64(canvas.png()) == 10877259212775823484ULL);
    }
  }

  TEST_CASE("a Huffman code deeper than 15 bits is brought within 15, and pinned") {
    // Counts doubling from symbol to symbol: the optimal code would be 40
    // bits deep. zlib inflates the stream (the code is complete and within
    // deflate's limits) and the bytes are pinned as of cover-v6.
    std::vector<unsigned char> doubling;
    std::uint64_t count = 1;
    for (int symbol = 0; symbol < 24; ++symbol, count = count * 2) {
      for (std::uint64_t i = 0; i < count && doubling.size() < 4000000; ++i) {
        doubling.push_back(static_cast<unsigned char>(symbol));
        doubling.push_back(static_cast<unsigned char>(200 + symbol % 2));  // no runs: every byte a literal
      }
    }
    CHECK(round_trip(doubling) == doubling);
    CHECK(vetrina::util::hash64(zlib_runs(doubling.data(), doubling.size())) == 8557297480267796123ULL);
  }

  TEST_CASE("revert_to makes a drawn-on copy its original again, and the next drawing the same bytes") {
    CoverCanvas original(301, 157, 0x00695c);
    original.ring(200.0F, 120.0F, 80.0F, 17.0F, 0xffffff, 0.14F);
    original.ring(240.0F, 120.0F, 80.0F, 17.0F, 0xffb400, 0.7F);
    original.rect(20, 20, 32, 4, 0xffb400);
    std::vector<unsigned char> glyph(40 * 30);
    for (std::size_t i = 0; i < glyph.size(); ++i) {
      glyph[i] = static_cast<unsigned char>((i * 37) % 256);
    }
    // Every way of drawing: masks (16 at a time and one by one), a chip, a
    // pixel, a box, a ring, some partly off the canvas.
    const auto draw = [&glyph](CoverCanvas& canvas, int shift) {
      canvas.mask(30 + shift, 40, glyph.data(), 40, 30, 0xffffff);
      canvas.mask(-10, 140 - shift, glyph.data(), 40, 30, 0xa3214a);
      canvas.pill(20.0F, 100.0F + static_cast<float>(shift), 120.0F, 23.0F, 1.25F, 0xffffff);
      canvas.blend(5, 3 + shift, 0xffffff, 0.5F);
      canvas.rect(250, 10 + shift, 20, 6, 0x0059b3);
      canvas.ring(60.0F, 60.0F + static_cast<float>(shift), 30.0F, 5.0F, 0xffffff, 0.4F);
    };
    CoverCanvas copy = original;
    draw(copy, 0);
    const std::string first = copy.png();
    CHECK(first != original.png());
    copy.revert_to(original);
    CHECK(copy.png() == original.png());
    CHECK(copy.colors() == original.colors());
    draw(copy, 7);
    CoverCanvas fresh = original;
    draw(fresh, 7);
    CHECK(copy.png() == fresh.png());
    copy.revert_to(original);
    draw(copy, 0);
    CHECK(copy.png() == first);
  }

  TEST_CASE("flat data packs small") {
    const std::vector<unsigned char> flat(1201 * 630, 0);
    CHECK(zlib_runs(flat.data(), flat.size()).size() < 3000);
  }

  TEST_CASE("a palette PNG decodes (stb_image) to the canvas' colours, pixel by pixel") {
    CoverCanvas canvas(301, 157, 0x00695c);
    canvas.ring(200.0F, 120.0F, 80.0F, 17.0F, 0xffffff, 0.14F);
    canvas.ring(240.0F, 120.0F, 80.0F, 17.0F, 0xffb400, 0.7F);
    canvas.rect(20, 20, 32, 4, 0xffb400);
    canvas.pill(20.0F, 100.0F, 120.0F, 23.0F, 1.25F, 0xffffff);
    std::vector<unsigned char> glyph(40 * 30);
    for (std::size_t i = 0; i < glyph.size(); ++i) {
      glyph[i] = static_cast<unsigned char>((i * 37) % 256);
    }
    canvas.mask(30, 40, glyph.data(), 40, 30, 0xffffff);
    CHECK(canvas.colors() > 20);
    CHECK(canvas.colors() <= 256);
    const std::string png = canvas.png();
    CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    CHECK(png[25] == 3);  // IHDR: indexed colour
    int width = 0;
    int height = 0;
    int channels = 0;
    unsigned char* rgb = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()),
                                               static_cast<int>(png.size()), &width, &height, &channels, 3);
    REQUIRE(rgb != nullptr);
    CHECK(width == 301);
    CHECK(height == 157);
    int wrong = 0;
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        const unsigned char* p = rgb + (static_cast<std::size_t>(y) * 301 + static_cast<std::size_t>(x)) * 3;
        const std::uint32_t decoded = (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
        wrong += decoded == canvas.pixel(x, y) ? 0 : 1;
      }
    }
    stbi_image_free(rgb);
    CHECK(wrong == 0);
    CHECK(canvas.pixel(0, 0) == 0x00695c);
    CHECK(canvas.pixel(30, 21) == 0xffb400);  // the bar, solid
  }

  TEST_CASE("a ring's pixels take the coverage of their distance from its centre, clipped or not") {
    // The ring paints full-coverage spans per row and the edges pixel by
    // pixel: every pixel must still show the coverage step its distance
    // gives (the same step, the same colour; full coverage, the ink's own).
    auto level_at = [](int x, int y, float cx, float cy, float r, float t) {
      const float dx = static_cast<float>(x) + 0.5F - cx;
      const float dy = static_cast<float>(y) + 0.5F - cy;
      const float d = std::sqrt(dx * dx + dy * dy);
      const float coverage = std::clamp(t / 2.0F - std::fabs(d - r) + 0.5F, 0.0F, 1.0F);
      const float solid_inner = r - t / 2.0F + 1.0F;
      const float solid_outer = r + t / 2.0F - 1.0F;
      const float d2 = dx * dx + dy * dy;
      if (solid_outer > 0.0F && d2 <= solid_outer * solid_outer &&
          d2 >= (solid_inner > 0.0F ? solid_inner * solid_inner : 0.0F)) {
        return CoverCanvas::k_coverage_levels;
      }
      return static_cast<int>(coverage * static_cast<float>(CoverCanvas::k_coverage_levels) + 0.5F);
    };
    struct Ring {
      float cx, cy, r, t;
    };
    const std::vector<Ring> rings = {
        {60.0F, 40.0F, 30.0F, 8.0F},  {0.0F, 0.0F, 50.0F, 17.0F},   {119.5F, 79.5F, 45.25F, 34.0F},
        {60.3F, 40.7F, 3.0F, 10.0F},  {-20.0F, 40.0F, 35.0F, 6.5F}, {60.0F, 120.0F, 70.0F, 30.0F},
        {61.2F, 39.9F, 95.0F, 17.0F}, {30.0F, 30.0F, 1.0F, 1.0F},   {90.0F, 10.0F, 12.5F, 2.5F},
    };
    for (const Ring& ring : rings) {
      CoverCanvas canvas(120, 80, 0x00695c);
      canvas.ring(ring.cx, ring.cy, ring.r, ring.t, 0xffffff, 1.0F);
      std::vector<std::uint32_t> color_of_level(CoverCanvas::k_coverage_levels + 1, 0xff000000U);
      color_of_level[0] = 0x00695c;
      color_of_level[CoverCanvas::k_coverage_levels] = 0xffffff;
      int wrong = 0;
      for (int y = 0; y < canvas.height(); ++y) {
        for (int x = 0; x < canvas.width(); ++x) {
          const auto level = static_cast<std::size_t>(level_at(x, y, ring.cx, ring.cy, ring.r, ring.t));
          if (color_of_level[level] == 0xff000000U) {
            color_of_level[level] = canvas.pixel(x, y);
          }
          wrong += canvas.pixel(x, y) == color_of_level[level] ? 0 : 1;
        }
      }
      INFO("ring at ", ring.cx, ",", ring.cy, " r ", ring.r, " t ", ring.t);
      CHECK(wrong == 0);
    }
  }

  TEST_CASE("blends keep the drawing's colours: full coverage is exact, edges are quantised") {
    CoverCanvas canvas(8, 2, 0x000000);
    canvas.blend(0, 0, 0xffffff, 1.0F);
    canvas.blend(1, 0, 0xffffff, 0.5F);
    canvas.blend(2, 0, 0xffffff, 0.01F);                    // below half a step: nothing
    canvas.blend(-1, 0, 0xffffff, 1.0F);                    // off the canvas: ignored
    canvas.ring(4.0F, 1.0F, 100.0F, 2.0F, 0xffffff, 0.5F);  // far away: no coverage here
    CHECK(canvas.pixel(0, 0) == 0xffffff);
    CHECK(canvas.pixel(1, 0) == 0x808080);
    CHECK(canvas.pixel(2, 0) == 0x000000);
    CHECK(canvas.pixel(5, 1) == 0x000000);
  }

  TEST_CASE("a coverage mask paints as its pixels blended one by one, in order (16 at a time included)") {
    // mask() paints 16 pixels at once where they lie on one colour whose
    // blends are known (SSSE3); the reference is blend() at each pixel's
    // coverage step, in raster order, which numbers the palette as met.
    std::uint32_t seed = 777;
    auto next = [&seed](std::uint32_t below) {
      seed = seed * 1664525U + 1013904223U;
      return (seed >> 8) % below;
    };
    for (int trial = 0; trial < 60; ++trial) {
      const int width = 40 + static_cast<int>(next(200));
      const int height = 20 + static_cast<int>(next(60));
      CoverCanvas masked(width, height, 0x0059b3);
      CoverCanvas reference(width, height, 0x0059b3);
      // Something under the text: a ring and a pill on both.
      for (CoverCanvas* canvas : {&masked, &reference}) {
        canvas->ring(static_cast<float>(width) * 0.7F, static_cast<float>(height) * 0.8F, 30.0F, 8.0F, 0xffb400, 0.7F);
        canvas->pill(3.0F, 2.0F, static_cast<float>(width) / 2.0F, 12.0F, 1.5F, 0xffffff);
      }
      // Masks of every kind: empty stretches, full ones, edges, noise;
      // partly off the canvas; several inks (new blends met mid-row).
      for (int glyph = 0; glyph < 12; ++glyph) {
        const int w = 1 + static_cast<int>(next(70));
        const int h = 1 + static_cast<int>(next(30));
        const int left = static_cast<int>(next(static_cast<std::uint32_t>(width + 20))) - 10;
        const int top = static_cast<int>(next(static_cast<std::uint32_t>(height + 10))) - 5;
        const std::uint32_t colors[] = {0xffffff, 0xffffff, 0xffb400, 0x17324d, next(0x1000000)};
        const std::uint32_t color = colors[next(5)];
        std::vector<unsigned char> mask(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        const std::uint32_t style = next(4);
        for (std::size_t i = 0; i < mask.size(); ++i) {
          const std::uint32_t r = next(256);
          mask[i] = style == 0   ? static_cast<unsigned char>(r)
                    : style == 1 ? static_cast<unsigned char>(r < 128   ? 0
                                                              : r < 200 ? 255
                                                                        : r)
                    : style == 2 ? static_cast<unsigned char>(i % 37 < 20 ? 0 : 255)
                                 : static_cast<unsigned char>(r < 8 ? r : 0);
        }
        masked.mask(left, top, mask.data(), w, h, color);
        for (int y = 0; y < h; ++y) {
          for (int x = 0; x < w; ++x) {
            const int a = mask[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)];
            const int level = (a * CoverCanvas::k_coverage_levels + 127) / 255;
            if (level > 0) {
              reference.blend(left + x, top + y, color,
                              static_cast<float>(level) / static_cast<float>(CoverCanvas::k_coverage_levels));
            }
          }
        }
      }
      INFO("trial ", trial);
      REQUIRE(masked.colors() == reference.colors());
      CHECK(masked.png() == reference.png());
    }
  }

  TEST_CASE("chip outlines out of the ordinary: far past the canvas, of no size, narrower than high") {
    // Wider than the canvas by a billion pixels: only the visible rows are
    // painted, without a box of that size in memory.
    CoverCanvas wide(100, 60, 0x00695c);
    wide.pill(-1.5e9F, 5.0F, 3e9F, 40.0F, 2.5F, 0xffffff);
    CHECK(wide.pixel(50, 5) != 0x00695c);   // the top edge
    CHECK(wide.pixel(50, 25) == 0x00695c);  // inside the chip
    // A negative size paints nothing.
    CoverCanvas none(40, 20, 0x00695c);
    none.pill(10.0F, 10.0F, -5.0F, 10.0F, 1.0F, 0xffffff);
    none.pill(10.0F, 10.0F, 5.0F, -30.0F, 1.0F, 0xffffff);
    for (int y = 0; y < 20; ++y) {
      for (int x = 0; x < 40; ++x) {
        CHECK(none.pixel(x, y) == 0x00695c);
      }
    }
    // Narrower than high (an empty label): drawn, and drawn the same from
    // the kept masks.
    std::string first;
    for (int time = 0; time < 2; ++time) {
      CoverCanvas narrow(40, 20, 0x00695c);
      narrow.pill(3.0F, 3.0F, 0.0F, 8.0F, 1.5F, 0xffffff);
      CHECK(narrow.colors() > 1);
      if (time == 0) {
        first = narrow.png();
      } else {
        CHECK(narrow.png() == first);
      }
    }
  }
}
