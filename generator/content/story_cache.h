#pragma once
// The parsed-story cache: decoding a story's YAML (yaml-cpp) and rendering its
// Markdown are most of what a rebuild with few changes would repeat, so each
// story decoded without any diagnostic is kept, keyed by a hash of its folder
// and the exact bytes of its index.md, together with its rendered body.
//
// On disk: one file per story, .vetrina/cache/stories/<2 hex>/<16 hex> (the
// key), written atomically (temp file + rename) from the site's story once
// a story decoded anew has its body rendered (store_bodies), read when the
// same bytes are met again; files of stories that changed or went away are
// deleted at save(). Nothing is kept in memory but this run's keys (and a
// draft's bytes), so the cache costs no memory at 100,000 stories.
// Format "vetrina story v5": a text line "vetrina story v5 <binary hash>
// <taxonomy count>\n", a byte (1 = the rendered body is included), the link
// environment (u64, little-endian) of that body, then the Story as
// story_codec.h writes it. A file written by another vetrina binary is a
// miss (the binary's own hash is in the header): the decoder or the Markdown
// renderer may have changed.
//
// A rendered body is reused only if every story it links to is still
// published, the files it links to still exist, and the taxonomy URL segments
// (which decide what a link under /esperienze/ means) are the same;
// otherwise the story's body is rendered again.
//
// Thread-safety: find() and store() may be called from several threads.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "generator/content/content_loader.h"
#include "generator/model/site.h"
#include "generator/util/file_system.h"

namespace vetrina {

class StoryCache final : public StoryDecodeCache {
 public:
  // The cache in folder `dir` (created when first written). A read-only
  // cache (vetrina check) never writes.
  StoryCache(std::string dir, bool read_only);
  StoryCache(const StoryCache&) = delete;
  StoryCache& operator=(const StoryCache&) = delete;

  std::optional<Story> find(const std::string& folder, std::string_view text) override;
  void store(const std::string& folder, std::string_view text, const Story& story) override;

  // After loading and validating `site`: gives each story whose cached body is
  // still valid its rendered body (body_html, body_text, files,
  // linked_slugs) and returns the indexes of the stories still to render.
  std::vector<std::size_t> restore_bodies(Site& site, const util::FileSystem& fs) const;
  // Remembers the rendered bodies of `rendered` stories, except those of
  // stories with a diagnostic (their paths in `failed`), and the stories
  // decoded this run that are remembered without a body. Throws
  // std::runtime_error on I/O failure.
  void store_bodies(const Site& site, const std::vector<std::size_t>& rendered,
                    const std::unordered_set<std::string>& failed);

  // Writes what is still pending and deletes the entries this run did not
  // use. Throws std::runtime_error on I/O failure.
  void save();

  std::size_t hits() const { return m_hits; }
  std::size_t misses() const { return m_misses; }

 private:
  struct Known {
    std::uint64_t key = 0;
    bool has_body = false;
    std::uint64_t environment = 0;
  };
  static std::uint64_t key_of(const std::string& folder, std::string_view text);
  std::string path_of(std::uint64_t key) const;
  void write_entry(std::uint64_t key, const std::string& payload);

  std::string m_dir;
  bool m_read_only = false;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, Known> m_known;  // source_path -> its entry, this run
  // Decoded, not written yet. Only a draft's bytes are kept (a build without
  // --drafts leaves drafts out of the site that store_bodies() sees): a
  // story's bytes are made from the site when it is written, so the cache
  // holds no copy of 100,000 stories.
  std::unordered_set<std::uint64_t> m_unwritten;
  std::unordered_map<std::uint64_t, std::string> m_drafts;
  std::unordered_set<std::uint64_t> m_used;
  std::atomic<bool> m_written{false};
  // No folder at `dir` when made (a first build, a cache just emptied) and
  // nothing written since: every find() is a miss without opening a file.
  std::atomic<bool> m_absent{false};
  std::size_t m_hits = 0;
  std::size_t m_misses = 0;
};

// The hash of what decides how body links are read: the taxonomy URL
// segments (links under /esperienze/<segment>/ are lists, not stories).
std::uint64_t link_environment(const Site& site);

}  // namespace vetrina
