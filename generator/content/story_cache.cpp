#include "generator/content/story_cache.h"

#include <algorithm>

#include <cstring>
#include <filesystem>
#include <iterator>
#include <stdexcept>

#include "generator/util/hash.h"
#include "generator/util/parallel.h"

namespace vetrina {

namespace {

// Adding a field to Story (or to what it holds) changes what a story is made
// of: serialize it below and bump the version. These sizes catch most
// additions at compile time (libstdc++, 64-bit).
static_assert(sizeof(void*) != 8 || sizeof(Story) == 1848, "Story changed: update serialize_story and k_version");
static_assert(sizeof(void*) != 8 || sizeof(ImageRef) == 304, "ImageRef changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(VideoRef) == 328, "VideoRef changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Partner) == 136, "Partner changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Interview) == 136, "Interview changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Source) == 136, "Source changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Recognition) == 72, "Recognition changed: update serialize_story");

constexpr std::string_view k_version = "vetrina story v2";

class Writer {
 public:
  explicit Writer(const std::string& own_path) : m_own_path(own_path) {}

  void u64(std::uint64_t value) {
    char bytes[8];
    for (int i = 0; i < 8; ++i) {
      bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
    }
    m_out.append(bytes, 8);
  }
  void i64(long long value) { u64(static_cast<std::uint64_t>(value)); }
  void boolean(bool value) { m_out.push_back(value ? '\1' : '\0'); }
  void str(std::string_view text) {
    u64(text.size());
    m_out.append(text);
  }
  void location(const Location& where) {
    const bool own = where.path == m_own_path;
    boolean(own);
    if (!own) {
      str(where.path);
    }
    i64(where.line);
    i64(where.column);
  }
  void text(const Located<std::string>& value) {
    str(value.value);
    location(value.location);
  }
  void number(const Located<long long>& value) {
    i64(value.value);
    location(value.location);
  }
  void date(const Date& value) {
    i64(value.year);
    i64(value.month);
    i64(value.day);
  }
  void strings(const std::vector<std::string>& values) {
    u64(values.size());
    for (const auto& value : values) {
      str(value);
    }
  }
  void texts(const std::vector<Located<std::string>>& values) {
    u64(values.size());
    for (const auto& value : values) {
      text(value);
    }
  }
  void optional_number(const std::optional<Located<long long>>& value) {
    boolean(value.has_value());
    if (value) {
      number(*value);
    }
  }
  void variant(const ImageVariant& variant) {
    i64(variant.width);
    i64(variant.height);
    str(variant.url);
    str(variant.cache_name);
  }
  void published(const std::optional<PublishedImage>& image) {
    boolean(image.has_value());
    if (image) {
      i64(image->width);
      i64(image->height);
      u64(image->sizes.size());
      for (const auto& size : image->sizes) {
        variant(size);
      }
      boolean(image->og.has_value());
      if (image->og) {
        variant(*image->og);
      }
    }
  }
  void image(const ImageRef& image, bool derived) {
    text(image.src);
    str(image.alt);
    str(image.credit);
    boolean(image.minors);
    boolean(image.consent);
    location(image.location);
    if (derived) {
      published(image.published);
    }
  }

  std::string take() { return std::move(m_out); }

 private:
  const std::string& m_own_path;
  std::string m_out;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

  bool ok() const { return m_ok; }
  bool at_end() const { return m_pos == m_bytes.size(); }
  void set_own_path(const std::string& path) { m_own_path = path; }

