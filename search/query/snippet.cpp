#include "search/query/snippet.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "generator/util/packed_text.h"
#include "generator/util/strings.h"

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

}  // namespace

Snippets::Snippets(const Xapian::Query& query) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    // The iterator returns a temporary string: keep it alive while `term` views it.
    const std::string stored = *it;
    std::string_view term = stored;
    // "Z" marks a stem; upper-case letters after it are a field prefix ("S").
    if (!term.empty() && term[0] == 'Z') {
      term.remove_prefix(1);
    }
    while (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
      term.remove_prefix(1);
    }
    if (term.size() >= 2) {
      m_words.push_back(util::to_lower_ascii(term));
    }
  }
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
    const char c = text[i];
    if (c != '\n' && c != '\r') {
      out += c;
      continue;
    }
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

std::string Snippets::make(const Xapian::MSet& mset, std::string_view packed, std::size_t size,
                           const Xapian::Stem& stemmer) const {
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
      return cut(mset, start, *window, size, stemmer);
    }
  }
  return unpacker.reach(size) ? make(mset, unpacker.text(), stemmer) : std::string();
}

std::string Snippets::make(const Xapian::MSet& mset, std::string_view text, const Xapian::Stem& stemmer) const {
  const auto window = snippet_window(text, m_words);
  if (!window) {
    return mset.snippet(join_blocks(text), k_snippet_bytes, stemmer, 0, "<mark>", "</mark>", k_omit);
  }
  return cut(mset, text, *window, text.size(), stemmer);
}

std::string Snippets::cut(const Xapian::MSet& mset, std::string_view text, const TextWindow& window,
                          std::size_t text_size, const Xapian::Stem& stemmer) const {
  std::string snippet = mset.snippet(join_blocks(text.substr(window.begin, window.end - window.begin)), k_snippet_bytes,
                                     stemmer, 0, "<mark>", "</mark>", k_omit);
  if (snippet.empty()) {
    return snippet;
  }
  if (window.begin > 0 && !util::starts_with(snippet, k_omit)) {
    snippet.insert(0, k_omit);
  }
  if (window.end < text_size && !util::ends_with(snippet, k_omit)) {
    snippet += k_omit;
  }
  return snippet;
}

std::string Snippets::make_whole(const Xapian::MSet& mset, const std::string& text, const Xapian::Stem& stemmer) const {
  if (!snippet_window(text, m_words)) {
    return "";
  }
  std::string snippet = mset.snippet(join_blocks(text), std::max(k_snippet_bytes, text.size() + 1), stemmer, 0,
                                     "<mark>", "</mark>", k_omit);
  return snippet.find("<mark>") == std::string::npos ? "" : snippet;
}

}  // namespace vetrina::search
