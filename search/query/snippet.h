#pragma once
// Highlighted snippets of hits, made here rather than by Xapian's
// MSet::snippet: that needed an MSet of the query (statistics Xapian only
// has after ranking) and stemmed and scored every word of the text, about
// a fifth of a request's CPU at 100,000 stories with the ranking's own
// share. A word is highlighted (<mark>) when the query asked for it as the
// indexer saw it: its accent-folded, lowercase form is one of the query's
// plain terms (an exact word, a prefix expansion of the last word) or its
// stem one of the query's stems ("Z" terms); terms of a field
// ("titolo:...") are not looked for in the text. The text is HTML-escaped.
//
// A story's text is several kilobytes, so only a window of it is read: from
// a little before the first word the query asked for to a few hundred
// bytes after, then at most about 240 bytes of it, cut between words, with
// "…" where the text is cut. The word is looked for among the words that
// start with one of the query's terms (stems included: "cas" starts
// "castello" too, so each is checked), else among the first kilobyte's
// words (a stem that is not a prefix of the written word); failing both,
// the window is around the first word starting with a term, or at the
// text's start. Text that is not valid UTF-8 (a damaged index) gives no
// snippet.
//
// Thread-safety: a Snippets object is used by one thread (its stemmer
// remembers answers, stem_cache.h).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace vetrina::search {

struct TextWindow {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class Snippets {
 public:
  // `query`: the text query the hits were found by; `stemmer`: the one its
  // stems were made with.
  Snippets(const Xapian::Query& query, const Xapian::Stem& stemmer);

  // The snippet of `text`, at most about 240 bytes. Blocks of the text
  // (lines: headings, paragraphs, list items) are kept apart: a line break
  // becomes " — " after a line without final punctuation (a heading), a
  // space otherwise; no line break is left.
  std::string make(std::string_view text) const;
  // The same from the text packed (util::PackedText's bytes, `size` bytes
  // unpacked), unpacking its first few kilobytes when the window lies in
  // them (a common word), else all of it; "" when the bytes do not unpack.
  std::string make(std::string_view packed, std::size_t size) const;
  // The whole of a short `text` (a summary) highlighted, or "" when no query
  // word is highlighted in it.
  std::string make_whole(std::string_view text) const;

  // The lowercase words looked for: the query's terms without their
  // prefixes (exposed for tests).
  const std::vector<std::string>& words() const { return m_words; }

 private:
  struct Place {
    TextWindow window;
    bool asked = false;  // around a word the query asked for
  };
  // Where the snippet of `text` goes (above).
  Place place(std::string_view text) const;
  // Whether the query asked for this written word.
  bool asked(std::string_view word) const;
  // Appends `text`, escaped and highlighted, to `out`, stopping before a
  // word that would end past `limit` bytes of it; returns whether it all
  // fit, and sets `marked` when a word was highlighted.
  bool write(std::string_view text, std::size_t limit, std::string& out, bool& marked) const;
  // The snippet of `window` of `text`, the first part of a `text_size`-byte text.
  std::string cut(std::string_view text, const TextWindow& window, std::size_t text_size) const;

  Xapian::Stem m_stemmer;
  std::vector<std::string> m_words;
  std::unordered_set<std::string> m_exact;  // plain terms
  std::unordered_set<std::string> m_stems;  // stems, without their "Z"
};

// A window around the first word starting with one of `words` (ASCII
// case-insensitive; a word starts after a character that is not a word
// character, "’" and "«" included), cut at spaces; nullopt if none occurs.
// Exposed for tests.
std::optional<TextWindow> snippet_window(std::string_view text, const std::vector<std::string>& words);
// The window around the word starting at `first`: a little before it to a
// few hundred bytes after, moved at most 64 bytes further to reach a space,
// never inside a UTF-8 character.
TextWindow window_around(std::string_view text, std::size_t first);

// `text` with its line breaks replaced as make() describes. Exposed for tests.
std::string join_blocks(std::string_view text);

}  // namespace vetrina::search
