#include "search/index/text_indexer.h"

#include <utf8proc.h>

#include <stdexcept>

#include "search/index/schema.h"

namespace vetrina::search {

namespace {

// Xapian's TermGenerator skips longer words (its default max_word_length).
constexpr std::size_t k_max_word_bytes = 64;

// Characters Xapian's word splitting reads as a space: not word
// characters, not joining two words (as ', &, U+00B7, U+2019 do), not
// ignored inside a word (zero-width ones), not CJK. Spaces, quotation
// marks, dashes, bullets, the ellipsis and the euro sign: what Italian
// text holds once accents are folded.
bool plain_separator(utf8proc_int32_t cp) {
  return cp == 0xa0 || cp == 0xab || cp == 0xbb || (cp >= 0x2002 && cp <= 0x200a) || (cp >= 0x2010 && cp <= 0x2018) ||
         cp == 0x201a || (cp >= 0x201c && cp <= 0x2022) || cp == 0x2026 || cp == 0x202f || cp == 0x2039 ||
         cp == 0x203a || cp == 0x20ac;
}

}  // namespace

std::optional<std::string> ascii_for_terms(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) {
    ++i;
  }
  if (i == text.size()) {
    return std::string(text);
  }
  std::string out(text.substr(0, i));
  out.reserve(text.size());
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += text[i++];
      continue;
    }
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                                     static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (length <= 0 || !plain_separator(cp)) {
      return std::nullopt;
    }
    out += ' ';
    i += static_cast<std::size_t>(length);
  }
  return out;
}

TextIndexer::TextIndexer() : m_stemmer("italian") {
  for (const auto& word : italian_stop_words()) {
    m_stopper.add(word);
    m_stop_words.insert(word);
  }
  m_stemmed.set_stemmer(m_stemmer);
  m_stemmed.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
  m_stemmed.set_stopper(&m_stopper);
  m_stemmed.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
  m_exact.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  m_exact.set_stopper(&m_stopper);
  m_exact.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
}

void TextIndexer::set_document(Xapian::Document& doc) {
  m_doc = &doc;
  m_termpos = 0;
}

TextIndexer::Words::Entry& TextIndexer::word(const std::string& word) {
  if (Words::Entry* known = m_words.find(word)) {
    return *known;
  }
  if (m_words.size() >= k_max_words) {
    // A very large vocabulary: the memo starts over, the words counted so
    // far in this field added first (add_term adds up: the same document).
    add_pending();
    m_words.clear();
  }
  return m_words.add(word, Word{m_stemmer(word), m_stop_words.count(word) > 0, 0});
}

void TextIndexer::add_pending() {
  for (Words::Entry* counted : m_pending) {
    m_doc->add_term(counted->word, counted->value.pending);
    counted->value.pending = 0;
  }
  m_pending.clear();
}

void TextIndexer::index(const std::string& normalized, Xapian::termcount wdf, const std::string& prefix, bool exact) {
  if (m_doc == nullptr) {
    throw std::logic_error("TextIndexer::index before set_document");
  }
  const std::optional<std::string> ascii = ascii_for_terms(normalized);
  if (!ascii) {
    // The term generators hold a counted handle on the document while they
    // work, and let it go before the document leaves this thread: Xapian
    // 1.4 counts handles without atomics, and the writer thread adds the
    // document while this one prepares the next.
    m_stemmed.set_document(*m_doc);
    m_stemmed.set_termpos(m_termpos);
    m_stemmed.index_text(normalized, wdf, prefix);
    m_termpos = m_stemmed.get_termpos();
    m_stemmed.set_document(Xapian::Document());
    if (exact) {
      m_exact.set_document(*m_doc);
      m_exact.index_text_without_positions(normalized, wdf);
      m_exact.set_document(Xapian::Document());
    }
    return;
  }
  // Counts left by a field that threw are dropped.
  for (Words::Entry* left : m_pending) {
    left->value.pending = 0;
  }
  m_pending.clear();
  // As the term generators do it: a word too long is skipped without a
  // position; a stop word still has its stem (STEM_ALL_Z does not stop);
  // an empty stem is skipped without a position. The words as written
  // are counted, then each added once with its whole wdf: the same
  // document as one add_term() an occurrence, in fewer lookups of its
  // term map.
  std::string stemmed = "Z" + prefix;
  const std::size_t stem_at = stemmed.size();
  for_each_ascii_word(*ascii, [&](const std::string& text) {
    if (text.size() > k_max_word_bytes) {
      return;
    }
    Words::Entry& entry = word(text);
    Word& known = entry.value;
    if (!known.stem.empty()) {
      stemmed.resize(stem_at);
      stemmed += known.stem;
      m_doc->add_posting(stemmed, ++m_termpos, wdf);
    }
    if (exact && !known.stop) {
      if (known.pending == 0) {
        m_pending.push_back(&entry);
      }
      known.pending += wdf;
    }
  });
  add_pending();
}

}  // namespace vetrina::search
