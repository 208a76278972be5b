// A whole build (the library's build_site, as the binary runs it) of a site
// whose story has a cover, a gallery and a YouTube video: the page carries
// responsive markup and no third-party address before a click, /media/
// holds the derivatives, and the rebuild decodes nothing.
#include <doctest/doctest.h>

#include <stb_image_write.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "generator/build/builder.h"
#include "tests/integration/search_fixture.h"

namespace vetrina {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

void append(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::string photo(int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width * height * 3));
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    pixels[i] = static_cast<unsigned char>((i * 7) % 251);
  }
  std::string out;
  stbi_write_jpg_to_func(append, &out, width, height, 3, pixels.data(), 90);
  return out;
}

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST_SUITE("media in a build") {
  TEST_CASE("a story with photos and a video builds, publishes /media/ and rebuilds without decoding") {
    TempDir dir;
    const std::string content = dir.sub("content");
    fs::create_directories(content);
    fs::copy_file(std::string(VETRINA_SOURCE_DIR) + "/content/taxonomies.yaml", content + "/taxonomies.yaml");
    write(content + "/site.yaml",
          "title: \"Prova\"\ndescription: \"Sito di prova\"\nbase_url: \"https://example.org\"\n"
          "publisher: \"Unità\"\nimage_widths: [160, 320]\n");
    write(content + "/stories/orto/index.md",
          "---\ntitle: \"L'orto\"\nsummary: \"Un orto a scuola.\"\ndate: 2020-05-01\nschool_year: \"2019/2020\"\n"
          "project_type: istituto\nlevels: [primaria]\ncompetences: [stem]\nsubjects: [scienze]\n"
          "school: {name: \"IC Uno\", city: \"Prato\", region: toscana}\n"
          "cover: {src: copertina.jpg, alt: \"Bambini nell'orto\", credit: \"Scuola\", minors: true, consent: true}\n"
          "gallery: [{src: a.jpg, alt: \"Semina\", minors: false}, {src: b.jpg, alt: \"Raccolto\", minors: false}]\n"
          "videos: [{youtube: abcDEF_1234, title: \"Il video dell'orto\", minors: false}]\n"
          "---\n\n## Obiettivi\n\nCrescere.\n");
    write(content + "/stories/orto/copertina.jpg", photo(400, 300));
    write(content + "/stories/orto/a.jpg", photo(200, 100));
    write(content + "/stories/orto/b.jpg", photo(120, 160));

    BuildOptions options;
    options.content_dir = content;
    options.theme_dir = std::string(VETRINA_SOURCE_DIR) + "/themes/etwinning";
    options.out_dir = dir.sub("public");
    options.index_dir = dir.sub("index");
    options.cache_dir = dir.sub("cache");
    options.jobs = 2;
    DiagnosticBag diagnostics;
    NullStatus status;
    const auto first = build_site(util::DiskFileSystem(), options, diagnostics, status);
    INFO(format_all(diagnostics.sorted(), DiagnosticFormat::text, nullptr, false));
    REQUIRE(first);
    CHECK(first->photos == 3);
    CHECK(first->photos_decoded == 3);

    const std::string page = slurp(dir.sub("public/esperienze/orto/index.html"));
    CHECK(page.find("srcset=\"/media/") != std::string::npos);
    CHECK(page.find("sizes=\"") != std::string::npos);
    CHECK(page.find("width=\"320\" height=\"240\"") != std::string::npos);  // the cover, at its largest <= 960
    CHECK(page.find("<meta property=\"og:image\" content=\"https://example.org/media/") != std::string::npos);
    CHECK(page.find("Foto: Scuola") != std::string::npos);
    // The cover is not lazy; gallery photos are.
    const auto cover = page.find("alt=\"Bambini nell&apos;orto\"");
    REQUIRE(cover != std::string::npos);
    CHECK(page.substr(page.rfind("<img", cover), cover - page.rfind("<img", cover)).find("loading") ==
          std::string::npos);
    CHECK(page.find("alt=\"Semina\" decoding=\"async\" loading=\"lazy\"") != std::string::npos);
    // No third-party address is loaded by the page: YouTube only as a link and in the script.
    CHECK(page.find("src=\"http") == std::string::npos);
    CHECK(page.find("srcset=\"http") == std::string::npos);
    CHECK(page.find("<iframe") == std::string::npos);
    CHECK(page.find("href=\"https://www.youtube.com/watch?v=abcDEF_1234\"") != std::string::npos);

    std::size_t media = 0;
    for (const auto& entry : fs::directory_iterator(dir.sub("public/media"))) {
      ++media;
      CHECK(slurp(entry.path().string()).find("Exif") == std::string::npos);
    }
    // Cover 160+320 and OG, a.jpg 160 and 200 (narrower than 320: also its own
    // width), b.jpg 120 (its own width: no upscaling), and the site's generated
    // cover (og + card: cover_image.h).
    CHECK(media == 8);

    DiagnosticBag again_diagnostics;
    const auto again = build_site(util::DiskFileSystem(), options, again_diagnostics, status);
    REQUIRE(again);
    CHECK(again->photos == 3);
    CHECK(again->photos_decoded == 0);
    CHECK(slurp(dir.sub("public/esperienze/orto/index.html")) == page);
  }
}

}  // namespace
}  // namespace vetrina
