#include "generator/media/cover_image.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>

#include <stb_image.h>

#include "generator/util/file_system.h"
#include "generator/util/hash.h"
#include "tests/unit/test_support.h"

using vetrina::CoverSpec;
using vetrina::generated_cover;
using vetrina::render_cover_pngs;
using vetrina::test::add_story;
using vetrina::test::StoryText;

namespace {

const std::string& theme_font() {
  static const std::string font = [] {
    auto bytes = vetrina::util::read_whole_file(std::string(VETRINA_SOURCE_DIR) + "/themes/etwinning/fonts/cover.ttf");
    REQUIRE(bytes);
    return *bytes;
  }();
  return font;
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;
  unsigned pixel(int x, int y) const {
    const std::size_t at =
        (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
    return (unsigned{rgb[at]} << 16) | (unsigned{rgb[at + 1]} << 8) | rgb[at + 2];
  }
};

Image decode(const std::string& png) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()),
                                              static_cast<int>(png.size()), &image.width, &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.rgb.assign(data, data + static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3);
  stbi_image_free(data);
  return image;
}

CoverSpec sample() {
  CoverSpec spec;
  spec.kicker = "Scuola primaria · 2012/2013";
  spec.title = "Holidays in a box: una valigia di ricordi tra Italia e Polonia";
  spec.chips = {"Competenza multilinguistica", "Competenza digitale"};
  spec.color = vetrina::level_color("primaria");
  spec.seed = 42;
  return spec;
}

// Records what write_covers writes; reuse() answers from `kept`.
class RecordingSink final : public vetrina::OutputSink {
 public:
  std::map<std::string, std::string> written;
  std::vector<std::string> kept;
  bool reuse(const std::string& relative, std::uint64_t) override {
    return std::find(kept.begin(), kept.end(), relative) != kept.end();
  }
  void write(const std::string& relative, std::string_view content, std::uint64_t) override {
    written[relative] = std::string(content);
  }
};

}  // namespace

