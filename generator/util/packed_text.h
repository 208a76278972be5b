#pragma once
// Text kept packed in memory. A build holds every story's rendered body
// (HTML and plain text, about 12 KB a story) from the Markdown pass until
// the story's page and search document are made; packed with zstd's level
// 1 it takes under half of that, which is what keeps 100,000 stories
// within the 2 GiB bar (docs/performance.md). Packing costs about 5 ms of
// one core per megabyte of story text, unpacking under 2 ms (zlib's level
// 1, used before, took 4.5 and 3.8 times as long).
//
// Packing is deterministic (same zstd, same level): the packed bytes stand
// for the text in fingerprints, in the parsed-story cache and in the search
// index's document data.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace vetrina::util {

class PackedText {
 public:
  PackedText() = default;
  // Implicit on purpose: `story.body_html = html;` packs.
  PackedText(std::string_view text);                                           // NOLINT(google-explicit-constructor)
  PackedText(const std::string& text) : PackedText(std::string_view(text)) {}  // NOLINT
  PackedText(const char* text) : PackedText(std::string_view(text)) {}         // NOLINT
  PackedText(const PackedText&) = default;
  PackedText& operator=(const PackedText&) = default;
  // A moved-from text is empty (not a size without bytes).
  PackedText(PackedText&& other) noexcept : m_packed(std::move(other.m_packed)), m_size(other.m_size) {
    other.m_size = 0;
  }
  PackedText& operator=(PackedText&& other) noexcept {
    if (this != &other) {
      m_packed = std::move(other.m_packed);
      m_size = other.m_size;
      other.m_packed.clear();
      other.m_size = 0;
    }
    return *this;
  }
  ~PackedText() = default;

  // The text, unpacked.
  std::string str() const;
  // The size of the text unpacked.
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  void clear() {
    std::string().swap(m_packed);
    m_size = 0;
  }

  // The packed form (for the codec): bytes and unpacked size. from_packed()
  // returns false, leaving *this empty, when the bytes do not unpack to
  // `size` bytes.
  const std::string& packed() const { return m_packed; }
  bool from_packed(std::string packed, std::size_t size);

  bool operator==(const PackedText& other) const = default;

 private:
  std::string m_packed;  // one zstd frame (with its size); empty for the empty text
  std::size_t m_size = 0;
};

// Unpacks the `size`-byte text whose packed form is `packed`
// (PackedText::packed()) from its start, only as far as asked: a search
// snippet needs the text around a word's first occurrence, often in the
// first kilobyte. The bytes come from outside (a search index): any that
// do not unpack to `size` bytes are refused, without allocating more than
// zstd could produce from them. `packed` is read, not copied: it must
// outlive the Unpacker.
class Unpacker {
 public:
  Unpacker(std::string_view packed, std::size_t size);
  Unpacker(const Unpacker&) = delete;
  Unpacker& operator=(const Unpacker&) = delete;
  ~Unpacker();

  // Unpacks up to the first `limit` bytes in all (the whole text when
  // `limit` >= its size, then checked to its end); false, for good, when
  // the bytes do not unpack.
  bool reach(std::size_t limit);
  // The text unpacked so far.
  const std::string& text() const { return m_text; }
  bool whole() const { return m_text.size() == m_size; }

 private:
  std::string_view m_packed;
  std::size_t m_size;
  std::string m_text;
  void* m_stream = nullptr;  // a ZSTD_DCtx, once started
  std::size_t m_read = 0;    // packed bytes consumed so far
  bool m_failed = false;
};

// The first `limit` bytes (or all) of such a text; nullopt when the bytes
// do not unpack.
std::optional<std::string> unpack_prefix(std::string_view packed, std::size_t size, std::size_t limit);

}  // namespace vetrina::util
