#include "search/query/snippet.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "generator/util/packed_text.h"
#include "generator/util/strings.h"
#include "search/index/schema.h"

namespace vetrina::search {

namespace {

constexpr std::size_t k_snippet_bytes = 240;
constexpr std::size_t k_before = 60;  // bytes of context kept before the first word found
constexpr std::size_t k_after = 300;  // and after it
constexpr const char* k_omit = "…";
// How far a packed text is unpacked, step by step: a common word's window
// usually lies in the first kilobyte. Past the last step (a text of more
// than 256 KB, which no story has; an index could claim it), the snippet
// comes from what was read.
constexpr std::array<std::size_t, 3> k_reads = {1024, 4096, 256 * 1024};
// A window's edges move at most this far to reach a space.
constexpr std::size_t k_edge = 64;
// Words starting with a query term checked for being one (stems are short:
// "cas" starts "castello" as well as "case").
constexpr std::size_t k_max_candidates = 64;
// When no word starting with a query term is one, the words read one by one
// (a stem that is not a prefix of the written word: "eta" of "età").
constexpr std::size_t k_scan_bytes = 1024;

// Is the character that ends just before `at` a word character?
bool word_before(std::string_view text, std::size_t at) {
  if (at == 0) {
    return false;
  }
  const auto last = static_cast<unsigned char>(text[at - 1]);
  if (last < 0x80) {
    return std::isalnum(last) != 0;
  }
  std::size_t lead = at - 1;  // back to the first byte of its UTF-8 sequence
  while (lead > 0 && at - lead < 4 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) {
    --lead;
  }
  const Xapian::Utf8Iterator it(text.data() + lead, at - lead);
  return Xapian::Unicode::is_wordchar(*it);
}

// The end of the word starting at `at` (a run of word characters).
std::size_t word_end(std::string_view text, std::size_t at) {
  Xapian::Utf8Iterator it(text.data() + at, text.size() - at);
  const Xapian::Utf8Iterator end;
  while (it != end && Xapian::Unicode::is_wordchar(*it)) {
    ++it;
  }
  return it == end ? text.size() : static_cast<std::size_t>(it.raw() - text.data());
}

bool continues_utf8(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// Does a word of `text` start at `at` with `word` (lowercase), ignoring ASCII case?
bool word_starts_with(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) {
    return false;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[at + i]);
    if (static_cast<char>(std::tolower(c)) != word[i]) {
      return false;
    }
  }
  return true;
}

// Calls `visit(begin, end)` for each word of `text` (a run of Unicode word
// characters, as Xapian's term generator reads them; an apostrophe splits
// "l'orto", as the indexer's normalize_text does), in order, until it
// returns false.
template <typename Visit>
void for_each_word(std::string_view text, Visit visit) {
  Xapian::Utf8Iterator it(text.data(), text.size());
  const Xapian::Utf8Iterator end;
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    const auto begin = static_cast<std::size_t>(it.raw() - text.data());
    while (it != end && Xapian::Unicode::is_wordchar(*it)) {
      ++it;
    }
    const auto stop = it == end ? text.size() : static_cast<std::size_t>(it.raw() - text.data());
    if (!visit(begin, stop)) {
      return;
    }
  }
}

}  // namespace

Snippets::Snippets(const Xapian::Query& query, const Xapian::Stem& stemmer) : m_stemmer(stemmer) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    // The iterator returns a temporary string: keep it alive while `term` views it.
    const std::string stored = *it;
    std::string_view term = stored;
    // "Z" marks a stem; upper-case letters after it are a field prefix ("S").
    const bool stem = !term.empty() && term[0] == 'Z';
    if (stem) {
      term.remove_prefix(1);
    }
    const bool field = !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
    while (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
      term.remove_prefix(1);
    }
    if (term.size() >= 2) {
      m_words.push_back(util::to_lower_ascii(term));
    }
    // Free text only: a word of a field ("titolo:orto") is not in the body.
    if (!field && !term.empty()) {
      (stem ? m_stems : m_exact).emplace(term);
    }
  }
}

bool Snippets::asked(std::string_view word) const {
  // The word as the indexer sees it: accents folded, lowercase.
  thread_local std::string key;
  bool ascii = true;
  for (const char c : word) {
    ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  }
  if (ascii) {
    key.assign(word);
    for (char& c : key) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  } else {
    key = Xapian::Unicode::tolower(normalize_text(word));
  }
  if (m_exact.count(key) != 0) {
    return true;
  }
  return !m_stems.empty() && m_stems.count(m_stemmer(key)) != 0;
}

bool Snippets::write(std::string_view text, std::size_t limit, std::string& out, bool& marked) const {
  std::size_t done = 0;  // bytes of `text` written
  bool whole = true;
  for_each_word(text, [&](std::size_t begin, std::size_t stop) {
    if (stop > limit) {
      std::string_view gap = text.substr(done, begin - done);
      while (!gap.empty() && is_space(gap.back())) {
        gap.remove_suffix(1);
      }
      util::append_html_escaped(gap, out);
      done = text.size();
      whole = false;
      return false;
    }
    util::append_html_escaped(text.substr(done, begin - done), out);
    const std::string_view word = text.substr(begin, stop - begin);
    const bool mark = asked(word);
    out += mark ? "<mark>" : "";
    util::append_html_escaped(word, out);
    out += mark ? "</mark>" : "";
    marked = marked || mark;
    done = stop;
    return true;
  });
  util::append_html_escaped(text.substr(done), out);
  return whole;
}

