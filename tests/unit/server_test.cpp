// Only the pure parts of the HTTP service: which file a request path maps to,
// and its content type. The service itself is tested end to end.
#include "search/service/static_files.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "search/service/service_log.h"
#include "tests/unit/test_support.h"

using vetrina::search::content_type_for;
using vetrina::search::resolve_static;
using vetrina::search::Resolved;
using vetrina::test::TempDir;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

const char* kind_name(Resolved::Kind kind) {
  switch (kind) {
    case Resolved::Kind::file:
      return "file";
    case Resolved::Kind::redirect:
      return "redirect";
    case Resolved::Kind::not_found:
      return "not_found";
    case Resolved::Kind::forbidden:
      return "forbidden";
  }
  return "?";
}

// A built site in a temporary folder, with a secret beside it and symlinks
// pointing inside and outside.
struct PublicFixture {
  TempDir dir;
  fs::path root = dir.path() / "public";
  PublicFixture() {
    write(root / "index.html", "home");
    write(root / "esperienze/x/index.html", "storia");
    write(root / "esperienze/vuota/nota.txt", "nessun index");
    write(root / "assets/style.css", "body{}");
    write(root / ".env", "SECRET=1");
    write(root / ".git/config", "[core]");
    write(dir.path() / "outside/secret.txt", "segreto");
    fs::create_symlink(dir.path() / "outside/secret.txt", root / "leak.txt");
    fs::create_directory_symlink(dir.path() / "outside", root / "fuori");
    fs::create_symlink(root / "assets/style.css", root / "alias.css");
    fs::create_symlink("index.html", root / "esperienze/x/copia.html");
  }
  // "kind" or "file:<path relative to the root>" or "redirect:<location>".
  std::string resolve(const std::string& path) const {
    const Resolved r = resolve_static(root.string(), path);
    std::string out = kind_name(r.kind);
    if (r.kind == Resolved::Kind::file) {
      out += ":" + fs::relative(r.file, fs::canonical(root)).string();
      CHECK(fs::path(r.file).is_absolute());
    } else if (r.kind == Resolved::Kind::redirect) {
      out += ":" + r.location;
    }
    return out;
  }
};

}  // namespace

