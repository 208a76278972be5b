#include "generator/content/story_codec.h"

#include <array>
#include <concepts>
#include <type_traits>
#include <vector>

#include "generator/util/hash.h"
#include "generator/util/packed_text.h"

namespace vetrina {

namespace {

// Adding a field to Story (or to what it holds) changes what a story is made
// of: add it to its visit_fields below (and to the round-trip test's
// every_field_story) and bump the cache version. These sizes catch most
// additions at compile time (libstdc++, 64-bit).
static_assert(sizeof(void*) != 8 || sizeof(Story) == 1952, "Story changed: update visit_fields and k_version");
static_assert(sizeof(void*) != 8 || sizeof(ImageRef) == 304, "ImageRef changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(VideoRef) == 328, "VideoRef changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(Partner) == 136, "Partner changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(Interview) == 224, "Interview changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(Source) == 136, "Source changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(Recognition) == 72, "Recognition changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(PublishedImage) == 112, "PublishedImage changed: update visit_fields");
static_assert(sizeof(void*) != 8 || sizeof(ImageVariant) == 72, "ImageVariant changed: update visit_fields");

// `T` is `Of` or `const Of`: one field list serves the writer (const) and
// the reader.
template <typename T, typename Of>
concept either = std::same_as<std::remove_const_t<T>, Of>;

// The one list of fields, in the order of the bytes. `v(field)` writes or
// reads a field; `v.derived()` says whether what later phases attach is
// included (only the writer of fingerprints says yes).
template <either<ImageVariant> T, typename V>
void visit_fields(T& variant, V& v) {
  v(variant.width);
  v(variant.height);
  v(variant.url);
  v(variant.cache_name);
}

template <either<PublishedImage> T, typename V>
void visit_fields(T& image, V& v) {
  v(image.width);
  v(image.height);
  v(image.sizes);
  v(image.og);
}

template <either<ImageRef> T, typename V>
void visit_fields(T& image, V& v) {
  v(image.src);
  v(image.alt);
  v(image.credit);
  v(image.minors);
  v(image.consent);
  v(image.location);
  if (v.derived()) {
    v(image.published);
  }
}

template <either<VideoRef> T, typename V>
void visit_fields(T& video, V& v) {
  v(video.youtube);
  v(video.src);
  v(video.poster);
  v(video.title);
  v(video.minors);
  v(video.consent);
  v(video.location);
  if (v.derived()) {
    v(video.poster_image);
    v(video.published_url);
  }
}

template <either<Partner> T, typename V>
void visit_fields(T& partner, V& v) {
  v(partner.school);
  v(partner.city);
  v(partner.country);
}

template <either<Interview> T, typename V>
void visit_fields(T& interview, V& v) {
  v(interview.role);
  v(interview.name);
  v(interview.quote);
  v(interview.location);
  v(interview.section);
  v(interview.body_offset);
}

template <either<Source> T, typename V>
void visit_fields(T& source, V& v) {
  v(source.title);
  v(source.where);
  v(source.url);
  v(source.location);
}

template <either<Recognition> T, typename V>
void visit_fields(T& recognition, V& v) {
  v(recognition.year);
  v(recognition.kind);
  v(recognition.category);
  v(recognition.name);
}

template <either<Date> T, typename V>
void visit_fields(T& date, V& v) {
  v(date.year);
  v(date.month);
  v(date.day);
}

template <either<Story> T, typename V>
void visit_fields(T& story, V& v) {
  v(story.slug);
  v(story.source_path);
  v.own_path(story.source_path);  // locations inside index.md are stored without their path from here on
  v(story.folder);
  v(story.slug_location);
  v(story.title);
  v(story.summary);
  v(story.date);
  v(story.school_year);
  v(story.project_type);
  v(story.school_name);
  v(story.city);
  v(story.region);
  v(story.school_location);
  v(story.teachers);
  v(story.teachers_location);
  v(story.partners);
  v(story.partners_location);
  v(story.national_label);
  v(story.european_label);
  v(story.quality_labels_location);
  v(story.twinspace);
  v(story.cover);
  v(story.gallery);
  v(story.videos);
  v(story.interviews);
  v(story.draft);
  v(story.example);
  v(story.sources);
  v(story.sources_location);
  if (v.derived()) {
    v(story.recognitions);
  }
  v(story.terms);
  // Outputs use the rendered body below, never its Markdown: a fingerprint
  // leaves the Markdown out, so that `vetrina build` can drop it once the
  // body is rendered (memory at 100,000 stories) and still fingerprint alike.
  if (!v.derived()) {
    v(story.body);
  }
  v(story.body_line);
  v(story.body_html);
  v(story.body_text);
  v(story.files);
  v(story.linked_slugs);
}

class Writer {
 public:
  explicit Writer(bool derived) : m_derived(derived) {}

  bool derived() const { return m_derived; }
  void own_path(const std::string& path) { m_own_path = path; }
  std::string take() { return std::move(m_out); }

