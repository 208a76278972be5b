#include "generator/story_cache.h"

#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "generator/util/hash.h"

namespace vetrina {

namespace {

// Adding a field to Story (or to what it holds) changes what a story is made
// of: serialize it below and bump the version. These sizes catch most
// additions at compile time (libstdc++, 64-bit).
static_assert(sizeof(void*) != 8 || sizeof(Story) == 1736, "Story changed: update serialize_story and k_version");
static_assert(sizeof(void*) != 8 || sizeof(ImageRef) == 304, "ImageRef changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(VideoRef) == 328, "VideoRef changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Partner) == 136, "Partner changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Interview) == 136, "Interview changed: update serialize_story");
static_assert(sizeof(void*) != 8 || sizeof(Recognition) == 72, "Recognition changed: update serialize_story");

constexpr std::string_view k_version = "vetrina stories v1";

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

std::optional<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string pack_header() {
  return std::string(k_version) + " " + util::hex64(util::executable_hash()) + " " +
         std::to_string(k_taxonomy_count) + "\n";
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
    payload.environment |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[1 + static_cast<std::size_t>(i)]))
                           << (8 * i);
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

std::uint64_t story_fingerprint(const Story& story) { return util::hash64(serialize_story(story, true)); }

std::uint64_t link_environment(const Site& site) {
  util::Hasher hasher;
  for (const auto& taxonomy : site.taxonomies) {
    hasher.add(taxonomy.segment);
  }
  return hasher.value();
}

StoryCache::StoryCache(std::string path, bool read_only) : m_path(std::move(path)), m_read_only(read_only) {
  const auto bytes = slurp(m_path);
  const std::string header = pack_header();
  if (!bytes || bytes->compare(0, header.size(), header) != 0) {
    m_dirty = bytes.has_value();  // another version: replace it
    return;
  }
  std::size_t pos = header.size();
  const std::string_view all(*bytes);
  while (all.size() - pos >= 16) {
    Reader r(all.substr(pos, 16));
    const std::uint64_t key = r.u64();
    const std::uint64_t size = r.u64();
    pos += 16;
    if (size > all.size() - pos) {
      break;  // truncated: keep what was whole
    }
    m_entries[key].payload.assign(all.substr(pos, size));
    pos += size;
  }
}

std::uint64_t StoryCache::key_of(const std::string& folder, std::string_view text) {
  return util::Hasher().add(folder).add(text).value();
}

std::optional<Story> StoryCache::find(const std::string& folder, std::string_view text) {
  const std::uint64_t key = key_of(folder, text);
  std::string payload_bytes;
  {
    const std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end()) {
      ++m_misses;
      return std::nullopt;
    }
    it->second.used = true;
    payload_bytes = it->second.payload;
  }
  const auto payload = parse_payload(payload_bytes);
  auto story = payload ? deserialize_story(payload->story) : std::nullopt;
  const std::lock_guard lock(m_mutex);
  if (!story || story->folder != folder) {
    m_entries.erase(key);
    m_dirty = true;
    ++m_misses;
    return std::nullopt;
  }
  if (!payload->has_body) {
    story->body_html.clear();
    story->body_text.clear();
    story->files.clear();
    story->linked_slugs.clear();
  }
  m_key_by_path[story->source_path] = key;
  ++m_hits;
  return story;
}

void StoryCache::store(const std::string& folder, std::string_view text, const Story& story) {
  const std::uint64_t key = key_of(folder, text);
  std::string payload = make_payload(false, 0, story);
  const std::lock_guard lock(m_mutex);
  Entry& entry = m_entries[key];
  entry.payload = std::move(payload);
  entry.used = true;
  m_key_by_path[story.source_path] = key;
  m_dirty = true;
}

std::vector<std::size_t> StoryCache::restore_bodies(Site& site, const util::FileSystem& fs) const {
  const std::uint64_t environment = link_environment(site);
  std::vector<std::size_t> todo;
  const std::lock_guard lock(m_mutex);
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    Story& story = site.stories[i];
    bool valid = false;
    if (const auto key = m_key_by_path.find(story.source_path); key != m_key_by_path.end()) {
      if (const auto entry = m_entries.find(key->second); entry != m_entries.end()) {
        const auto payload = parse_payload(entry->second.payload);
        valid = payload && payload->has_body && payload->environment == environment;
      }
    }
    for (const auto& slug : story.linked_slugs) {
      valid = valid && site.find_story(slug) != nullptr;
    }
    for (const auto& file : story.files) {
      valid = valid && fs.is_file(util::join_path(story.folder, file));
    }
    if (!valid) {
      todo.push_back(i);
    }
  }
  return todo;
}

void StoryCache::store_bodies(const Site& site, const std::vector<std::size_t>& rendered,
                              const std::unordered_set<std::string>& failed) {
  const std::uint64_t environment = link_environment(site);
  const std::lock_guard lock(m_mutex);
  for (const std::size_t i : rendered) {
    const Story& story = site.stories[i];
    const auto key = m_key_by_path.find(story.source_path);
    if (key == m_key_by_path.end() || failed.count(story.source_path) != 0) {
      continue;
    }
    const auto entry = m_entries.find(key->second);
    if (entry == m_entries.end()) {
      continue;
    }
    // Recognitions come from the award files and are attached again on
    // every load: the pack keeps the story as decoded.
    Story copy = story;
    copy.recognitions.clear();
    copy.terms[static_cast<std::size_t>(TaxonomyId::premio)].clear();
    entry->second.payload = make_payload(true, environment, copy);
    m_dirty = true;
  }
}

void StoryCache::save() {
  const std::lock_guard lock(m_mutex);
  bool unused = false;
  for (const auto& [key, entry] : m_entries) {
    unused = unused || !entry.used;
  }
  if (m_read_only || (!m_dirty && !unused)) {
    return;
  }
  std::erase_if(m_entries, [](const auto& item) { return !item.second.used; });
  std::string bytes = pack_header();
  for (const auto& [key, entry] : m_entries) {
    Writer w(m_path);
    w.u64(key);
    w.u64(entry.payload.size());
    bytes += w.take();
    bytes += entry.payload;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(m_path).parent_path(), ec);
  static std::atomic<unsigned> counter{0};
  const std::string temp = m_path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write the story cache " + temp);
    }
  }
  fs::rename(temp, m_path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot write the story cache " + m_path + ": " + ec.message());
  }
  m_dirty = false;
}

}  // namespace vetrina