TEST_SUITE("server") {
  TEST_CASE("content_type_for maps extensions, in any case, and defaults to octet-stream") {
    struct Case {
      std::string path;
      std::string type;
    };
    const Case cases[] = {
        {"/a/index.html", "text/html; charset=utf-8"},
        {"style.css", "text/css; charset=utf-8"},
        {"app.js", "text/javascript; charset=utf-8"},
        {"feed.xml", "application/xml; charset=utf-8"},
        {"robots.txt", "text/plain; charset=utf-8"},
        {"dati.csv", "text/csv; charset=utf-8"},
        {"a.json", "application/json"},
        {"grafico.svg", "image/svg+xml"},
        {"FOTO.JPG", "image/jpeg"},
        {"foto.jpeg", "image/jpeg"},
        {"m/abc-480.webp", "image/webp"},
        {"a.png", "image/png"},
        {"clip.mp4", "video/mp4"},
        {"relazione.pdf", "application/pdf"},
        {"favicon.ico", "image/x-icon"},
        {"archivio.zip", "application/octet-stream"},
        {"LICENSE", "application/octet-stream"},
        {"/cartella.html/file", "application/octet-stream"},
        {"", "application/octet-stream"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.path);
      CHECK(std::string(content_type_for(c.path)) == c.type);
    }
  }

  TEST_CASE("resolve_static serves files and folder indexes and redirects to the trailing slash") {
    const PublicFixture site;
    CHECK(site.resolve("/") == "file:index.html");
    CHECK(site.resolve("/index.html") == "file:index.html");
    CHECK(site.resolve("/esperienze/x/") == "file:esperienze/x/index.html");
    CHECK(site.resolve("/esperienze/x") == "redirect:/esperienze/x/");
    CHECK(site.resolve("/assets/style.css") == "file:assets/style.css");
    CHECK(site.resolve("/assets/style.css/") == "not_found");
    CHECK(site.resolve("/esperienze/vuota/") == "not_found");  // a folder without index.html
    CHECK(site.resolve("/manca.html") == "not_found");
    CHECK(site.resolve("/esperienze/manca/") == "not_found");
  }

  TEST_CASE("resolve_static refuses '..', dot files and malformed paths") {
    const PublicFixture site;
    const std::string refused[] = {"/../outside/secret.txt",
                                   "/esperienze/../../outside/secret.txt",
                                   "/esperienze/..",
                                   "/./index.html",
                                   "/.env",
                                   "/.git/config",
                                   "/esperienze/.hidden",
                                   "index.html",
                                   "",
                                   "/esperienze\\..\\..\\outside",
                                   std::string("/index.html\0.txt", 16)};
    for (const auto& path : refused) {
      CAPTURE(path);
      CHECK(site.resolve(path) == "forbidden");
    }
  }

  TEST_CASE("resolve_static follows symlinks only while they stay inside the public folder") {
    const PublicFixture site;
    CHECK(site.resolve("/leak.txt") == "forbidden");
    CHECK(site.resolve("/fuori/secret.txt") == "forbidden");
    CHECK(site.resolve("/fuori/") == "not_found");  // no index.html in the outside folder
    CHECK(site.resolve("/alias.css") == "file:assets/style.css");
    CHECK(site.resolve("/esperienze/x/copia.html") == "file:esperienze/x/index.html");
  }

  TEST_CASE("resolve_static finds nothing when the site is not built") {
    const TempDir dir;
    const Resolved r = resolve_static((dir.path() / "public").string(), "/");
    CHECK(kind_name(r.kind) == std::string("not_found"));
  }

  TEST_CASE("resolve_static works when the public folder is itself reached through a symlink") {
    const PublicFixture site;
    fs::create_directory_symlink(site.root, site.dir.path() / "current");
    const Resolved r = resolve_static((site.dir.path() / "current").string(), "/esperienze/x/");
    CHECK(kind_name(r.kind) == std::string("file"));
    CHECK(r.file == fs::canonical(site.root / "esperienze/x/index.html").string());
  }

  TEST_CASE("resolve_static never redirects to another host: repeated slashes are one") {
    const PublicFixture site;
    CHECK(site.resolve("//esperienze") == "redirect:/esperienze/");
    CHECK(site.resolve("///esperienze//x") == "redirect:/esperienze/x/");
    CHECK(site.resolve("//esperienze//x//") == "file:esperienze/x/index.html");
  }

  TEST_CASE("byte_range: one range, merged ranges, else the whole file or 416") {
    using vetrina::search::byte_range;
    using Kind = vetrina::search::ByteRange::Kind;
    auto text = [](std::string_view header, std::uint64_t size) {
      const auto r = byte_range(header, size);
      switch (r.kind) {
        case Kind::whole:
          return std::string("whole");
        case Kind::unsatisfiable:
          return std::string("416");
        case Kind::partial:
          return std::to_string(r.first) + "-" + std::to_string(r.last);
      }
      return std::string("?");
    };
    CHECK(text("bytes=0-99", 1000) == "0-99");
    CHECK(text("Bytes=10-", 1000) == "10-999");
    CHECK(text("bytes=-10", 1000) == "990-999");
    CHECK(text("bytes=-5000", 1000) == "0-999");
    CHECK(text("bytes=0-5000", 1000) == "0-999");
    CHECK(text("bytes=0-9, 5-19,20-29", 1000) == "0-29");  // overlapping and adjacent: merged
    CHECK(text("bytes=0-9,100-109", 1000) == "whole");     // separate: no multipart answer
    CHECK(text("bytes=1000-", 1000) == "416");
    CHECK(text("bytes=5000-6000,7000-", 1000) == "416");
    CHECK(text("bytes=-0", 1000) == "416");
    CHECK(text("bytes=0-", 0) == "416");
    CHECK(text("bytes=9-1", 1000) == "whole");  // malformed: ignored
    CHECK(text("bytes=a-b", 1000) == "whole");
    CHECK(text("items=0-9", 1000) == "whole");
    CHECK(text("bytes=99999999999999999999-", 1000) == "whole");
    std::string many = "bytes=0-";
    for (int i = 0; i < 2700; ++i) {
      many += ",0-";
    }
    CHECK(text(many, 1000) == "whole");  // issue 18's amplification
    CHECK(text("bytes=0-0,1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13,14-14,15-15", 1000) == "0-15");
  }

  TEST_CASE("access_line: the query by its length only, the path escaped and cut") {
    using vetrina::search::access_line;
    CHECK(access_line("GET", "/cerca/", 20, 200, 1.25) == "method=GET path=/cerca/ query_bytes=20 status=200 ms=1.2");
    CHECK(access_line("GET", "/a\nb c\"\\", 0, 404, 0) ==
          "method=GET path=/a\\x0ab\\x20c\\x22\\x5c query_bytes=0 status=404 ms=0.0");
    CHECK(access_line("GET", "/\xC3\xA0", 0, 404, 0).find("path=/\\xc3\\xa0 ") != std::string::npos);
    const std::string line = access_line("GET", "/" + std::string(5000, 'a'), 0, 404, 0);
    CHECK(line.size() < 400);
    CHECK(line.find("... query_bytes=0") != std::string::npos);
  }
}
