// The image pipeline on photos made here: the 8 EXIF orientations come out
// upright, GPS and every other metadata are gone (read back with libexif),
// transparency survives as PNG, damaged files and decompression bombs are
// located errors, and a second run decodes nothing (work is counted).
#include <doctest/doctest.h>

#include <libexif/exif-data.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>

#include "generator/media/build_cache.h"
#include "generator/media/image_header.h"
#include "generator/media/image_pipeline.h"
#include "generator/media/photo_metadata.h"
#include "generator/util/file_system.h"
#include "tests/integration/search_fixture.h"

namespace vetrina {
namespace {

using testing::TempDir;

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

// A 40x20 photo: red left half, blue right half, a white 8x8 corner at (0, 0).
Pixels test_pattern(int channels = 3) {
  Pixels p{40, 20, channels, {}};
  for (int y = 0; y < p.height; ++y) {
    for (int x = 0; x < p.width; ++x) {
      const bool corner = x < 8 && y < 8;
      const unsigned char r = corner ? 255 : (x < 20 ? 220 : 20);
      const unsigned char g = corner ? 255 : 20;
      const unsigned char b = corner ? 255 : (x < 20 ? 20 : 220);
      p.data.insert(p.data.end(), {r, g, b});
      if (channels == 4) {
        p.data.push_back(x < 10 ? 0 : 255);
      }
    }
  }
  return p;
}

std::string jpeg(const Pixels& p) {
  std::string out;
  stbi_write_jpg_to_func(append, &out, p.width, p.height, p.channels, p.data.data(), 95);
  return out;
}

std::string png(const Pixels& p) {
  std::string out;
  stbi_write_png_to_func(append, &out, p.width, p.height, p.channels, p.data.data(), p.width * p.channels);
  return out;
}

// The JPEG with an EXIF block (orientation, GPS position, camera, comment) inserted after SOI.
std::string with_exif(const std::string& file, int orientation) {
  ExifData* exif = exif_data_new();
  exif_data_set_byte_order(exif, EXIF_BYTE_ORDER_INTEL);
  auto add = [&](ExifIfd ifd, ExifTag tag) {
    ExifEntry* entry = exif_entry_new();
    exif_content_add_entry(exif->ifd[ifd], entry);
    exif_entry_initialize(entry, tag);
    exif_entry_unref(entry);
    return entry;
  };
  ExifEntry* o = add(EXIF_IFD_0, EXIF_TAG_ORIENTATION);
  exif_set_short(o->data, EXIF_BYTE_ORDER_INTEL, static_cast<ExifShort>(orientation));
  ExifEntry* lat = exif_entry_new();
  exif_content_add_entry(exif->ifd[EXIF_IFD_GPS], lat);
  lat->tag = static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE_REF);
  lat->format = EXIF_FORMAT_ASCII;
  lat->components = 2;
  lat->size = 2;
  lat->data = static_cast<unsigned char*>(malloc(2));
  std::memcpy(lat->data, "N", 2);
  exif_entry_unref(lat);
  unsigned char* data = nullptr;
  unsigned int size = 0;
  exif_data_save_data(exif, &data, &size);
  exif_data_unref(exif);
  // exif_data_save_data already starts with the "Exif\0\0" header.
  std::string app1 = "\xFF\xE1";
  const unsigned length = size + 2;
  app1 += static_cast<char>(length >> 8);
  app1 += static_cast<char>(length & 0xFF);
  app1.append(reinterpret_cast<char*>(data), size);
  free(data);
  return file.substr(0, 2) + app1 + file.substr(2);
}

Pixels decode(const std::string& file) {
  Pixels p;
  unsigned char* raw = stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(file.data()),
                                             static_cast<int>(file.size()), &p.width, &p.height, &p.channels, 0);
  REQUIRE(raw != nullptr);
  p.data.assign(raw, raw + p.width * p.height * p.channels);
  stbi_image_free(raw);
  return p;
}

