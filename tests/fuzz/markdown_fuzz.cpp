// Markdown rendering with the real link checks: the input is the body of a
// story of a tiny site (links to other stories, files beside it, unsafe
// schemes), rendered by render_bodies as a build does. The diagnostics are
// formatted with the body as their source.
#include <cstddef>
#include <cstdint>
#include <string>

#include "generator/content/content_loader.h"
#include "generator/render/markdown_pass.h"
#include "generator/render/renderer.h"
#include "generator/util/diagnostics.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

struct World {
  vetrina::util::MemoryFileSystem fs = vetrina::fuzz::tiny_site();
  vetrina::Site site;
  World() {
    fs.add_file("content/stories/x/index.md", vetrina::fuzz::story_text("X", "corpo\n"));
    fs.add_file("content/stories/x/relazione.pdf", "%PDF-1.4");
    fs.add_file("/etc/passwd", "root:x:0:0");
    fs.add_symlink("content/stories/x/fuori.pdf", "/etc/passwd");  // refused: leads outside the folder
    vetrina::DiagnosticBag diagnostics;
    site = vetrina::load_content(fs, "content", {}, diagnostics);
    if (diagnostics.has_errors() || site.find_story("x") == nullptr) {
      __builtin_trap();  // the fixture itself must be valid
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  vetrina::Site site = world.site;
  std::size_t index = 0;
  while (site.stories[index].slug != "x") {
    ++index;
  }
  const std::string body(reinterpret_cast<const char*>(data), size);
  site.stories[index].body = body;
  vetrina::DiagnosticBag diagnostics;
  vetrina::render_bodies(site, world.fs, {index}, 1, diagnostics);
  vetrina::util::MemoryFileSystem sources;
  sources.add_file(site.stories[index].source_path, body);
  vetrina::format_all(diagnostics.sorted(), vetrina::DiagnosticFormat::text, &sources, false);
  return 0;
}