  std::uint64_t u64() {
    if (m_bytes.size() - m_pos < 8) {
      m_ok = false;
      m_pos = m_bytes.size();
      return 0;
    }
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
      value |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_bytes[m_pos + static_cast<std::size_t>(i)]))
               << (8 * i);
    }
    m_pos += 8;
    return value;
  }
  long long i64() { return static_cast<long long>(u64()); }
  int i32() { return static_cast<int>(i64()); }
  bool boolean() {
    if (m_pos >= m_bytes.size()) {
      m_ok = false;
      return false;
    }
    return m_bytes[m_pos++] != '\0';
  }
  std::string str() {
    const std::uint64_t size = u64();
    if (size > m_bytes.size() - m_pos) {
      m_ok = false;
      m_pos = m_bytes.size();
      return {};
    }
    std::string value(m_bytes.substr(m_pos, size));
    m_pos += size;
    return value;
  }
  // A count of items that each take at least one byte: bounded by what is left.
  std::size_t count() {
    const std::uint64_t size = u64();
    if (size > m_bytes.size() - m_pos) {
      m_ok = false;
      m_pos = m_bytes.size();
      return 0;
    }
    return static_cast<std::size_t>(size);
  }
  Location location() {
    Location where;
    if (boolean()) {
      where.path = m_own_path;
    } else {
      where.path = str();
    }
    where.line = i32();
    where.column = i32();
    return where;
  }
  Located<std::string> text() {
    Located<std::string> value;
    value.value = str();
    value.location = location();
    return value;
  }
  Located<long long> number() {
    Located<long long> value;
    value.value = i64();
    value.location = location();
    return value;
  }
  Date date() {
    Date value;
    value.year = i32();
    value.month = i32();
    value.day = i32();
    return value;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> values(count());
    for (auto& value : values) {
      value = str();
    }
    return values;
  }
  std::vector<Located<std::string>> texts() {
    std::vector<Located<std::string>> values(count());
    for (auto& value : values) {
      value = text();
    }
    return values;
  }
  std::optional<Located<long long>> optional_number() {
    if (!boolean()) {
      return std::nullopt;
    }
    return number();
  }
  ImageRef image() {
    ImageRef image;
    image.src = text();
    image.alt = str();
    image.credit = str();
    image.minors = boolean();
    image.consent = boolean();
    image.location = location();
    return image;
  }

 private:
  std::string_view m_bytes;
  std::size_t m_pos = 0;
  bool m_ok = true;
  std::string m_own_path;
};

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

std::string serialize_story(const Story& story, bool derived) {
  Writer w(story.source_path);
  w.str(story.slug);
  w.str(story.source_path);
  w.str(story.folder);
  w.location(story.slug_location);
  w.text(story.title);
  w.text(story.summary);
  w.date(story.date.value);
  w.location(story.date.location);
  w.text(story.school_year);
  w.text(story.project_type);
  w.str(story.school_name);
  w.str(story.city);
  w.text(story.region);
  w.strings(story.teachers);
  w.u64(story.partners.size());
  for (const auto& partner : story.partners) {
    w.str(partner.school);
    w.str(partner.city);
    w.text(partner.country);
  }
  w.location(story.partners_location);
  w.optional_number(story.national_label);
  w.optional_number(story.european_label);
  w.location(story.quality_labels_location);
  w.text(story.twinspace);
  w.boolean(story.cover.has_value());
  if (story.cover) {
    w.image(*story.cover, derived);
  }
  w.u64(story.gallery.size());
  for (const auto& image : story.gallery) {
    w.image(image, derived);
  }
  w.u64(story.videos.size());
  for (const auto& video : story.videos) {
    w.str(video.youtube);
    w.str(video.src);
    w.str(video.poster);
    w.str(video.title);
    w.boolean(video.minors);
    w.boolean(video.consent);
    w.location(video.location);
    if (derived) {
      w.published(video.poster_image);
      w.str(video.published_url);
    }
  }
  w.u64(story.interviews.size());
  for (const auto& interview : story.interviews) {
    w.str(interview.role);
    w.str(interview.name);
    w.str(interview.quote);
    w.location(interview.location);
  }
  w.boolean(story.draft);
  w.boolean(story.example.value);
  w.location(story.example.location);
  w.u64(story.sources.size());
  for (const auto& source : story.sources) {
    w.str(source.title);
    w.str(source.where);
    w.str(source.url);
    w.location(source.location);
  }
  w.location(story.sources_location);
  if (derived) {
    w.u64(story.recognitions.size());
    for (const auto& recognition : story.recognitions) {
      w.i64(recognition.year);
      w.i64(static_cast<long long>(recognition.kind));
      w.str(recognition.category);
      w.str(recognition.name);
    }
  }
  for (const auto& terms : story.terms) {
    w.texts(terms);
  }
  w.str(story.body);
  w.i64(story.body_line);
  w.str(story.body_html);
  w.str(story.body_text);
  w.strings(story.files);
  w.strings(story.linked_slugs);
  return w.take();
}