// Red, blue or white, roughly.
char colour(const Pixels& p, int x, int y) {
  const auto* px = &p.data[static_cast<std::size_t>((y * p.width + x) * p.channels)];
  if (px[0] > 200 && px[1] > 200 && px[2] > 200) {
    return 'W';
  }
  return px[0] > px[2] ? 'R' : 'B';
}

struct Fixture {
  TempDir dir;
  util::DiskFileSystem fs;
  BuildCache cache{dir.sub("cache")};
  std::string write(const std::string& name, const std::string& bytes) {
    const std::string path = dir.sub(name);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    return path;
  }
};

std::string errors(const DiagnosticBag& bag) {
  std::string out;
  for (const auto& d : bag.sorted()) {
    out += d.message + "\n";
  }
  return out;
}

TEST_SUITE("image pipeline") {
  TEST_CASE("every EXIF orientation comes out upright, with no metadata left") {
    // Stored pixels for orientation n are the upright pattern transformed
    // by the inverse; the viewer applies n. We store the plain pattern and
    // check where the white corner and the colours land after applying n.
    struct Expect {
      int orientation;
      int width;
      int height;
      int white_x;  // where the stored (0,0) corner goes, as a fraction: 0 = left/top, 1 = right/bottom
      int white_y;
    };
    const Expect cases[] = {{1, 40, 20, 0, 0}, {2, 40, 20, 1, 0}, {3, 40, 20, 1, 1}, {4, 40, 20, 0, 1},
                            {5, 20, 40, 0, 0}, {6, 20, 40, 1, 0}, {7, 20, 40, 1, 1}, {8, 20, 40, 0, 1}};
    for (const auto& c : cases) {
      CAPTURE(c.orientation);
      Fixture fx;
      const std::string path = fx.write("photo.jpg", with_exif(jpeg(test_pattern()), c.orientation));
      {
        std::string bytes = *fx.fs.read_file(path);
        CHECK(exif_orientation(bytes) == c.orientation);
        // The input really carries a GPS position, so its absence below means something.
        ExifData* in = exif_data_new_from_data(reinterpret_cast<const unsigned char*>(bytes.data()),
                                               static_cast<unsigned>(bytes.size()));
        REQUIRE(in != nullptr);
        CHECK(in->ifd[EXIF_IFD_GPS]->count > 0);
        exif_data_unref(in);
      }
      ImagePipeline pipeline(fx.fs, fx.cache, {16, 480}, ImageLimits{});
      DiagnosticBag diagnostics;
      const auto published = pipeline.process(path, {"photo.jpg", 3, 9}, false, diagnostics);
      REQUIRE(published);
      CHECK(errors(diagnostics) == "");
      CHECK(published->width == c.width);
      CHECK(published->height == c.height);
      // 16 px and its own width (narrower than 480, which would upscale).
      REQUIRE(published->sizes.size() == 2);
      CHECK(published->sizes[0].width == 16);
      CHECK(published->sizes[1].width == c.width);
      CHECK(published->sizes[0].height == c.height * 16 / c.width);
      const std::string out = *fx.cache.read(published->sizes[0].cache_name);
      const Pixels upright = decode(out);
      CHECK(upright.width == 16);
      CHECK(upright.height == c.height * 16 / c.width);
      const int wx = c.white_x == 0 ? 0 : upright.width - 1;
      const int wy = c.white_y == 0 ? 0 : upright.height - 1;
      CHECK(colour(upright, wx, wy) == 'W');
      // No metadata of any kind: no APP1 (EXIF/XMP), no comment, nothing libexif can read.
      CHECK(out.find("Exif") == std::string::npos);
      CHECK(out.find("\xFF\xE1") == std::string::npos);
      CHECK(out.find("\xFF\xFE") == std::string::npos);
      ExifData* back = exif_data_new_from_data(reinterpret_cast<const unsigned char*>(out.data()),
                                               static_cast<unsigned>(out.size()));
      const bool gps = back != nullptr && back->ifd[EXIF_IFD_GPS]->count > 0;
      const bool any = back != nullptr && (back->ifd[EXIF_IFD_0]->count > 0 || back->ifd[EXIF_IFD_EXIF]->count > 0);
      if (back != nullptr) {
        exif_data_unref(back);
      }
      CHECK_FALSE(gps);
      CHECK_FALSE(any);
    }
  }

  TEST_CASE("a photo with transparency stays a PNG with its alpha; an opaque PNG becomes a JPEG") {
    Fixture fx;
    ImagePipeline pipeline(fx.fs, fx.cache, {32}, ImageLimits{});
    DiagnosticBag diagnostics;
    const auto alpha =
        pipeline.process(fx.write("logo.png", png(test_pattern(4))), {"logo.png", 1, 1}, false, diagnostics);
    REQUIRE(alpha);
    CHECK(alpha->sizes[0].url.ends_with("-32.png"));
    const Pixels back = decode(*fx.cache.read(alpha->sizes[0].cache_name));
    CHECK(back.channels == 4);
    CHECK(back.data[3] < 128);  // the left columns are transparent
    const auto opaque =
        pipeline.process(fx.write("flat.png", png(test_pattern(3))), {"flat.png", 1, 1}, false, diagnostics);
    REQUIRE(opaque);
    CHECK(opaque->sizes[0].url.ends_with("-32.jpg"));
    CHECK(errors(diagnostics) == "");
  }

  TEST_CASE("the Open Graph image is a 1200x630 crop") {
    Fixture fx;
    ImagePipeline pipeline(fx.fs, fx.cache, {16}, ImageLimits{});
    DiagnosticBag diagnostics;
    const auto cover =
        pipeline.process(fx.write("cover.jpg", jpeg(test_pattern())), {"cover.jpg", 1, 1}, true, diagnostics);
    REQUIRE(cover);
    REQUIRE(cover->og);
    const Pixels og = decode(*fx.cache.read(cover->og->cache_name));
    CHECK(og.width == 1200);
    CHECK(og.height == 630);
  }

  TEST_CASE("damaged files, bombs and oversized files are located errors, never crashes") {
    Fixture fx;
    ImageLimits limits;
    limits.max_bytes = 64 * 1024;
    ImagePipeline pipeline(fx.fs, fx.cache, {480}, limits);
    const std::string good = jpeg(test_pattern());
    // A PNG header claiming 60000x60000 pixels, with nothing behind it.
    std::string bomb = png(test_pattern());
    const unsigned char size[8] = {0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60};
    bomb.replace(16, 8, reinterpret_cast<const char*>(size), 8);
    struct Case {
      std::string name;
      std::string bytes;
      std::string expected;
    };
    const std::string dir = fx.dir.path() + "/";
    const Case cases[] = {
        {"text.jpg", "not a photo at all", "image " + dir + "text.jpg is not a JPEG or PNG photo, or it is damaged\n"},
        {"truncated.jpg", good.substr(0, good.size() / 3),
         "image " + dir + "truncated.jpg cannot be decoded: it is damaged or truncated\n"},
        {"bomb.png", bomb,
         "image " + dir +
             "bomb.png is 60000x60000 pixels; the limit is 50.000.000 pixels (image_limits.max_pixels in site.yaml)\n"},
        {"huge.jpg", std::string(70 * 1024, 'x'),
         "image " + dir +
             "huge.jpg is 70 KB; the limit is 64 KB (image_limits.max_bytes in site.yaml): make it smaller\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      DiagnosticBag diagnostics;
      const auto result =
          pipeline.process(fx.write(c.name, c.bytes), {"content/stories/x/index.md", 12, 8}, false, diagnostics);
      CHECK_FALSE(result);
      CHECK(errors(diagnostics) == c.expected);
      REQUIRE(diagnostics.sorted().size() == 1);
      CHECK(diagnostics.sorted()[0].location.line == 12);
      CHECK(diagnostics.sorted()[0].location.column == 8);
    }
    CHECK(pipeline.stats().decoded.load() == 1);  // only the truncated file got as far as decoding
  }

  TEST_CASE("a PNG whose pixel data inflates past what its header announces is refused before decoding") {
    // A 1x1 RGB PNG needs 4 bytes of inflated data (a filter byte and one
    // pixel); this one's IDAT inflates to 64 MiB of zeros (a 64 KB file).
    auto chunk = [](const std::string& type, const std::string& data) {
      std::string out;
      const auto length = static_cast<std::uint32_t>(data.size());
      for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((length >> shift) & 0xff);
      }
      const std::string body = type + data;
      out += body;
      const auto crc = static_cast<std::uint32_t>(
          crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
      for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((crc >> shift) & 0xff);
      }
      return out;
    };
    const std::string zeros(64u << 20, '\0');
    uLongf packed_size = compressBound(static_cast<uLong>(zeros.size()));
    std::string packed(packed_size, '\0');
    REQUIRE(compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                      reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uLong>(zeros.size()), 9) == Z_OK);
    packed.resize(packed_size);
    const std::string ihdr("\0\0\0\1\0\0\0\1\x08\x02\0\0\0", 13);  // 1x1, 8-bit RGB, no interlacing
    const std::string bomb =
        std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", packed) + chunk("IEND", "");
    CHECK(bomb.size() < 200 * 1024);
    CHECK(png_expected_inflated_size(bomb) == std::optional<std::uint64_t>(4));
    CHECK_FALSE(png_inflates_within(bomb, 1 << 20));
    Fixture fx;
    ImagePipeline pipeline(fx.fs, fx.cache, {480}, ImageLimits{});
    DiagnosticBag diagnostics;
    const std::string path = fx.write("bomb.png", bomb);
    CHECK_FALSE(pipeline.process(path, {"content/stories/x/index.md", 12, 8}, false, diagnostics));
    CHECK(errors(diagnostics) == "image " + path +
                                     " cannot be decoded: its compressed data is damaged or inflates "
                                     "to more than its 1x1 pixels need\n");
    // Real PNGs inflate to exactly what their header says, interlaced or not.
    const std::string real = png(test_pattern());
    CHECK(png_expected_inflated_size(real) == std::optional<std::uint64_t>(20 * (1 + 40 * 3)));
    CHECK(png_inflates_within(real, 20 * (1 + 40 * 3)));
    CHECK_FALSE(png_inflates_within(real, 20 * (1 + 40 * 3) - 1));
    std::string interlaced = real;
    interlaced[28] = 1;
    // Adam7 passes of 40x20: 5x3, 5x3, 10x2, 10x5, 20x5, 20x10, 40x10 pixels, each row with its filter byte.
    CHECK(png_expected_inflated_size(interlaced) ==
          std::optional<std::uint64_t>(3 * 16 + 3 * 16 + 2 * 31 + 5 * 31 + 5 * 61 + 10 * 61 + 10 * 121));
  }

  TEST_CASE("a JPEG whose Huffman table declares more than 256 codes is refused before stb writes past its tables") {
    const std::string good = jpeg(test_pattern());
    CHECK(jpeg_huffman_tables_valid(good));
    std::string bad = good;
    const auto dht = bad.find("\xFF\xC4");
    REQUIRE(dht != std::string::npos);
    for (std::size_t k = 0; k < 16; ++k) {
      bad[dht + 5 + k] = static_cast<char>(0x20);  // 16 x 32 = 512 codes
    }
    CHECK_FALSE(jpeg_huffman_tables_valid(bad));
    Fixture fx;
    ImagePipeline pipeline(fx.fs, fx.cache, {480}, ImageLimits{});
    DiagnosticBag diagnostics;
    const std::string path = fx.write("dht.jpg", bad);
    CHECK_FALSE(pipeline.process(path, {"content/stories/x/index.md", 12, 8}, false, diagnostics));
    CHECK(errors(diagnostics) == "image " + path + " is not a JPEG or PNG photo, or it is damaged\n");
    // The input the image fuzz target found (tests/fuzz/corpus/image/).
    const auto found = util::read_whole_file(std::string(VETRINA_SOURCE_DIR) +
                                             "/tests/fuzz/corpus/image/crash-stb-huffman-overflow.jpg");
    REQUIRE(found);
    CHECK_FALSE(jpeg_huffman_tables_valid(*found));
    // A table that starts inside its segment and runs past the segment's
    // end: stb reads it whole (found by the fuzz target too).
    const auto past = util::read_whole_file(std::string(VETRINA_SOURCE_DIR) +
                                            "/tests/fuzz/corpus/image/crash-stb-huffman-table-past-segment.jpg");
    REQUIRE(past);
    CHECK_FALSE(jpeg_huffman_tables_valid(*past));
  }

  TEST_CASE("a photo must be a regular file inside its story folder, size-checked before it is read") {
    Fixture fx;
    std::filesystem::create_directories(fx.dir.sub("story"));
    const std::string secret = fx.write("secret.jpg", jpeg(test_pattern()));
    std::filesystem::create_symlink(secret, fx.dir.sub("story/cover.jpg"));
    std::filesystem::create_symlink("/dev/zero", fx.dir.sub("story/zero.jpg"));
    ImagePipeline pipeline(fx.fs, fx.cache, {480}, ImageLimits{});
    const std::string story = fx.dir.sub("story");
    for (const char* name : {"/cover.jpg", "/zero.jpg"}) {
      CAPTURE(name);
      DiagnosticBag diagnostics;
      CHECK_FALSE(pipeline.process(story + name, story, {"content/stories/x/index.md", 12, 8}, false, diagnostics));
      CHECK(errors(diagnostics) == "cannot read image " + story + name + ": a symbolic link leading outside " + story +
                                       ": copy the file itself into " + story + "\n");
    }
  }

  TEST_CASE("a rebuild with unchanged photos decodes nothing") {
    Fixture fx;
    const std::string a = fx.write("a.jpg", with_exif(jpeg(test_pattern()), 6));
    const std::string b = fx.write("b.png", png(test_pattern(4)));
    std::vector<PublishedImage> first;
    {
      ImagePipeline pipeline(fx.fs, fx.cache, {16, 24}, ImageLimits{});
      DiagnosticBag diagnostics;
      first.push_back(*pipeline.process(a, {}, true, diagnostics));
      first.push_back(*pipeline.process(b, {}, false, diagnostics));
      CHECK(pipeline.stats().decoded.load() == 2);
    }
    ImagePipeline again(fx.fs, fx.cache, {16, 24}, ImageLimits{});
    DiagnosticBag diagnostics;
    const auto second_a = again.process(a, {}, true, diagnostics);
    const auto second_b = again.process(b, {}, false, diagnostics);
    CHECK(again.stats().decoded.load() == 0);
    CHECK(again.stats().cache_hits.load() == 2);
    REQUIRE(second_a);
    REQUIRE(second_b);
    CHECK(second_a->sizes[0].url == first[0].sizes[0].url);
    CHECK(second_a->height == first[0].height);
    CHECK(second_b->sizes[0].url == first[1].sizes[0].url);
    // Changing a photo changes its name: browsers never see a stale file.
    fx.write("a.jpg", jpeg(test_pattern()));
    const auto changed = again.process(a, {}, true, diagnostics);
    REQUIRE(changed);
    CHECK(changed->sizes[0].url != first[0].sizes[0].url);
    CHECK(again.stats().decoded.load() == 1);
  }

  TEST_CASE("a cache written by another version is emptied, not trusted") {
    TempDir dir;
    {
      BuildCache cache(dir.sub("cache"));
      cache.put("x", "old");
    }
    {
      std::FILE* f = std::fopen((dir.sub("cache") + "/VERSION").c_str(), "wb");
      std::fputs("vetrina cache v0\n", f);
      std::fclose(f);
    }
    BuildCache cache(dir.sub("cache"));
    CHECK_FALSE(cache.has("x"));
  }
}

