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
// How far a packed text is unpacked before all of it: a common word's
// window usually lies in the first kilobyte.
constexpr std::array<std::size_t, 2> k_reads = {1024, 4096};

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) != 0 || u >= 0x80;
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

std::optional<TextWindow> snippet_window(std::string_view text, const std::vector<std::string>& words) {
  // One pass over the word starts, without copying the text.
  std::size_t first = std::string::npos;
  for (std::size_t at = 0; at < text.size() && first == std::string::npos; ++at) {
    if (at > 0 && is_word_byte(text[at - 1])) {
      continue;
    }
    for (const auto& word : words) {
      if (word_starts_with(text, at, word)) {
        first = at;
        break;
      }
    }
  }
  if (first == std::string::npos) {
    return std::nullopt;
  }
  return window_around(text, first);
}

TextWindow window_around(std::string_view text, std::size_t first) {
  TextWindow window;
  if (first > k_before) {
    std::size_t begin = first - k_before;
    while (begin > 0 && !is_space(text[begin - 1])) {
      --begin;
    }
    window.begin = begin;
  }
  window.end = std::min(text.size(), first + k_after);
  while (window.end < text.size() && !is_space(text[window.end])) {
    ++window.end;
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

std::string Snippets::make(std::string_view packed, std::size_t size) const {
  util::Unpacker unpacker(packed, size);
  for (const std::size_t limit : k_reads) {
    if (!unpacker.reach(limit)) {
      return "";
    }
    if (unpacker.whole()) {
      break;
    }
    const std::string& start = unpacker.text();
    const auto window = snippet_window(start, m_words);
    if (window && window->end < start.size()) {
      return cut(start, *window, size);
    }
  }
  return unpacker.reach(size) ? make(unpacker.text()) : std::string();
}

std::string Snippets::make(std::string_view text) const {
  if (const auto window = snippet_window(text, m_words)) {
    return cut(text, *window, text.size());
  }
  // No written word starts with a query term (a stem that is not a prefix
  // of the word): around the first word asked for, if any.
  std::size_t first = 0;
  for_each_word(text, [&](std::size_t begin, std::size_t stop) {
    if (asked(text.substr(begin, stop - begin))) {
      first = begin;
      return false;
    }
    return true;
  });
  return cut(text, window_around(text, first), text.size());
}

std::string Snippets::cut(std::string_view text, const TextWindow& window, std::size_t text_size) const {
  const std::string joined = join_blocks(text.substr(window.begin, window.end - window.begin));
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
