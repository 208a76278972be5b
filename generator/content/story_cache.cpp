#include "generator/content/story_cache.h"

#include <sys/stat.h>

#include <cerrno>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "generator/content/story_codec.h"
#include "generator/util/hash.h"
#include "generator/util/parallel.h"

namespace vetrina {

namespace {

constexpr std::string_view k_version = "vetrina story v6";

std::string file_header() {
  return std::string(k_version) + " " + util::hex64(util::executable_hash()) + " " + std::to_string(k_taxonomy_count) +
         "\n";
}

// The payload of an entry: a flag and the link environment of its rendered
// body (when it has one), then the story.
struct Payload {
  bool has_body = false;
  std::uint64_t environment = 0;
  std::string_view story;
};

std::string make_payload(bool has_body, std::uint64_t environment, const Story& story) {
  std::string payload(1, has_body ? '\1' : '\0');
  for (int i = 0; i < 8; ++i) {
    payload.push_back(static_cast<char>((environment >> (8 * i)) & 0xff));
  }
  return payload + serialize_story(story, false);
}

std::optional<Payload> parse_payload(std::string_view bytes) {
  if (bytes.size() < 9) {
    return std::nullopt;
  }
  Payload payload;
  payload.has_body = bytes[0] != '\0';
  for (int i = 0; i < 8; ++i) {
    payload.environment |=
        static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[1 + static_cast<std::size_t>(i)])) << (8 * i);
  }
  payload.story = bytes.substr(9);
  return payload;
}

}  // namespace

std::uint64_t link_environment(const Site& site) {
  util::Hasher hasher;
  for (const auto& taxonomy : site.taxonomies) {
    hasher.add(taxonomy.segment);
  }
  return hasher.value();
}

StoryCache::StoryCache(std::string dir, bool read_only) : m_dir(std::move(dir)), m_read_only(read_only) {
  struct stat info {};
  m_absent = ::stat(m_dir.c_str(), &info) != 0 && errno == ENOENT;
}

std::uint64_t StoryCache::key_of(const std::string& folder, std::string_view text) {
  return util::Hasher().add(folder).add(text).value();
}

std::string StoryCache::path_of(std::uint64_t key) const {
  const std::string name = util::hex64(key);
  return m_dir + "/" + name.substr(0, 2) + "/" + name;
}

std::optional<Story> StoryCache::find(const std::string& folder, std::string_view text) {
  const std::uint64_t key = key_of(folder, text);
  const auto bytes = m_absent.load(std::memory_order_relaxed) ? std::nullopt : util::read_whole_file(path_of(key));
  const std::string header = file_header();
  std::optional<Payload> payload;
  if (bytes && bytes->compare(0, header.size(), header) == 0) {
    payload = parse_payload(std::string_view(*bytes).substr(header.size()));
  }
  auto story = payload ? deserialize_story(payload->story) : std::nullopt;
  const std::lock_guard lock(m_mutex);
  if (!story || story->folder != folder) {
    ++m_misses;
    return std::nullopt;
  }
  if (!payload->has_body) {
    story->body_html.clear();
    story->body_text.clear();
    story->files.clear();
    story->linked_slugs.clear();
  }
  m_used.insert(key);
  m_known[story->source_path] = {key, payload->has_body, payload->environment};
  ++m_hits;
  return story;
}

void StoryCache::store(const std::string& folder, std::string_view text, const Story& story) {
  const std::uint64_t key = key_of(folder, text);
  std::string payload = story.draft ? make_payload(false, 0, story) : std::string();
  const std::lock_guard lock(m_mutex);
  m_used.insert(key);
  m_known[story.source_path] = {key, false, 0};
  if (story.draft) {
    m_drafts[key] = std::move(payload);
  } else {
    m_unwritten.insert(key);
  }
}

std::vector<std::size_t> StoryCache::restore_bodies(Site& site, const util::FileSystem& fs) const {
  const std::uint64_t environment = link_environment(site);
  std::vector<std::size_t> todo;
  const std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    Story& story = site.stories[i];
    const auto known = m_known.find(story.source_path);
    bool valid = known != m_known.end() && known->second.has_body && known->second.environment == environment;
    for (const auto& slug : story.linked_slugs) {
      valid = valid && site.find_story(slug) != nullptr;
    }
    for (const auto& file : story.files) {
      valid = valid &&
              fs.check_file(util::join_path(story.folder, file), {story.folder, site.config.file_limits.max_file_bytes})
                  .ok();
    }
    if (!valid) {
      todo.push_back(i);
    }
  }
  return todo;
}

void StoryCache::write_entry(std::uint64_t key, const std::string& payload) {
  if (m_read_only) {
    return;
  }
  util::write_file_atomically(path_of(key), file_header() + payload);
  m_written = true;
  m_absent = false;
}

void StoryCache::store_bodies(const Site& site, const std::vector<std::size_t>& rendered,
                              const std::unordered_set<std::string>& failed) {
  const std::uint64_t environment = link_environment(site);
  struct Entry {
    std::uint64_t key = 0;
    const Story* story = nullptr;
    bool has_body = false;
  };
  std::vector<Entry> entries;
  {
    const std::lock_guard lock(m_mutex);
    for (const std::size_t i : rendered) {
      const Story& story = site.stories[i];
      const auto known = m_known.find(story.source_path);
      // A body that links to a story missing from this run (one that failed
      // to load) kept that link unrewritten: it depends on what failed, so
      // it is not remembered (restore_bodies would take it back once the
      // linked story loads again).
      const bool links_complete =
          std::all_of(story.linked_slugs.begin(), story.linked_slugs.end(),
                      [&site](const std::string& slug) { return site.find_story(slug) != nullptr; });
      if (known != m_known.end() && failed.count(story.source_path) == 0 && links_complete) {
        entries.push_back({known->second.key, &story, true});
        known->second.has_body = true;
        known->second.environment = environment;
        m_unwritten.erase(known->second.key);
        m_drafts.erase(known->second.key);  // a draft in the site (--drafts, the preview): written with its body
      }
    }
    // Decoded this run but without a body worth keeping: the story alone.
    for (const Story& story : site.stories) {
      const auto known = m_known.find(story.source_path);
      if (known != m_known.end() && m_unwritten.erase(known->second.key) != 0) {
        entries.push_back({known->second.key, &story, false});
      }
    }
  }
  util::parallel_for(entries.size(), util::default_jobs(), [&](std::size_t i) {
    // Recognitions come from the award files and are attached again on
    // every load: the cache keeps the story as decoded.
    Story copy = *entries[i].story;
    copy.recognitions.clear();
    copy.terms[static_cast<std::size_t>(TaxonomyId::premio)].clear();
    write_entry(entries[i].key,
                entries[i].has_body ? make_payload(true, environment, copy) : make_payload(false, 0, copy));
  });
}

void StoryCache::save() {
  const std::lock_guard lock(m_mutex);
  if (m_read_only) {
    return;
  }
  for (const auto& [key, payload] : m_drafts) {
    write_entry(key, payload);
  }
  m_drafts.clear();
  // Stories decoded but never seen by store_bodies() (none in a build) are
  // decoded again next time.
  m_unwritten.clear();
  if (!m_written) {
    return;
  }
  // Entries of stories that changed or went away are not needed any more.
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::uint64_t key = 0;
    if (it->is_regular_file(ec) &&
        (!util::parse_hex64(it->path().filename().string(), key) || m_used.count(key) == 0)) {
      fs::remove(it->path(), ec);
    }
  }
  m_written = false;
}

}  // namespace vetrina
