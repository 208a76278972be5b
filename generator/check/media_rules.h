#pragma once
// The rules on the files a story's front matter names (cover, gallery,
// videos and their posters): alt text, consent for photos of minors, a file
// inside the story's folder that exists, is regular and within the size
// limits of site.yaml. Reads nothing: file checks go through `fs`
// (check_file). Pure otherwise; thread-safe.

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// One located error per broken rule of the story's photos and videos.
void check_story_media(const Site& site, const Story& story, const util::FileSystem& fs, DiagnosticBag& diagnostics);

}  // namespace vetrina
