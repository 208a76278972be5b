#include "generator/media/photo_metadata.h"

#include <libexif/exif-data.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "generator/media/image_header.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace {

struct ExifFree {
  void operator()(ExifData* data) const { exif_data_unref(data); }
};

constexpr unsigned char k_soi = 0xD8;
constexpr unsigned char k_sos = 0xDA;
constexpr unsigned char k_eoi = 0xD9;
constexpr unsigned char k_app0 = 0xE0;
constexpr unsigned char k_app1 = 0xE1;
constexpr unsigned char k_app2 = 0xE2;
constexpr unsigned char k_app13 = 0xED;
constexpr unsigned char k_app15 = 0xEF;
constexpr unsigned char k_com = 0xFE;

struct Segment {
  unsigned char marker = 0;
  std::size_t start = 0;   // offset of 0xFF
  std::size_t length = 0;  // whole segment, marker included
  std::string_view payload;
};

// A JPEG's segments before its image data.
struct JpegHeader {
  std::vector<Segment> segments;
  std::size_t image_data = 0;  // offset of the SOS (or EOI) marker
};

// The segments before the image data (SOS), or nullopt when the file is not
// a JPEG or is cut short.
std::optional<JpegHeader> header_segments(std::string_view bytes) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() < 4 || byte(0) != 0xFF || byte(1) != k_soi) {
    return std::nullopt;
  }
  JpegHeader header;
  std::size_t i = 2;
  while (i + 4 <= bytes.size()) {
    if (byte(i) != 0xFF) {
      return std::nullopt;
    }
    const unsigned char marker = byte(i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == k_sos || marker == k_eoi) {
      header.image_data = i;
      return header;
    }
    const std::size_t length = (static_cast<std::size_t>(byte(i + 2)) << 8) | byte(i + 3);
    if (length < 2 || i + 2 + length > bytes.size()) {
      return std::nullopt;
    }
    header.segments.push_back({marker, i, 2 + length, bytes.substr(i + 4, length - 2)});
    i += 2 + length;
  }
  return std::nullopt;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_exif(const Segment& s) {
  return s.marker == k_app1 && starts_with(s.payload, std::string_view("Exif\0\0", 6));
}
bool is_icc(const Segment& s) {
  return s.marker == k_app2 && starts_with(s.payload, "ICC_PROFILE");
}
bool is_jfif(const Segment& s) {
  return s.marker == k_app0 && starts_with(s.payload, "JFIF");
}

bool removable(const Segment& s) {
  if (s.marker == k_com) {
    return true;
  }
  if (s.marker >= k_app0 && s.marker <= k_app15) {
    return !is_jfif(s) && !is_icc(s);
  }
  return false;
}

// EXIF tags that name or identify a person or a device owner.
bool exif_personal(ExifData* data) {
  constexpr ExifTag k_tags[] = {EXIF_TAG_ARTIST, EXIF_TAG_XP_AUTHOR, static_cast<ExifTag>(0xa430) /* CameraOwnerName */,
                                static_cast<ExifTag>(0xa431) /* BodySerialNumber */};
  return std::any_of(std::begin(k_tags), std::end(k_tags),
                     [&](ExifTag tag) { return exif_data_get_entry(data, tag) != nullptr; });
}

// The 32-byte EXIF segment payload holding only the orientation.
std::string orientation_exif(int orientation) {
  std::string p("Exif\0\0", 6);
  p += std::string("MM\0\x2A\0\0\0\x08", 8);        // big-endian TIFF header, IFD0 at 8
  p += std::string("\0\x01", 2);                    // one entry
  p += std::string("\x01\x12\0\x03\0\0\0\x01", 8);  // Orientation, SHORT, 1 value
  p += static_cast<char>(0);
  p += static_cast<char>(orientation);
  p += std::string("\0\0", 2);
  p += std::string("\0\0\0\0", 4);  // no next IFD
  return p;
}

}  // namespace

std::optional<PhotoMetadata> inspect_photo_metadata(std::string_view bytes) {
  const auto header = header_segments(bytes);
  if (!header) {
    return std::nullopt;
  }
  PhotoMetadata meta;
  for (const auto& s : header->segments) {
    if (!removable(s)) {
      continue;
    }
    if (is_exif(s)) {
      std::unique_ptr<ExifData, ExifFree> data(exif_data_new_from_data(
          reinterpret_cast<const unsigned char*>(s.payload.data()), static_cast<unsigned>(s.payload.size())));
      if (data) {
        ExifContent* gps = data->ifd[EXIF_IFD_GPS];
        if (gps != nullptr && gps->count > 0) {
          meta.gps = true;
        }
        meta.personal = meta.personal || exif_personal(data.get());
        // A block holding only the orientation is what strip writes back.
        const bool only_orientation = s.payload.size() == orientation_exif(1).size();
        meta.removable = meta.removable || !only_orientation;
      }
      continue;
    }
    if (s.marker == k_app1 || s.marker == k_app13) {  // XMP, IPTC: authors, places, keywords
      const bool gps_in_xmp = s.payload.find("GPSLatitude") != std::string_view::npos;
      meta.gps = meta.gps || gps_in_xmp;
      meta.personal = true;
    }
    meta.removable = true;
  }
  return meta;
}

Result<std::string> strip_photo_metadata(std::string_view bytes) {
  const auto header = header_segments(bytes);
  if (!header) {
    return Status::error(_("not a JPEG photo, or it is damaged"));
  }
  const int orientation = exif_orientation(bytes);
  std::string out;
  out.reserve(bytes.size());
  out.append(bytes.substr(0, 2));  // SOI
  bool orientation_written = orientation == 1;
  for (const auto& s : header->segments) {
    if (removable(s)) {
      continue;
    }
    out.append(bytes.substr(s.start, s.length));
    if (!orientation_written && is_jfif(s)) {
      // EXIF normally follows JFIF; keep the orientation right there.
      const std::string p = orientation_exif(orientation);
      out += '\xFF';
      out += static_cast<char>(k_app1);
      out += static_cast<char>(((p.size() + 2) >> 8) & 0xFF);
      out += static_cast<char>((p.size() + 2) & 0xFF);
      out += p;
      orientation_written = true;
    }
  }
  if (!orientation_written) {
    const std::string p = orientation_exif(orientation);
    std::string segment;
    segment += '\xFF';
    segment += static_cast<char>(k_app1);
    segment += static_cast<char>(((p.size() + 2) >> 8) & 0xFF);
    segment += static_cast<char>((p.size() + 2) & 0xFF);
    segment += p;
    out.insert(2, segment);
  }
  out.append(bytes.substr(header->image_data));  // the compressed image, untouched
  return out;
}

void warn_photo_metadata(const std::string& content_dir, DiagnosticBag& diagnostics) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(content_dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) {
      continue;
    }
    std::string ext = it->path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".jpg" || ext == ".jpeg") {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const auto meta = inspect_photo_metadata(text.str());
    if (!meta || (!meta->gps && !meta->personal)) {
      continue;
    }
    const std::string what = meta->gps && meta->personal ? _("the GPS position and personal data")
                             : meta->gps                 ? _("the GPS position")
                                                         : _("personal data (author, camera owner)");
    diagnostics.warning({path, 0, 0}, tr("the photo holds {}: before committing it, remove them with 'vetrina "
                                         "strip-metadata {}' (the published copies never carry them)",
                                         what, path));
  }
}

}  // namespace vetrina
