#pragma once
// Loads a content directory (DESIGN.md "Content") into a Site: walks its
// folders and hands each file to its decoder (site_config_decoder.h,
// taxonomy_decoder.h, story_decoder.h, page_decoder.h, stats_loader.h,
// award_loader.h). Decoding problems (missing files, YAML syntax, unknown
// keys, wrong types, impossible dates) become located diagnostics; loading
// goes on so every problem of a run is reported. Semantic rules live in
// check/validator.h. Stories are parsed in parallel; the result does not
// depend on the number of jobs. Safe to call from several threads.

#include <optional>
#include <string>
#include <string_view>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Decoded stories kept between runs (story_cache.h), keyed by folder and the
// exact text of index.md. Only stories decoded without any diagnostic are
// stored. Implementations must be thread-safe.
class StoryDecodeCache {
 public:
  virtual ~StoryDecodeCache() = default;
  virtual std::optional<Story> find(const std::string& folder, std::string_view text) = 0;
  virtual void store(const std::string& folder, std::string_view text, const Story& story) = 0;
};

struct LoadOptions {
  bool include_drafts = false;  // drafts are skipped unless set (preview, --drafts)
  unsigned jobs = 1;
  bool config_only = false;           // only site.yaml and taxonomies.yaml (the search service)
  StoryDecodeCache* cache = nullptr;  // optional: skip decoding stories seen before
};

// What load_story found in one story folder. Its problems are located
// diagnostics in the bag; this says what they leave.
struct LoadedStory {
  // The story, even with decoding errors (its slug still takes part in
  // duplicate and link checks); nothing when there is no story to speak of.
  std::optional<Story> story;
  // The folder holds a story with errors (an unreadable or non-UTF-8
  // index.md, a decoding error): links to it are not "missing story"
  // errors. False for a folder without index.md.
  bool broken = false;
};

// One story folder: reads and decodes its index.md (UTF-8 checked).
// index.md must be a regular file of at most `max_bytes` inside `folder`
// (symlinks resolved), else a located error. `folder_real`, when not
// empty, is the folder's real path as fs.real_path gave it (not resolved again).
LoadedStory load_story(const util::FileSystem& fs, const std::string& folder, StoryDecodeCache* cache,
                       DiagnosticBag& diagnostics, std::uint64_t max_bytes = util::k_default_max_file_bytes,
                       const std::string& folder_real = {});

// The real path of the story folder `folder` (fs.real_path) when it lies
// inside the stories folder whose real path is `stories_real`; nullopt when
// it leads outside or does not resolve (a symbolic link out of the content:
// report_outside_story_folder).
std::optional<std::string> story_folder_inside(const util::FileSystem& fs, const std::string& folder,
                                               const std::optional<std::string>& stories_real);
// The located error for a story folder that story_folder_inside refused.
void report_outside_story_folder(const std::string& folder, const std::string& stories_dir, DiagnosticBag& diagnostics);

// Reads everything under `content_dir` through `fs`. Paths in diagnostics are
// `content_dir`-prefixed as given (e.g. "content/stories/x/index.md").
Site load_content(const util::FileSystem& fs, const std::string& content_dir, const LoadOptions& options,
                  DiagnosticBag& diagnostics);

}  // namespace vetrina
