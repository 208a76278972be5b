// The real content/ built as the binary builds it, then crawled: every
// href, src and srcset of every published HTML page, and every link of the
// feed and the sitemap, that points into the site must name a file of
// public/ (a folder URL needs its index.html). This catches links to pages
// nobody generates, such as the list of a taxonomy term that no story fills
// (a partner country "it" once linked to /esperienze/paese/it/). The same
// build pins issue 16 on the real content: a sourced story lists its
// sources, an example story is marked on its page, its card, its feed entry
// and its search result (the service's JSON too).
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "generator/build/builder.h"
#include "generator/util/strings.h"
#include "search/query/query.h"
#include "tests/integration/search_fixture.h"

namespace vetrina {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Addresses the search service answers; they are not files of public/.
bool served_by_service(const std::string& path) {
  return path == "/cerca/" || path.starts_with("/api/") || path == "/healthz";
}

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The values of attribute `name` ("href", "src", "srcset") in `html`.
std::vector<std::string> attribute_values(const std::string& html, const std::string& name) {
  std::vector<std::string> values;
  const std::string needle = " " + name + "=\"";
  for (auto at = html.find(needle); at != std::string::npos; at = html.find(needle, at + 1)) {
    const auto start = at + needle.size();
    const auto end = html.find('"', start);
    if (end == std::string::npos) {
      break;
    }
    values.push_back(util::replace_all(html.substr(start, end - start), "&amp;", "&"));
  }
  return values;
}

// Every site-internal URL of a page, made absolute ("/esperienze/x/").
std::vector<std::string> internal_links(const std::string& html, const std::string& page_url,
                                        const std::string& base_url) {
  std::vector<std::string> urls;
  auto add = [&](std::string url) {
    url = std::string(util::trim(url));
    if (url.starts_with(base_url + "/")) {
      url = url.substr(base_url.size());
    }
    if (url.empty() || url.starts_with("#") || url.starts_with("//") || url.find("://") != std::string::npos ||
        url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with("data:")) {
      return;
    }
    url = url.substr(0, url.find_first_of("#?"));
    if (url.empty()) {
      return;
    }
    if (!url.starts_with("/")) {  // relative: resolve against the page's folder
      std::string base = page_url.substr(0, page_url.rfind('/') + 1);
      while (url.starts_with("../")) {
        url = url.substr(3);
        if (base.size() > 1) {
          base = base.substr(0, base.rfind('/', base.size() - 2) + 1);
        }
      }
      if (url.starts_with("./")) {
        url = url.substr(2);
      }
      url = base + url;
    }
    urls.push_back(percent_decoded(url));
  };
  for (const char* attribute : {"href", "src", "action", "poster"}) {
    for (const auto& value : attribute_values(html, attribute)) {
      add(value);
    }
  }
  for (const auto& srcset : attribute_values(html, "srcset")) {
    std::istringstream candidates(srcset);
    for (std::string candidate; std::getline(candidates, candidate, ',');) {
      const std::string entry(util::trim(candidate));
      add(entry.substr(0, entry.find(' ')));
    }
  }
  return urls;
}

// The broken links of a published tree: "page -> url" for every internal
// link that names no file.
std::vector<std::string> broken_links(const fs::path& root, const std::string& base_url) {
  std::vector<std::string> broken;
  auto exists = [&](const std::string& url) {
    if (served_by_service(url)) {
      return true;
    }
    fs::path target = root / url.substr(1);
    if (url.ends_with("/")) {
      target /= "index.html";
    }
    return fs::is_regular_file(target);
  };
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !(name.ends_with(".html") || name.ends_with(".xml"))) {
      continue;
    }
    std::string page_url = "/" + fs::relative(entry.path(), root).generic_string();
    if (page_url.ends_with("index.html")) {
      page_url.resize(page_url.size() - std::string("index.html").size());
    }
    std::string text = read_all(entry.path());
    if (name.ends_with(".xml")) {  // <loc>URL</loc> in the sitemap, <id> and <link href> in the feed
      for (const char* tag : {"loc", "id"}) {
        const std::string open = std::string("<") + tag + ">";
        for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
          const auto start = at + open.size();
          text += " href=\"" + text.substr(start, text.find('<', start) - start) + "\"";
        }
      }
    }
    for (const auto& url : internal_links(text, page_url, base_url)) {
      if (!exists(url)) {
        broken.push_back(page_url + " -> " + url);
      }
    }
  }
  std::sort(broken.begin(), broken.end());
  broken.erase(std::unique(broken.begin(), broken.end()), broken.end());
  return broken;
}

