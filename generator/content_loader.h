#pragma once
// Loads a content directory (DESIGN.md "Content") into a Site: site.yaml,
// taxonomies.yaml, stories/<folder>/index.md and pages/<name>.md. Decoding
// problems (missing files, YAML syntax, unknown keys, wrong types, impossible
// dates) become located diagnostics; loading goes on so every problem of a run
// is reported. Semantic rules live in validator.h. Stories are parsed in
// parallel; the result does not depend on the number of jobs.

#include <string>

#include "generator/diagnostics.h"
#include "generator/site.h"
#include "generator/util/file_system.h"

namespace vetrina {

struct LoadOptions {
  bool include_drafts = false;  // drafts are skipped unless set (preview, --drafts)
  unsigned jobs = 1;
  bool config_only = false;  // only site.yaml and taxonomies.yaml (the search service)
};

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
// "2016-05-10" -> Date when it is a real calendar date.
std::optional<Date> parse_date(std::string_view text);

}  // namespace vetrina
