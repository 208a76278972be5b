#include "generator/check/media_rules.h"

#include <string>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// A file of the story's folder that will be published: a regular file whose
// real path is inside the folder, within the size limit. Reports and returns
// false otherwise. `limit_key` names the site.yaml setting of the limit.
bool check_publishable(const Story& story, const std::string& what, const std::string& name, const Location& where,
                       std::uint64_t max_bytes, const char* limit_key, const util::FileSystem& fs,
                       DiagnosticBag& diagnostics) {
  const util::FileLimits limits{story.folder, max_bytes};
  const util::FileCheck check = fs.check_file(util::join_path(story.folder, name), limits);
  if (check.refusal == util::FileRefusal::missing) {
    diagnostics.error(where, tr("{} '{}' not found in {}", what, name, story.folder));
    return false;
  }
  if (!check.ok()) {
    diagnostics.error(
        where, tr("{} '{}' cannot be published: {}{}", what, name, util::describe(check, limits),
                  check.refusal == util::FileRefusal::too_large ? tr(" ({} in site.yaml)", std::string(limit_key))
                                                                : std::string()));
    return false;
  }
  return true;
}

void check_image(const Site& site, const Story& story, const ImageRef& image, const util::FileSystem& fs,
                 DiagnosticBag& diagnostics) {
  const std::string& src = image.src.value;
  if (image.alt.empty()) {
    diagnostics.error(image.location,
                      tr("image '{}' needs 'alt': a short description of the photo for people who cannot see it", src));
  }
  if (image.minors && !image.consent) {
    diagnostics.error(image.location, tr("image '{}' shows minors (minors: true) but has no consent: add 'consent: "
                                         "true' only once the families' liberatoria is on file",
                                         src));
  }
  if (src.starts_with("/") || src.find("..") != std::string::npos || src.find('\\') != std::string::npos ||
      src.find("://") != std::string::npos) {
    diagnostics.error(image.src.location,
                      tr("image '{}' must be a file inside the story's folder, e.g. 'foto.jpg'", src));
  } else {
    check_publishable(story, _("image"), src, image.src.location, site.config.image_limits.max_bytes,
                      "image_limits.max_bytes", fs, diagnostics);
  }
}

// A file named in front matter: inside the story's folder, existing.
bool check_local_file(const Story& story, const std::string& what, const std::string& name, const Location& where,
                      std::uint64_t max_bytes, const char* limit_key, const util::FileSystem& fs,
                      DiagnosticBag& diagnostics) {
  if (name.starts_with("/") || name.find("..") != std::string::npos || name.find('\\') != std::string::npos ||
      name.find("://") != std::string::npos) {
    diagnostics.error(where, tr("{} '{}' must be a file inside the story's folder", what, name));
    return false;
  }
  return check_publishable(story, what, name, where, max_bytes, limit_key, fs, diagnostics);
}

void check_video(const Site& site, const Story& story, const VideoRef& video, const util::FileSystem& fs,
                 DiagnosticBag& diagnostics) {
  if (video.minors && !video.consent) {
    diagnostics.error(video.location, tr("video '{}' shows minors (minors: true) but has no consent: add 'consent: "
                                         "true' only once the families' liberatoria is on file",
                                         video.title));
  }
  if (!video.src.empty()) {
    const std::string lower = util::to_lower_ascii(video.src);
    if (!lower.ends_with(".mp4") && !lower.ends_with(".webm")) {
      diagnostics.error(video.location, tr("video '{}' must be an .mp4 or .webm file", video.src));
    } else {
      check_local_file(story, _("video"), video.src, video.location, site.config.file_limits.max_file_bytes,
                       "file_limits.max_file_bytes", fs, diagnostics);
    }
  }
  if (!video.poster.empty()) {
    check_local_file(story, _("poster"), video.poster, video.location, site.config.image_limits.max_bytes,
                     "image_limits.max_bytes", fs, diagnostics);
  }
}

}  // namespace

void check_story_media(const Site& site, const Story& story, const util::FileSystem& fs, DiagnosticBag& diagnostics) {
  if (story.cover) {
    check_image(site, story, *story.cover, fs, diagnostics);
  }
  for (const auto& image : story.gallery) {
    check_image(site, story, image, fs, diagnostics);
  }
  for (const auto& video : story.videos) {
    check_video(site, story, video, fs, diagnostics);
  }
}

}  // namespace vetrina
