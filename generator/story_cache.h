#pragma once
// The parsed-story cache: decoding a story's YAML (yaml-cpp) and rendering its
// Markdown are most of what a rebuild with few changes would repeat, so each
// story decoded without any diagnostic is kept, keyed by a hash of its folder
// and the exact bytes of its index.md, together with its rendered body.
//
// On disk it is one pack file, .vetrina/cache/stories.pack (format below,
// versioned): loaded whole at the start of a build, written again (temp file +
// rename) only when an entry was added or went unused. A pack written by
// another vetrina binary is ignored (the binary's own hash is in the header):
// the decoder or the Markdown renderer may have changed.
//
// Format "vetrina stories v1": a text line "vetrina stories v1 <binary hash>
// <taxonomy count>\n", then entries: key (u64), payload length (u64), payload
// (the Story, fields in declaration order; strings as u64 length + bytes;
// locations whose file is the story's own index.md stored without the path).
// Integers are little-endian.
//
// A rendered body is reused only if every story it links to is still
// published, the files it links to still exist, and the taxonomy URL segments
// (which decide what a link under /esperienze/ means) are the same;
// otherwise the story's body is rendered again.
//
// Thread-safety: find() and store() may be called from several threads.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "generator/content_loader.h"
#include "generator/site.h"
#include "generator/util/file_system.h"

namespace vetrina {

// The Story as bytes. `derived` adds what later phases attach (recognitions,
// published media): used for fingerprints, not for the pack.
std::string serialize_story(const Story& story, bool derived);
// The reverse of serialize_story(story, false); nullopt on malformed bytes.
std::optional<Story> deserialize_story(std::string_view bytes);

// A hash of everything the story contributes to any output (fields, body,
// recognitions, published media): equal fingerprints give equal pages.
std::uint64_t story_fingerprint(const Story& story);

class StoryCache final : public StoryDecodeCache {
 public:
  // Reads the pack at `path` (missing, unreadable or another version: an
  // empty cache). A read-only cache (vetrina check) never writes.
  StoryCache(std::string path, bool read_only);
  StoryCache(const StoryCache&) = delete;
  StoryCache& operator=(const StoryCache&) = delete;

  std::optional<Story> find(const std::string& folder, std::string_view text) override;
  void store(const std::string& folder, std::string_view text, const Story& story) override;

  // After loading and validating `site`: gives each story whose cached body is
  // still valid its rendered body (body_html, body_text, files,
  // linked_slugs) and returns the indexes of the stories still to render.
  std::vector<std::size_t> restore_bodies(Site& site, const util::FileSystem& fs) const;
  // Remembers the rendered bodies of `rendered` stories, except those of
  // stories with a diagnostic (their paths in `failed`).
  void store_bodies(const Site& site, const std::vector<std::size_t>& rendered,
                    const std::unordered_set<std::string>& failed);

  // Writes the pack if it changed. Throws std::runtime_error on I/O failure.
  void save();

  std::size_t hits() const { return m_hits; }
  std::size_t misses() const { return m_misses; }

 private:
  struct Entry {
    std::string payload;  // serialized Story
    bool used = false;
  };
  static std::uint64_t key_of(const std::string& folder, std::string_view text);

  std::string m_path;
  bool m_read_only = false;
  mutable std::mutex m_mutex;
  std::unordered_map<std::uint64_t, Entry> m_entries;
  std::unordered_map<std::string, std::uint64_t> m_key_by_path;  // source_path -> key, this run
  bool m_dirty = false;
  std::size_t m_hits = 0;
  std::size_t m_misses = 0;
};

// The hash of what decides how body links are read: the taxonomy URL
// segments (links under /esperienze/<segment>/ are lists, not stories).
std::uint64_t link_environment(const Site& site);

}  // namespace vetrina
