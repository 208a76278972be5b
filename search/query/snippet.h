#pragma once
// Highlighted snippets of hits. Xapian's MSet::snippet (flags 0, matches in
// <mark>, text HTML-escaped by Xapian) costs about 0.1 µs per byte it reads,
// and a story's text is several kilobytes, so it is given only a window of
// the text: from a little before the first place a query word occurs (a
// word starting with one of the query's terms, stems included) to a few
// hundred bytes after. Where the window cuts the text, "…" is added as
// Xapian adds it at its own cuts. When no word is found (a stem that is not
// a prefix of the written word), Xapian reads the whole text, as before.
//
// Thread-safety: a Snippets object is immutable after construction.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace vetrina::search {

struct TextWindow {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Snippets {
 public:
  // `query`: the text query the MSet was made for.
  explicit Snippets(const Xapian::Query& query);

  // The snippet of `text` for a hit of `mset`, at most about 240 bytes.
  // Blocks of the text (lines: headings, paragraphs, list items) are kept
  // apart: a line break becomes " — " after a line without final
  // punctuation (a heading), a space otherwise; no line break is left.
  std::string make(const Xapian::MSet& mset, std::string_view text, const Xapian::Stem& stemmer) const;
  // The same from the text packed (util::PackedText's bytes, `size` bytes
  // unpacked), unpacking its first few kilobytes when the window lies in
  // them (a common word), else all of it; "" when the bytes do not unpack.
  std::string make(const Xapian::MSet& mset, std::string_view packed, std::size_t size,
                   const Xapian::Stem& stemmer) const;
  // The whole of a short `text` (a summary) highlighted, or "" when no query
  // word is highlighted in it.
  std::string make_whole(const Xapian::MSet& mset, const std::string& text, const Xapian::Stem& stemmer) const;

  // The lowercase words looked for: the query's terms without their
  // prefixes (exposed for tests).
  const std::vector<std::string>& words() const { return m_words; }

 private:
  // The snippet of `window` of `text`, the first part of a `text_size`-byte text.
  std::string cut(const Xapian::MSet& mset, std::string_view text, const TextWindow& window, std::size_t text_size,
                  const Xapian::Stem& stemmer) const;

  std::vector<std::string> m_words;
};

// Where in `text` to cut the snippet from: around the first word starting
// with one of `words` (ASCII case-insensitive), cut at spaces; nullopt if
// none occurs. Exposed for tests.
std::optional<TextWindow> snippet_window(std::string_view text, const std::vector<std::string>& words);

// `text` with its line breaks replaced as make() describes. Exposed for tests.
std::string join_blocks(std::string_view text);

}  // namespace vetrina::search
