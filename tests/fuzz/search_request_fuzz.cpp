// Search request parsing and searching: the input is a query string
// ("q=...&livello=...&page=..."), decoded as the service decodes it, parsed
// by parse_request and, when valid, run against a small real index built
// once (query parser, facets, snippets, spelling, JSON).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "generator/content/content_loader.h"
#include "generator/render/markdown_pass.h"
#include "generator/render/renderer.h"
#include "generator/util/strings.h"
#include "search/index/indexer.h"
#include "search/query/query.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

struct Index {
  std::string dir;
  std::unique_ptr<vetrina::search::Searcher> searcher;
  Index() {
    auto fs = vetrina::fuzz::tiny_site();
    fs.add_file("content/stories/x/index.md",
                vetrina::fuzz::story_text("Fiabe in quattro lingue",
                                          "Le fiabe dei nonni, raccontate in classe e tradotte insieme ai "
                                          "compagni francesi. Attività svolte: lettura, scrittura, teatro.\n"));
    vetrina::DiagnosticBag diagnostics;
    vetrina::Site site = vetrina::load_content(fs, "content", {}, diagnostics);
    vetrina::render_bodies(site, fs, 1, diagnostics);
    if (diagnostics.has_errors()) {
      __builtin_trap();
    }
    char pattern[] = "/tmp/vetrina-fuzz-index-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
      __builtin_trap();
    }
    dir = pattern;
    vetrina::search::write_index(site, dir + "/index", 1);
    searcher = std::make_unique<vetrina::search::Searcher>(dir + "/index");
  }
  ~Index() {
    searcher.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Index index;
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start <= query.size() && params.size() < 64) {
    const auto amp = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, amp - start);
    const auto eq = pair.find('=');
    params.emplace_back(vetrina::util::url_decode(pair.substr(0, eq)),
                        eq == std::string_view::npos ? std::string() : vetrina::util::url_decode(pair.substr(eq + 1)));
    start = amp + 1;
  }
  const auto parsed = vetrina::search::parse_request(params, index.searcher->info());
  if (parsed) {
    vetrina::search::to_json(index.searcher->search(*parsed));
  } else {
    vetrina::search::error_json(parsed.error());
  }
  return 0;
}