TEST_SUITE("cover_image") {
  TEST_CASE("each school level has its own background, others a neutral one") {
    CHECK(vetrina::level_color("infanzia") == 0xa3214a);
    CHECK(vetrina::level_color("primaria") == 0x00695c);
    CHECK(vetrina::level_color("secondaria-1") == 0x0059b3);
    CHECK(vetrina::level_color("secondaria-2") == 0x5b2a86);
    CHECK(vetrina::level_color("altro") == 0x17324d);
  }

  TEST_CASE("generated cover names depend on what the cover shows and on the font") {
    const auto a = generated_cover(sample(), 1);
    REQUIRE(a.sizes.size() == 1);
    REQUIRE(a.og);
    CHECK(a.sizes[0].width == 600);
    CHECK(a.sizes[0].height == 315);
    CHECK(a.og->width == 1200);
    CHECK(a.og->height == 630);
    CHECK(a.og->url.starts_with("/media/"));
    CHECK(a.og->url.ends_with("-cover-og.png"));
    CHECK(a.sizes[0].url.ends_with("-cover-600.png"));
    CHECK(generated_cover(sample(), 1).og->url == a.og->url);
    CHECK(generated_cover(sample(), 2).og->url != a.og->url);
    CoverSpec other = sample();
    other.title += "!";
    CHECK(generated_cover(other, 1).og->url != a.og->url);
    other = sample();
    other.chips.pop_back();
    CHECK(generated_cover(other, 1).og->url != a.og->url);
  }

  TEST_CASE("a cover is two PNGs, og and card, on the level's colour, with white text, the same every time") {
    const auto pngs = render_cover_pngs(sample(), theme_font());
    CHECK(pngs.og == render_cover_pngs(sample(), theme_font()).og);
    CHECK(pngs.card == render_cover_pngs(sample(), theme_font()).card);
    const Image image = decode(pngs.og);
    CHECK(image.width == 1200);
    CHECK(image.height == 630);
    CHECK(image.pixel(4, 4) == 0x00695c);
    CHECK(image.pixel(72 + 10, 72 + 4) == 0xffb400);  // the gold bar
    // The title's area (left half, below the kicker) holds white glyph pixels.
    int white = 0;
    for (int y = 150; y < 420; ++y) {
      for (int x = 72; x < 600; ++x) {
        white += image.pixel(x, y) == 0xffffff ? 1 : 0;
      }
    }
    CHECK(white > 2000);
    // The card is the same picture drawn at half size: its pixels are close
    // to the mean of the og's 2x2 pixels under them, but along glyph edges
    // (the letters are rasterised at that size, not shrunk).
    const Image card = decode(pngs.card);
    CHECK(card.width == 600);
    CHECK(card.height == 315);
    int far = 0;
    for (int y = 0; y < 315; ++y) {
      for (int x = 0; x < 600; ++x) {
        for (int shift = 0; shift <= 16; shift += 8) {
          int sum = 0;
          for (int k = 0; k < 4; ++k) {
            sum += static_cast<int>((image.pixel(2 * x + k % 2, 2 * y + k / 2) >> shift) & 0xff);
          }
          const int got = static_cast<int>((card.pixel(x, y) >> shift) & 0xff);
          far += std::abs(got - (sum + 2) / 4) > 20 ? 1 : 0;
        }
      }
    }
    CHECK(far < 600 * 315 * 3 * 3 / 100);
    CHECK(card.pixel(2, 2) == 0x00695c);
    CHECK(card.pixel(36 + 5, 36 + 2) == 0xffb400);  // the gold bar
    CoverSpec other = sample();
    other.title = "Un altro titolo";
    CHECK(render_cover_pngs(other, theme_font()).og != pngs.og);
  }

  TEST_CASE("a painter's glyph cache changes nothing: the same bytes after other covers as alone") {
    vetrina::CoverPainter painter(theme_font());
    const auto alone = render_cover_pngs(sample(), theme_font());
    CoverSpec other = sample();
    other.title = "Qualità dell'aria: àèìòù, «virgolette» e numeri 0123456789";
    other.chips = {"Competenza digitale"};
    const auto first = painter.render(other);
    const auto again = painter.render(sample());
    CHECK(again.og == alone.og);
    CHECK(again.card == alone.card);
    CHECK(painter.render(other).og == first.og);
    // Letters drawn from the cache land where they were first drawn: the
    // title's glyph pixels are still there.
    const Image image = decode(again.og);
    int white = 0;
    for (int y = 150; y < 420; ++y) {
      for (int x = 72; x < 600; ++x) {
        white += image.pixel(x, y) == 0xffffff ? 1 : 0;
      }
    }
    CHECK(white > 2000);
  }

  TEST_CASE("a long kicker (three school levels and a year) stays within the margins") {
    CoverSpec spec = sample();
    spec.kicker = "Scuola secondaria di II grado, Scuola primaria, Scuola secondaria di I grado · 2012/2013";
    const Image image = decode(render_cover_pngs(spec, theme_font()).og);
    int inked = 0;
    for (int y = 90; y < 150; ++y) {
      for (int x = 0; x < 1200; ++x) {
        const bool background = image.pixel(x, y) == 0x00695c;
        if (x >= 1200 - 72 + 2) {
          CHECK_MESSAGE(background, "x=" << x << " y=" << y);  // the right margin stays clear
        }
        inked += background ? 0 : 1;
      }
    }
    CHECK(inked > 1000);  // still drawn, smaller and cut
    // The year stays whole at the end of the line: the same pixels as a
    // kicker of the year alone would have at its right end are inked.
    int year_inked = 0;
    for (int y = 90; y < 150; ++y) {
      for (int x = 1200 - 72 - 60; x < 1200 - 72; ++x) {
        year_inked += image.pixel(x, y) == 0x00695c ? 0 : 1;
      }
    }
    CHECK(year_inked > 100);
    // One word wider than the line (no space to cut at): cut within it, never past the margin.
    spec.kicker = std::string(120, 'W');
    const Image wide = decode(render_cover_pngs(spec, theme_font()).og);
    for (int y = 90; y < 150; ++y) {
      for (int x = 1200 - 72 + 2; x < 1200; ++x) {
        CHECK(wide.pixel(x, y) == 0x00695c);
      }
    }
  }

  TEST_CASE("a very long title still fits: smaller type, four lines at most") {
    CoverSpec spec = sample();
    spec.title.clear();
    for (int i = 0; i < 30; ++i) {
      spec.title += "parola" + std::to_string(i) + " ";
    }
    const Image image = decode(render_cover_pngs(spec, theme_font()).og);
    // The chips' row stays clear of the title: the band just above it is background only
    // (left of the decorative rings).
    for (int x = 72; x < 500; ++x) {
      CHECK(image.pixel(x, 630 - 72 - 46 - 6) == 0x00695c);
    }
  }

  TEST_CASE("a file that is not a TrueType font is an error, not a crash") {
    CHECK_THROWS_WITH_AS(render_cover_pngs(sample(), std::string(200, 'x')),
                         "the theme's fonts/cover.ttf is not a TrueType font", std::runtime_error);
  }

  TEST_CASE("a cover's kicker joins the levels and the school year, with no dangling separator") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText().set("school_year", "\"2012/2013\""));
    const vetrina::Site site = vetrina::test::load_clean(fs);
    vetrina::Story story = *site.find_story("box");
    const std::string levels = vetrina::story_cover_spec(site, story).kicker;
    CHECK(levels.ends_with(" · 2012/2013"));
    story.school_year.value.clear();  // a sourced story may not give it
    CHECK(vetrina::story_cover_spec(site, story).kicker == levels.substr(0, levels.find(" · ")));
    CHECK(vetrina::story_cover_spec(site, story).kicker.find("·") == std::string::npos);
  }

  TEST_CASE("write_covers draws the stories without a photo and the site, then reuses the cache") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText());
    add_story(fs, "meteo", StoryText().set("title", "\"Meteo senza confini\"").set("levels", "[secondaria-1]"));
    const vetrina::Site site = vetrina::test::load_clean(fs);
    vetrina::test::TempDir dir;
    vetrina::BuildCache cache(dir / "cache");
    RecordingSink first;
    vetrina::write_covers(site, theme_font(), cache, first, 2);
    CHECK(first.written.size() == 6);  // (site + 2 stories) x (og + card)
    const auto font_hash = vetrina::cover_font_hash(theme_font());
    const auto box = generated_cover(vetrina::story_cover_spec(site, *site.find_story("box")), font_hash);
    REQUIRE(first.written.count(box.og->url.substr(1)) == 1);
    CHECK(decode(first.written[box.og->url.substr(1)]).pixel(4, 4) == 0x00695c);
    const auto meteo = generated_cover(vetrina::story_cover_spec(site, *site.find_story("meteo")), font_hash);
    CHECK(decode(first.written[meteo.og->url.substr(1)]).pixel(4, 4) == 0x0059b3);

    // From the cache: what is there is copied, not drawn again.
    cache.put(box.og->cache_name, "cached bytes");
    RecordingSink second;
    second.kept = {meteo.og->url.substr(1), meteo.sizes[0].url.substr(1)};
    vetrina::write_covers(site, theme_font(), cache, second, 1);
    CHECK(second.written.size() == 4);
    CHECK(second.written[box.og->url.substr(1)] == "cached bytes");
    CHECK(second.written.count(meteo.og->url.substr(1)) == 0);

    RecordingSink none;
    vetrina::write_covers(site, "", cache, none, 1);
    CHECK(none.written.empty());
  }

  TEST_CASE("a cover drawn into a staged tree is cached as a hard link to the published file, not a copy") {
    auto fs = vetrina::test::tiny_site();
    add_story(fs, "box", StoryText());
    const vetrina::Site site = vetrina::test::load_clean(fs);
    vetrina::test::TempDir dir;
    vetrina::BuildCache cache(dir / "cache");
    const auto font_hash = vetrina::cover_font_hash(theme_font());
    const auto box = generated_cover(vetrina::story_cover_spec(site, *site.find_story("box")), font_hash);
    {
      vetrina::OutputWriter out(dir / "public");
      vetrina::write_covers(site, theme_font(), cache, out, 2);
      out.commit();
    }
    const std::string published = dir / "public" + box.og->url;
    const auto bytes = vetrina::util::read_whole_file(published);
    REQUIRE(bytes);
    CHECK(cache.read(box.og->cache_name) == bytes);
    struct stat a {};
    struct stat b {};
    REQUIRE(::stat(published.c_str(), &a) == 0);
    REQUIRE(::stat(cache.path_of(box.og->cache_name).c_str(), &b) == 0);
    CHECK(a.st_ino == b.st_ino);
    CHECK(a.st_nlink == 2);
    // The next full build into a fresh tree reads the cover from the cache
    // (nothing drawn) and the cached file stays whole after the old tree goes.
    RecordingSink next;
    vetrina::write_covers(site, theme_font(), cache, next, 1);
    CHECK(next.written[box.og->url.substr(1)] == *bytes);
    std::error_code ec;
    std::filesystem::remove_all(dir / "public", ec);
    CHECK(cache.read(box.og->cache_name) == bytes);
  }
}