std::optional<Story> deserialize_story(std::string_view bytes) {
  Reader r(bytes);
  Story story;
  story.slug = r.str();
  story.source_path = r.str();
  r.set_own_path(story.source_path);
  story.folder = r.str();
  story.slug_location = r.location();
  story.title = r.text();
  story.summary = r.text();
  story.date.value = r.date();
  story.date.location = r.location();
  story.school_year = r.text();
  story.project_type = r.text();
  story.school_name = r.str();
  story.city = r.str();
  story.region = r.text();
  story.teachers = r.strings();
  story.partners.resize(r.count());
  for (auto& partner : story.partners) {
    partner.school = r.str();
    partner.city = r.str();
    partner.country = r.text();
  }
  story.partners_location = r.location();
  story.national_label = r.optional_number();
  story.european_label = r.optional_number();
  story.quality_labels_location = r.location();
  story.twinspace = r.text();
  if (r.boolean()) {
    story.cover = r.image();
  }
  story.gallery.resize(r.count());
  for (auto& image : story.gallery) {
    image = r.image();
  }
  story.videos.resize(r.count());
  for (auto& video : story.videos) {
    video.youtube = r.str();
    video.src = r.str();
    video.poster = r.str();
    video.title = r.str();
    video.minors = r.boolean();
    video.consent = r.boolean();
    video.location = r.location();
  }
  story.interviews.resize(r.count());
  for (auto& interview : story.interviews) {
    interview.role = r.str();
    interview.name = r.str();
    interview.quote = r.str();
    interview.location = r.location();
  }
  story.draft = r.boolean();
  story.example.value = r.boolean();
  story.example.location = r.location();
  story.sources.resize(r.count());
  for (auto& source : story.sources) {
    source.title = r.str();
    source.where = r.str();
    source.url = r.str();
    source.location = r.location();
  }
  story.sources_location = r.location();
  for (auto& terms : story.terms) {
    terms = r.texts();
  }
  story.body = r.str();
  story.body_line = r.i32();
  story.body_html = r.str();
  story.body_text = r.str();
  story.files = r.strings();
  story.linked_slugs = r.strings();
  if (!r.ok() || !r.at_end()) {
    return std::nullopt;
  }
  return story;
}

std::uint64_t story_fingerprint(const Story& story) {
  return util::hash64(serialize_story(story, true));
}

std::uint64_t link_environment(const Site& site) {
  util::Hasher hasher;
  for (const auto& taxonomy : site.taxonomies) {
    hasher.add(taxonomy.segment);
  }
  return hasher.value();
}

StoryCache::StoryCache(std::string dir, bool read_only) : m_dir(std::move(dir)), m_read_only(read_only) {}

std::uint64_t StoryCache::key_of(const std::string& folder, std::string_view text) {
  return util::Hasher().add(folder).add(text).value();
}

std::string StoryCache::path_of(std::uint64_t key) const {
  const std::string name = util::hex64(key);
  return m_dir + "/" + name.substr(0, 2) + "/" + name;
}

std::optional<Story> StoryCache::find(const std::string& folder, std::string_view text) {
  const std::uint64_t key = key_of(folder, text);
  const auto bytes = util::read_whole_file(path_of(key));
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
  std::string payload = make_payload(false, 0, story);
  const std::lock_guard lock(m_mutex);
  m_used.insert(key);
  m_known[story.source_path] = {key, false, 0};
  m_pending[key] = std::move(payload);
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
}

void StoryCache::store_bodies(const Site& site, const std::vector<std::size_t>& rendered,
                              const std::unordered_set<std::string>& failed) {
  const std::uint64_t environment = link_environment(site);
  std::vector<std::pair<std::uint64_t, const Story*>> entries;
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
        entries.emplace_back(known->second.key, &story);
        known->second.has_body = true;
        known->second.environment = environment;
        m_pending.erase(known->second.key);
      }
    }
  }
  util::parallel_for(entries.size(), util::default_jobs(), [&](std::size_t i) {
    // Recognitions come from the award files and are attached again on
    // every load: the cache keeps the story as decoded.
    Story copy = *entries[i].second;
    copy.recognitions.clear();
    copy.terms[static_cast<std::size_t>(TaxonomyId::premio)].clear();
    write_entry(entries[i].first, make_payload(true, environment, copy));
  });
}

void StoryCache::save() {
  const std::lock_guard lock(m_mutex);
  if (m_read_only) {
    return;
  }
  for (const auto& [key, payload] : m_pending) {
    write_entry(key, payload);
  }
  m_pending.clear();
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
