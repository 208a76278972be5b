#pragma once
// How the search reads the text of a query: as plain words (accent-folded,
// lowercase, split as Xapian's TermGenerator splits text), or, when it uses
// Xapian's query syntax, as input for Xapian's QueryParser.
//
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <vector>

namespace vetrina::search {

// Words longer than this are not terms (Xapian's TermGenerator skips them).
inline constexpr std::size_t k_max_word_bytes = 64;

// Plain words of a query as the search reads them: accent-folded,
// lowercase, split as Xapian's TermGenerator splits text. `last_open` says
// whether the text ends inside its last word (no space after it): that word
// is then also matched as a prefix. Exposed for tests.
struct QueryWords {
  std::vector<std::string> words;
  bool last_open = false;
};
QueryWords query_words(const std::string& text);
// True when `text` uses Xapian's query syntax (quotes, AND/OR/NOT, +/-,
// parentheses, titolo:, a trailing *): it is then parsed by Xapian's
// QueryParser instead of read as plain words.
bool has_query_syntax(const std::string& text);

}  // namespace vetrina::search