  void operator()(const std::string& text) {
    u64(text.size());
    m_out.append(text);
  }
  void operator()(bool value) { m_out.push_back(value ? '\1' : '\0'); }
  void operator()(const util::PackedText& text) {  // its packed bytes (deterministic), then its size
    (*this)(text.packed());
    u64(text.size());
  }
  template <typename T>
  requires std::integral<T> || std::is_enum_v<T>
  void operator()(T value) { u64(static_cast<std::uint64_t>(static_cast<long long>(value))); }
  void operator()(const Location& where) {
    const bool own = where.path == m_own_path;
    (*this)(own);
    if (!own) {
      (*this)(where.path);
    }
    (*this)(where.line);
    (*this)(where.column);
  }
  template <typename T>
  void operator()(const Located<T>& located) {
    (*this)(located.value);
    (*this)(located.location);
  }
  template <typename T>
  void operator()(const std::optional<T>& value) {
    (*this)(value.has_value());
    if (value) {
      (*this)(*value);
    }
  }
  template <typename T>
  void operator()(const std::vector<T>& values) {
    u64(values.size());
    for (const auto& value : values) {
      (*this)(value);
    }
  }
  template <typename T, std::size_t N>
  void operator()(const std::array<T, N>& values) {
    for (const auto& value : values) {
      (*this)(value);
    }
  }
  template <typename T>
  requires std::is_class_v<T>
  void operator()(const T& record) { visit_fields(record, *this); }

 private:
  void u64(std::uint64_t value) {
    char bytes[8];
    for (int i = 0; i < 8; ++i) {
      bytes[i] = static_cast<char>((value >> (8 * i)) & 0xff);
    }
    m_out.append(bytes, 8);
  }

  bool m_derived = false;
  std::string m_own_path;
  std::string m_out;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

  // The cache never holds what later phases attach.
  static bool derived() { return false; }
  void own_path(const std::string& path) { m_own_path = path; }
  bool ok() const { return m_ok; }
  bool at_end() const { return m_pos == m_bytes.size(); }

  void operator()(std::string& text) {
    const std::uint64_t size = u64();
    if (size > m_bytes.size() - m_pos) {
      fail();
      return;
    }
    text.assign(m_bytes.substr(m_pos, size));
    m_pos += size;
  }
  void operator()(bool& value) {
    if (m_pos >= m_bytes.size()) {
      fail();
      return;
    }
    value = m_bytes[m_pos++] != '\0';
  }
  void operator()(util::PackedText& text) {
    std::string packed;
    (*this)(packed);
    const std::uint64_t size = u64();
    if (m_ok && !text.from_packed(std::move(packed), static_cast<std::size_t>(size))) {
      fail();
    }
  }
  template <typename T>
  requires std::integral<T> || std::is_enum_v<T>
  void operator()(T& value) { value = static_cast<T>(static_cast<long long>(u64())); }
  void operator()(Location& where) {
    bool own = false;
    (*this)(own);
    if (own) {
      where.path = m_own_path;
    } else {
      (*this)(where.path);
    }
    (*this)(where.line);
    (*this)(where.column);
  }
  template <typename T>
  void operator()(Located<T>& located) {
    (*this)(located.value);
    (*this)(located.location);
  }
  template <typename T>
  void operator()(std::optional<T>& value) {
    bool present = false;
    (*this)(present);
    value.reset();
    if (present) {
      (*this)(value.emplace());
    }
  }
  template <typename T>
  void operator()(std::vector<T>& values) {
    // Each item takes at least one byte: a count is bounded by what is left.
    const std::uint64_t size = u64();
    if (size > m_bytes.size() - m_pos) {
      fail();
      return;
    }
    values.assign(static_cast<std::size_t>(size), T{});
    for (auto& value : values) {
      (*this)(value);
    }
  }
  template <typename T, std::size_t N>
  void operator()(std::array<T, N>& values) {
    for (auto& value : values) {
      (*this)(value);
    }
  }
  template <typename T>
  requires std::is_class_v<T>
  void operator()(T& record) { visit_fields(record, *this); }

 private:
  std::uint64_t u64() {
    if (m_bytes.size() - m_pos < 8) {
      fail();
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
  void fail() {
    m_ok = false;
    m_pos = m_bytes.size();
  }

  std::string_view m_bytes;
  std::size_t m_pos = 0;
  bool m_ok = true;
  std::string m_own_path;
};

}  // namespace

std::string serialize_story(const Story& story, bool derived) {
  Writer writer(derived);
  writer(story);
  return writer.take();
}

std::optional<Story> deserialize_story(std::string_view bytes) {
  Reader reader(bytes);
  Story story;
  reader(story);
  if (!reader.ok() || !reader.at_end()) {
    return std::nullopt;
  }
  return story;
}

std::uint64_t story_fingerprint(const Story& story) {
  return util::hash64(serialize_story(story, true));
}

}  // namespace vetrina