TEST_SUITE("the real site: links, sources and examples") {
  TEST_CASE("the crawler finds a link to a page that does not exist") {
    TempDir dir;
    fs::create_directories(dir.sub("public/esperienze/paese/fr"));
    std::ofstream(dir.sub("public/esperienze/paese/fr/index.html")) << "<p>Francia</p>";
    std::ofstream(dir.sub("public/index.html"))
        << "<a href=\"/esperienze/paese/fr/\">Francia</a> <a href=\"/esperienze/paese/it/\">Italia</a> "
           "<a href=\"https://example.org/x/\">fuori</a> <a href=\"#top\">su</a> "
           "<a href=\"https://etwinning.indire.it/manca/\">assoluto</a> <a href=\"/cerca/?q=x\">cerca</a> "
           "<img src=\"esperienze/paese/fr/index.html\" srcset=\"/media/a-480.jpg 480w, /esperienze/ 960w\">";
    CHECK(broken_links(dir.sub("public"), "https://etwinning.indire.it") ==
          std::vector<std::string>{"/ -> /esperienze/", "/ -> /esperienze/paese/it/", "/ -> /manca/",
                                   "/ -> /media/a-480.jpg"});
  }

  TEST_CASE("every internal link of every published page names a published file") {
    TempDir dir;
    BuildOptions options;
    options.content_dir = std::string(VETRINA_SOURCE_DIR) + "/content";
    options.theme_dir = std::string(VETRINA_SOURCE_DIR) + "/themes/etwinning";
    options.out_dir = dir.sub("public");
    options.index_dir = dir.sub("index");
    options.cache_dir = dir.sub("cache");
    options.jobs = 2;
    DiagnosticBag diagnostics;
    NullStatus status;
    const auto summary = build_site(util::DiskFileSystem(), options, diagnostics, status);
    INFO(format_all(diagnostics.sorted(), DiagnosticFormat::text, nullptr, false));
    REQUIRE(summary);
    DiagnosticBag again;
    const Site site = load_content(util::DiskFileSystem(), options.content_dir, LoadOptions{}, again);
    const std::vector<std::string> broken = broken_links(dir.sub("public"), site.config.base_url);
    std::string list;
    for (const auto& link : broken) {
      list += link + "\n";
    }
    INFO(list);
    CHECK(broken.empty());
    CHECK(fs::is_regular_file(dir.sub("public/esperienze/holidays-in-a-box/index.html")));
    CHECK(!fs::exists(dir.sub("public/esperienze/paese/it")));

    // Sourced stories show their sources; examples say what they are on
    // their page, their card, their feed entry and their search result.
    const std::string notice = k_example_notice;
    const std::string sourced = read_all(dir.sub("public/esperienze/holidays-in-a-box/index.html"));
    CHECK(sourced.find("<section class=\"sources\"") != std::string::npos);
    CHECK(sourced.find("slide «Esempio: scuola primaria / lingua inglese»") != std::string::npos);
    // Not on the sourced story itself (the cards of related example stories
    // below it do carry their own badge).
    CHECK(sourced.find("<p class=\"example-notice\"") == std::string::npos);
    const std::string example = read_all(dir.sub("public/esperienze/semi-di-storie/index.html"));
    CHECK(example.find("<p class=\"example-notice\" role=\"note\">" + notice + ".</p>") != std::string::npos);
    CHECK(example.find("<section class=\"sources\"") == std::string::npos);
    CHECK(read_all(dir.sub("public/esperienze/index.html")).find("<p class=\"example-badge\">" + notice + "</p>") !=
          std::string::npos);
    const std::string feed = read_all(dir.sub("public/feed.xml"));
    CHECK(feed.find("<category term=\"esempio\" label=\"Storia di esempio\"/>") != std::string::npos);
    CHECK(feed.find("<summary>" + notice + ". ") != std::string::npos);
    search::Searcher searcher(dir.sub("index"));
    search::SearchRequest request;
    request.query = "semi di storie";
    const search::SearchResult examples = searcher.search(request);
    REQUIRE(!examples.hits.empty());
    CHECK(examples.hits.front().url == "/esperienze/semi-di-storie/");
    CHECK(examples.hits.front().example);
    CHECK(search::to_json(examples).find("\"url\":\"/esperienze/semi-di-storie/\",\"title\":\"Semi di storie\"") !=
          std::string::npos);
    CHECK(search::to_json(examples).find("\"example\":true") != std::string::npos);
    request.query = "holidays";
    const search::SearchResult real = searcher.search(request);
    REQUIRE(!real.hits.empty());
    CHECK(real.hits.front().url == "/esperienze/holidays-in-a-box/");
    CHECK_FALSE(real.hits.front().example);
    CHECK(search::to_json(real).find("\"example\":false") != std::string::npos);
    // The prize years print their counts with the thousands separator.
    const std::string awards = read_all(dir.sub("public/premi/index.html"));
    CHECK(awards.find("1.032 Certificati di Qualità nazionali") != std::string::npos);
    CHECK(awards.find("generalmente due per categoria") != std::string::npos);
  }
}

}  // namespace
}  // namespace vetrina
