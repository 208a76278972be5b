#include "search/query/query_words.h"

#include <xapian.h>

#include <algorithm>
#include <string_view>

#include "search/index/schema.h"

namespace vetrina::search {

QueryWords query_words(const std::string& text) {
  QueryWords out;
  const std::string normalized = normalize_text(text);
  std::string word;
  bool in_word = false;
  for (Xapian::Utf8Iterator it(normalized); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
      in_word = true;
    } else {
      if (!word.empty() && word.size() <= k_max_word_bytes) {
        out.words.push_back(word);
      }
      word.clear();
      in_word = false;
    }
  }
  if (!word.empty() && word.size() <= k_max_word_bytes) {
    out.words.push_back(word);
  }
  out.last_open = in_word && !out.words.empty();
  return out;
}

bool has_query_syntax(const std::string& text) {
  if (text.find_first_of("\"()*:") != std::string::npos) {
    return true;
  }
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') {
      ++at;
    }
    const std::size_t end = std::min(text.find(' ', at), text.size());
    const std::string_view token(text.data() + at, end - at);
    if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || token == "NEAR" || token == "ADJ" ||
        (token.size() > 1 && (token[0] == '+' || token[0] == '-'))) {
      return true;
    }
    at = end;
  }
  return false;
}

}  // namespace vetrina::search
