#pragma once
// RenderInputs: the fingerprints of what pages are made from, for
// incremental builds and serve --watch. The build computes them
// (generator/build/incremental.h); the page table (page_table.h) combines
// them into one fingerprint per page. Plain data, safe to share read-only.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vetrina {

// `site` covers what every page may show (the program, the theme,
// site.yaml, taxonomies.yaml); stories[i] covers everything of
// site.stories[i] (story_codec.h's story_fingerprint). A page made from equal
// fingerprints is equal, so an OutputSink that holds it may keep it.
struct RenderInputs {
  std::uint64_t site = 0;
  std::vector<std::uint64_t> stories;
  // related_stories() of each story, when computed (a story page's
  // fingerprint covers its related stories'): they change only with the
  // stories' order or terms, and looking them up again for 10,000 story
  // pages on every edit of the live preview took 300 ms. Empty: each
  // fingerprint computes its own.
  std::vector<std::vector<std::size_t>> related;
};

}  // namespace vetrina
