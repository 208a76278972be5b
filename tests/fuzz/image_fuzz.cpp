// Image headers, EXIF and decoding: the input is a photo put through the
// real ImagePipeline (size, header and PNG inflate checks, stb decode, EXIF
// orientation, resize, encode) with small limits so a run stays fast. The
// cache is read-only: nothing is written.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "generator/media/build_cache.h"
#include "generator/media/image_header.h"
#include "generator/media/image_pipeline.h"
#include "generator/util/file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  vetrina::header_dimensions(file);
  vetrina::exif_orientation(file);
  if (const auto expected = vetrina::png_expected_inflated_size(file)) {
    vetrina::png_inflates_within(file, *expected + 1024);
  }
  vetrina::util::MemoryFileSystem fs;
  fs.add_file("content/stories/x/foto.jpg", std::string(file));
  vetrina::BuildCache cache("/nonexistent/vetrina-fuzz-cache", true);
  vetrina::ImageLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_pixels = 1 << 18;  // 512x512: decoding stays quick
  vetrina::ImagePipeline pipeline(fs, cache, {32, 64}, limits);
  vetrina::DiagnosticBag diagnostics;
  pipeline.process("content/stories/x/foto.jpg", "content/stories/x", {"content/stories/x/index.md", 1, 1}, true,
                   diagnostics);
  return 0;
}
