#pragma once
// Personal metadata in the original photos under content/: GPS position,
// author and camera owner (EXIF), XMP and IPTC blocks. The published copies
// are re-encoded without any of it (image_pipeline); the originals are
// committed to Git, so `vetrina check` warns about them and
// `vetrina strip-metadata` removes them in place. JPEG only: the metadata
// segments are dropped, the compressed image data is copied byte for byte
// (no re-encoding); the EXIF orientation is kept in a minimal EXIF block.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/util/diagnostics.h"
#include "generator/util/result.h"

namespace vetrina {

struct PhotoMetadata {
  bool gps = false;        // a GPS position
  bool personal = false;   // author, camera owner, serial number, XMP or IPTC data
  bool removable = false;  // any segment strip_photo_metadata() would drop
};

// What a JPEG file carries; nullopt when `bytes` is not a JPEG.
std::optional<PhotoMetadata> inspect_photo_metadata(std::string_view bytes);

// The JPEG without its metadata segments (APP1 EXIF/XMP, APP13 IPTC, the
// other APPn but JFIF and the ICC colour profile, comments), with a minimal
// EXIF block holding only the orientation when it was not 1. Fails (with a
// translated message) when the file is not a JPEG that can be walked to its
// image data.
Result<std::string> strip_photo_metadata(std::string_view bytes);

// A warning for every .jpg/.jpeg under `content_dir` with a GPS position or
// personal data, saying how to remove it.
void warn_photo_metadata(const std::string& content_dir, DiagnosticBag& diagnostics);

}  // namespace vetrina
