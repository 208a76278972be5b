#pragma once
// The stages of the pipeline (docs/architecture.md "Data flow"), one function
// each, shared by `vetrina build` (builder.h: every story, a staged tree) and
// `vetrina serve --watch` (live_site.h: the stories an edit touched, the
// preview folder in place):
//
//   load ─► check ─► markdown ─► media ─► render into an OutputSink ─► index (IndexPublisher)
//
// - load: content_loader, with the parsed-story cache;
// - check: validator (validate_site; the preview splits it into
//   validate_story for the stories read again and validate_site_wide);
// - markdown: bodies, restored from the story cache where it can (a build,
//   a full reload) or only those of the stories given (an edit);
// - media: photos of every story, or of the stories given;
// - render: every page whose fingerprint the sink does not hold, then the
//   files of /media/ and, with content/admin.yaml, of /admin/ (admin_writer.h)
//   (OutputWriter stages a tree and swaps it; InPlaceWriter
//   writes the preview folder file by file);
// - index: index_publisher.h (keep, update or rebuild; staged or in place).
//
// Content errors go to the DiagnosticBag given; I/O failures throw
// std::runtime_error.

#include <cstddef>
#include <vector>

#include "generator/build/build_options.h"
#include "generator/media/media.h"
#include "generator/model/site.h"
#include "generator/output/output_writer.h"
#include "generator/render/renderer.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"
#include "generator/util/status.h"

namespace vetrina {

class StoryCache;

// options.jobs, or one per hardware thread when it is 0.
unsigned effective_jobs(const BuildOptions& options);

// Load: site.yaml, taxonomies, stories (decoded or taken from `stories`),
// awards, events, pages, statistics.
Site load_stage(const util::FileSystem& fs, const BuildOptions& options, StoryCache* stories,
                DiagnosticBag& diagnostics);

// Markdown of every story and page; with `stories`, the bodies it holds are
// restored instead, and those rendered now are stored unless `diagnostics`
// (everything reported so far) names their file.
void markdown_stage(Site& site, const util::FileSystem& fs, const BuildOptions& options, StoryCache* stories,
                    DiagnosticBag& diagnostics);
// Markdown of the stories at `changed` (indexes) and of every page.
void markdown_stage(Site& site, const util::FileSystem& fs, const BuildOptions& options,
                    const std::vector<std::size_t>& changed, DiagnosticBag& diagnostics);

// Media: the photos of every story (`changed` == nullptr) or of those at
// `changed`, through the photo cache in options.cache_dir.
MediaSummary media_stage(Site& site, const util::FileSystem& fs, const BuildOptions& options,
                         const std::vector<std::size_t>* changed, DiagnosticBag& diagnostics, BuildStatus& status);

// Render: every output of the site into `out`, pages whose fingerprint
// (`inputs`) `out` already holds skipped, then the files of /media/.
RenderStats render_stage(const SiteRenderer& renderer, const Site& site, const util::FileSystem& fs,
                         const BuildOptions& options, const RenderInputs& inputs, OutputSink& out, BuildStatus& status);

}  // namespace vetrina
