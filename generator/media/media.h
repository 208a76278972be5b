#pragma once
// The media phase of a build: every photo of every story (cover, gallery,
// video posters) goes through the ImagePipeline, in parallel, filling
// ImageRef::published; then write_media() copies the derivatives from the
// build cache, and local video files, into the output under /media/.
// Photos with errors are reported (located) and left unpublished; the build
// stops before writing anything, as for any content error.

#include <cstddef>
#include <vector>

#include "generator/media/build_cache.h"
#include "generator/model/site.h"
#include "generator/output/output_writer.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"
#include "generator/util/status.h"

namespace vetrina {

struct MediaSummary {
  std::size_t photos = 0;      // photos processed
  std::size_t decoded = 0;     // decoded this run (not found in the cache)
  std::size_t from_cache = 0;  // served from the cache without decoding
};

MediaSummary process_media(Site& site, const util::FileSystem& fs, BuildCache& cache, unsigned jobs,
                           DiagnosticBag& diagnostics, BuildStatus& status);
// The same for the stories at `stories` (indexes) only (serve --watch).
MediaSummary process_media(Site& site, const std::vector<std::size_t>& stories, const util::FileSystem& fs,
                           BuildCache& cache, unsigned jobs, DiagnosticBag& diagnostics, BuildStatus& status);

// Writes every published derivative and local video. Their names are
// content-addressed, so a file the sink already holds under its name is kept
// without reading it (OutputSink::reuse). Throws on I/O failure.
void write_media(const Site& site, const BuildCache& cache, const util::FileSystem& fs, OutputSink& out);

}  // namespace vetrina
