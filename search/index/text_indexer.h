#pragma once
// The terms of a story's text fields (normalize_text's output), added to a
// Xapian document: each word's stem ("Z" + prefix + stem) with its
// position, and, for the unprefixed fields, the word as written without
// position unless it is a stop word (schema.h): an exact match ranks above
// a stem match ("Marche" is not "Marco"). The document is exactly
// what two Xapian::TermGenerators make (one STEM_ALL_Z with positions, one
// STEM_NONE with STOP_ALL and no positions), which is how it was made
// before; the query side (Xapian's QueryParser) splits words the same way.
//
// Why not those two term generators: each splits the text again (a
// Unicode category lookup per character) and runs the Snowball stemmer on
// every word, and that was about a seventh of a 10,000-story build. Here a
// text that is ASCII, but for spaces and punctuation Xapian reads as
// spaces (“”, …, –, « », non-breaking spaces), is split once by the same
// rules as Xapian 1.4's TermGenerator (parse_terms in
// termgenerator_internal.cc: initials "U.S.A." as "usa", "AT&T", "3.14",
// "C++"), and each distinct word is stemmed once per indexer. Any other
// text (letters outside ASCII, invalid UTF-8) goes through the term
// generators. text_indexer_test.cpp compares both on random and real texts.
//
// One indexer per thread.

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "search/index/word_table.h"

namespace vetrina::search {

// `text` with every non-ASCII character Xapian's word splitting reads as a
// plain separator replaced by one space; nullopt when `text` holds any
// other non-ASCII character or byte.
std::optional<std::string> ascii_for_terms(std::string_view text);

// Calls take(word) for each word Xapian 1.4's TermGenerator finds in the
// ASCII text `text`, lowercased, in order (words longer than Xapian's
// 64-byte limit included: the caller skips them as Xapian does).
template <typename Take>
void for_each_ascii_word(std::string_view text, Take take);

class TextIndexer {
 public:
  // Words kept in the memo; past this (a very large vocabulary) it starts over.
  static constexpr std::size_t k_max_words = 200000;

  TextIndexer();
  TextIndexer(const TextIndexer&) = delete;
  TextIndexer& operator=(const TextIndexer&) = delete;

  // Starts a document: positions from 1 again. `doc` must outlive the
  // calls to index() that follow (nothing is kept of it after them).
  void set_document(Xapian::Document& doc);
  // Adds the terms of `normalized`: stems with `prefix` and positions, and
  // when `exact`, the words (not stop words) without prefix or position;
  // each with `wdf`. Throws std::logic_error before set_document().
  void index(const std::string& normalized, Xapian::termcount wdf, const std::string& prefix, bool exact);
  // Leaves one position empty, so that a phrase does not run across fields.
  void gap() { ++m_termpos; }

 private:
  // What is known of a word (lowercase, as split): its stem, whether it
  // is a stop word, and its wdf counted in the field being indexed.
  struct Word {
    std::string stem;
    bool stop;
    Xapian::termcount pending;
  };
  using Words = WordTable<Word>;
  // `word`'s entry in the memo, made on first sight.
  Words::Entry& word(const std::string& word);
  // Adds the words counted in this field to the document, and forgets the counts.
  void add_pending();

  Xapian::Document* m_doc = nullptr;
  Xapian::termpos m_termpos = 0;
  Xapian::Stem m_stemmer;
  Words m_words;                         // the memo
  std::vector<Words::Entry*> m_pending;  // words with a wdf counted in this field (in m_words)
  std::unordered_set<std::string> m_stop_words;
  // The fallback for other texts (and the reference the fast path matches).
  Xapian::SimpleStopper m_stopper;
  Xapian::TermGenerator m_stemmed;
  Xapian::TermGenerator m_exact;
};

namespace detail {
inline bool ascii_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
inline bool ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline char ascii_lower(char c) {
  return ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace detail

// Xapian 1.4's parse_terms (termgenerator_internal.cc) for ASCII text,
// step by step; without CJK, which ASCII never holds.
template <typename Take>
void for_each_ascii_word(std::string_view text, Take take) {
  using detail::ascii_digit;
  using detail::ascii_lower;
  using detail::ascii_upper;
  using detail::ascii_word_char;
  const std::size_t n = text.size();
  std::size_t i = 0;
  std::string term;
  while (true) {
    while (i < n && !ascii_word_char(text[i])) {
      ++i;
    }
    if (i == n) {
      return;
    }
    term.clear();
    // Initials separated by '.' ("U.S.A.", with or without the last '.'),
    // when two or more and not followed by a letter or digit.
    if (ascii_upper(text[i])) {
      std::size_t p = i;
      do {
        term += ascii_lower(text[p++]);
      } while (p < n && text[p] == '.' && ++p < n && ascii_upper(text[p]));
      if (term.size() > 1 && (p == n || !ascii_word_char(text[p]))) {
        i = p;
        take(term);
        continue;
      }
      term.clear();
    }
    bool at_end = false;
    char ch = ascii_lower(text[i]);
    while (true) {
      char previous = 0;
      do {
        term += ch;
        previous = ch;
        if (++i == n) {
          at_end = true;
          break;
        }
        ch = ascii_word_char(text[i]) ? ascii_lower(text[i]) : '\0';
      } while (ch != '\0');
      if (at_end || i + 1 == n || !ascii_word_char(text[i + 1])) {
        break;
      }
      // One character joining two words: "'" and "&" ("AT&T"), or ",", "."
      // and ";" between digits ("3.14").
      const char infix = text[i];
      const bool joins = ascii_digit(previous) && ascii_digit(text[i + 1])
                             ? infix == ',' || infix == '.' || infix == ';'
                             : infix == '\'' || infix == '&';
      if (!joins) {
        break;
      }
      term += infix;
      ++i;
      ch = ascii_lower(text[i]);
    }
    if (!at_end) {
      // Up to three '+' or '#' after a word ("C++", "C#"), when no letter
      // or digit follows them.
      const std::size_t length = term.size();
      unsigned count = 0;
      while (text[i] == '+' || text[i] == '#') {
        if (++count > 3) {
          term.resize(length);
          break;
        }
        term += text[i];
        if (++i == n) {
          at_end = true;
          break;
        }
      }
      if (!at_end && ascii_word_char(text[i])) {
        term.resize(length);
      }
    }
    take(term);
  }
}

}  // namespace vetrina::search
