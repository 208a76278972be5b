#pragma once
// The image pipeline: photos beside a story become privacy-safe, responsive
// derivatives under /media/. For each photo it reads the file, checks its
// size and (from the header alone, before decoding: decompression bombs)
// its pixel count, decodes it with stb_image (JPEG, PNG), turns it upright by
// its EXIF orientation (libexif), resizes it in linear light with
// stb_image_resize to each configured width not wider than the photo (never
// upscaling), and re-encodes it with stb_image_write: JPEG, or PNG when the
// photo has transparency. stb writes no metadata at all, so no EXIF, GPS,
// maker notes or comments survive. Names carry a hash of the source bytes
// and the pipeline settings (/media/<hash>-<width>.<ext>), so they can be
// cached forever by browsers, and derivatives are kept in a versioned cache
// (BuildCache): a rebuild with unchanged photos decodes nothing.
//
// The file is size-checked (fstat) before it is read; a PNG's IDAT is
// streamed through zlib and must not inflate past what its IHDR announces
// (a 1x1 PNG inflating to 1 GiB is refused before stb allocates anything).
// Problems are located errors at the image's `src` (never a crash).
// process() is thread-safe.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generator/media/build_cache.h"
#include "generator/media/pixels.h"
#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// The widths to publish for a photo `source_width` wide: the configured
// widths not wider than the photo, plus the photo's own width when some
// configured width is wider (no upscaling: 800 px with 480/960/1600 gives
// 480 and 800). Sorted, without duplicates.
std::vector<int> target_widths(int source_width, const std::vector<int>& widths);
// Height for `width` keeping the aspect ratio (rounded, at least 1).
int scaled_height(int width, int height, int target_width);

// The centred box of `width` x `height` with the aspect ratio of
// target_w x target_h (for the 1200x630 Open Graph image).
CropBox cover_crop(int width, int height, int target_w, int target_h);

struct MediaStats {
  std::atomic<std::size_t> images{0};      // photos processed
  std::atomic<std::size_t> decoded{0};     // photos decoded (cache misses)
  std::atomic<std::size_t> cache_hits{0};  // photos served from the cache
};

class ImagePipeline {
 public:
  // `widths` and `limits` come from site.yaml.
  ImagePipeline(const util::FileSystem& fs, BuildCache& cache, std::vector<int> widths, ImageLimits limits);

  // Processes the photo at `path` (read through the FileSystem seam); the
  // derivatives end up in the cache. `og` also makes the 1200x630 Open Graph
  // crop. Errors are reported at `where`; returns nullopt then.
  std::optional<PublishedImage> process(const std::string& path, const Location& where, bool og,
                                        DiagnosticBag& diagnostics) {
    return process(path, std::string(), where, og, diagnostics);
  }
  // The same for a photo that must be a regular file inside the folder
  // `within` (symlinks resolved): the story's folder.
  std::optional<PublishedImage> process(const std::string& path, const std::string& within, const Location& where,
                                        bool og, DiagnosticBag& diagnostics);

  const MediaStats& stats() const { return m_stats; }

 private:
  const util::FileSystem& m_fs;
  BuildCache& m_cache;
  std::vector<int> m_widths;
  ImageLimits m_limits;
  MediaStats m_stats;
};

// The JPEG quality of published photos.
inline constexpr int k_jpeg_quality = 80;

}  // namespace vetrina
