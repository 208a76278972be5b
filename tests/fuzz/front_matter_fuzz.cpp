// Front matter and YAML decoding: a story's index.md, a page, site.yaml and
// taxonomies.yaml made of hostile bytes must give diagnostics, never a crash
// or a hang; the diagnostics are formatted (windowed source quotes) too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "generator/content/content_loader.h"
#include "generator/content/page_decoder.h"
#include "generator/content/site_config_decoder.h"
#include "generator/content/story_decoder.h"
#include "generator/content/taxonomy_decoder.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  vetrina::DiagnosticBag diagnostics;
  vetrina::decode_story(text, "content/stories/x", diagnostics);
  vetrina::decode_page(text, "content/pages/x.md", diagnostics);
  vetrina::decode_site_config(text, "content/site.yaml", diagnostics);
  vetrina::decode_taxonomies(text, "content/taxonomies.yaml", diagnostics);
  vetrina::util::MemoryFileSystem fs;
  fs.add_file("content/stories/x/index.md", std::string(text));
  vetrina::format_all(diagnostics.sorted(), vetrina::DiagnosticFormat::log, &fs, false);
  vetrina::format_all(diagnostics.sorted(), vetrina::DiagnosticFormat::github, &fs, false);
  vetrina::format_all(diagnostics.sorted(), vetrina::DiagnosticFormat::json, &fs, false);
  return 0;
}