// Calls `found(at)` for each place a word starts with one of `words`
// (ASCII case-insensitive), in order, until it returns false.
template <typename Found>
void for_each_prefix(std::string_view text, const std::vector<std::string>& words, Found found) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (continues_utf8(text[at]) || (c < 0x80 && std::isalnum(c) == 0) || word_before(text, at)) {
      continue;
    }
    for (const auto& word : words) {
      if (word_starts_with(text, at, word)) {
        if (!found(at)) {
          return;
        }
        break;
      }
    }
  }
}

std::optional<TextWindow> snippet_window(std::string_view text, const std::vector<std::string>& words) {
  std::optional<TextWindow> window;
  for_each_prefix(text, words, [&](std::size_t at) {
    window = window_around(text, at);
    return false;
  });
  return window;
}

TextWindow window_around(std::string_view text, std::size_t first) {
  first = std::min(first, text.size());
  TextWindow window;
  if (first > k_before) {
    std::size_t begin = first - k_before;
    const std::size_t lowest = begin > k_edge ? begin - k_edge : 0;
    while (begin > lowest && !is_space(text[begin - 1])) {
      --begin;
    }
    while (begin < first && continues_utf8(text[begin])) {
      ++begin;  // never inside a character
    }
    window.begin = begin;
  }
  window.end = std::min(text.size(), first + k_after);
  const std::size_t highest = std::min(text.size(), window.end + k_edge);
  while (window.end < highest && !is_space(text[window.end])) {
    ++window.end;
  }
  while (window.end < text.size() && window.end > first && continues_utf8(text[window.end])) {
    --window.end;
  }
  return window;
}

std::string join_blocks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    // The line up to its break, copied at once.
    const std::size_t line_end = text.find_first_of("\r\n", i);
    out.append(text, i, (line_end == std::string_view::npos ? text.size() : line_end) - i);
    if (line_end == std::string_view::npos) {
      break;
    }
    i = line_end;
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    while (i + 1 < text.size() && is_space(text[i + 1])) {
      ++i;
    }
    if (out.empty() || i + 1 >= text.size()) {
      continue;
    }
    const char last = out.back();
    const bool ended = last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',';
    out += ended ? " " : " — ";
  }
  return out;
}

Snippets::Place Snippets::place(std::string_view text) const {
  std::optional<std::size_t> candidate;  // the first word starting with a query term
  std::optional<std::size_t> asked_at;
  std::size_t checked = 0;
  for_each_prefix(text, m_words, [&](std::size_t at) {
    if (!candidate) {
      candidate = at;
    }
    if (asked(text.substr(at, word_end(text, at) - at))) {
      asked_at = at;
      return false;
    }
    return ++checked < k_max_candidates;
  });
  if (!asked_at) {
    const std::string_view start = text.substr(0, std::min(text.size(), k_scan_bytes));
    for_each_word(start, [&](std::size_t begin, std::size_t stop) {
      if (asked(start.substr(begin, stop - begin))) {
        asked_at = begin;
        return false;
      }
      return true;
    });
  }
  const std::size_t at = asked_at ? *asked_at : candidate.value_or(0);
  return {window_around(text, at), asked_at.has_value()};
}

std::string Snippets::make(std::string_view packed, std::size_t size) const {
  util::Unpacker unpacker(packed, size);
  for (const std::size_t limit : k_reads) {
    if (!unpacker.reach(limit)) {
      return "";
    }
    const std::string& start = unpacker.text();
    const Place placed = place(start);
    // Read on while the word asked for may lie further, or its window does.
    if (unpacker.whole() || (placed.asked && placed.window.end < start.size()) || limit == k_reads.back()) {
      return cut(start, placed.window, size);
    }
  }
  return "";
}

std::string Snippets::make(std::string_view text) const {
  return cut(text, place(text).window, text.size());
}

std::string Snippets::cut(std::string_view text, const TextWindow& window, std::size_t text_size) const {
  const std::string joined = join_blocks(text.substr(window.begin, window.end - window.begin));
  if (!util::is_valid_utf8(joined)) {
    return "";  // not a text the build wrote (a damaged index): the summary instead
  }
  std::string snippet;
  if (window.begin > 0) {
    snippet += k_omit;
  }
  bool marked = false;
  const bool whole = write(joined, k_snippet_bytes, snippet, marked);
  if (!whole || window.end < text_size) {
    snippet += k_omit;
  }
  return snippet;
}

std::string Snippets::make_whole(std::string_view text) const {
  if (!snippet_window(text, m_words)) {
    return "";
  }
  std::string snippet;
  bool marked = false;
  write(text, text.size(), snippet, marked);
  return marked ? snippet : "";
}

}  // namespace vetrina::search
