#pragma once
// Loads a content directory (DESIGN.md "Content") into a Site: site.yaml,
// taxonomies.yaml, stories/<folder>/index.md and pages/<name>.md. Decoding
// problems (missing files, YAML syntax, unknown keys, wrong types, impossible
// dates) become located diagnostics; loading goes on so every problem of a run
// is reported. Semantic rules live in validator.h. Stories are parsed in
// parallel; the result does not depend on the number of jobs.

#include <string>

#include "generator/content/dates.h"
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

// One story folder: reads and decodes its index.md (UTF-8 checked). `failed`
// is set when the story has errors (it may still be returned, for its slug).
// index.md must be a regular file of at most `max_bytes` inside `folder`
// (symlinks resolved), else a located error.
std::optional<Story> load_story(const util::FileSystem& fs, const std::string& folder, StoryDecodeCache* cache,
                                DiagnosticBag& diagnostics, bool& failed,
                                std::uint64_t max_bytes = util::k_default_max_file_bytes);

// Reads everything under `content_dir` through `fs`. Paths in diagnostics are
// `content_dir`-prefixed as given (e.g. "content/stories/x/index.md").
Site load_content(const util::FileSystem& fs, const std::string& content_dir, const LoadOptions& options,
                  DiagnosticBag& diagnostics);

// Pieces, exposed for tests.
SiteConfig decode_site_config(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);
std::array<Taxonomy, k_taxonomy_count> decode_taxonomies(std::string_view text, const std::string& path,
                                                         DiagnosticBag& diagnostics);
// `folder` is the story's folder path; its last component gives the slug.
std::optional<Story> decode_story(std::string_view text, const std::string& folder, DiagnosticBag& diagnostics);
std::optional<Page> decode_page(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);

}  // namespace vetrina