TEST_SUITE("image geometry") {
  TEST_CASE("widths never upscale") {
    CHECK(target_widths(2000, {480, 960, 1600}) == std::vector<int>{480, 960, 1600});
    CHECK(target_widths(1000, {480, 960, 1600}) == std::vector<int>{480, 960, 1000});
    CHECK(target_widths(800, {480, 960, 1600}) == std::vector<int>{480, 800});
    CHECK(target_widths(1600, {480, 960, 1600}) == std::vector<int>{480, 960, 1600});
    CHECK(target_widths(300, {480, 960, 1600}) == std::vector<int>{300});
    CHECK(target_widths(960, {960, 480, 960}) == std::vector<int>{480, 960});
  }
  TEST_CASE("heights keep the aspect ratio") {
    CHECK(scaled_height(4000, 3000, 480) == 360);
    CHECK(scaled_height(3000, 4000, 480) == 640);
    CHECK(scaled_height(1000, 1, 480) == 1);
  }
  TEST_CASE("the Open Graph crop is centred and has the target's shape") {
    const CropBox wide = cover_crop(4000, 1000, 1200, 630);
    CHECK(wide.height == 1000);
    CHECK(wide.width == 1904);
    CHECK(wide.x == 1048);
    CHECK(wide.y == 0);
    const CropBox tall = cover_crop(1000, 3000, 1200, 630);
    CHECK(tall.width == 1000);
    CHECK(tall.height == 525);
    CHECK(tall.y == 1237);
  }
}

}  // namespace
TEST_SUITE("photo metadata") {
  TEST_CASE("strip-metadata drops GPS and comments, keeps the orientation and the image data byte for byte") {
    const std::string plain = jpeg(test_pattern());
    const std::string original = with_exif(plain, 6);
    const auto before = inspect_photo_metadata(original);
    REQUIRE(before.has_value());
    CHECK(before->gps);
    CHECK(before->removable);
    CHECK_FALSE(inspect_photo_metadata(plain)->gps);

    const auto stripped = strip_photo_metadata(original);
    REQUIRE(stripped.ok());
    CHECK(stripped->size() < original.size());
    const auto after = inspect_photo_metadata(*stripped);
    REQUIRE(after.has_value());
    CHECK_FALSE(after->gps);
    CHECK_FALSE(after->personal);
    CHECK_FALSE(after->removable);
    CHECK(exif_orientation(*stripped) == 6);
    // The compressed image is copied, not re-encoded: the same bytes from SOS on.
    const auto sos = [](const std::string& file) { return file.substr(file.find("\xFF\xDA")); };
    CHECK(sos(*stripped) == sos(plain));
    const Pixels a = decode(*stripped);
    const Pixels b = decode(plain);
    CHECK(a.data == b.data);
    // Stripping again changes nothing.
    const auto again = strip_photo_metadata(*stripped);
    REQUIRE(again.ok());
    CHECK(*again == *stripped);
    // Orientation 1 needs no EXIF block at all.
    const auto upright = strip_photo_metadata(with_exif(plain, 1));
    REQUIRE(upright.ok());
    CHECK(*upright == plain);
  }

  TEST_CASE("strip-metadata refuses what is not a JPEG") {
    const auto refused = strip_photo_metadata(png(test_pattern()));
    CHECK_FALSE(refused.ok());
    CHECK(refused.error() == "not a JPEG photo, or it is damaged");
    CHECK_FALSE(inspect_photo_metadata("GIF89a").has_value());
  }
}

}  // namespace vetrina
