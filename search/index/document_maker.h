#pragma once
// One story as a Xapian document (the layout of schema.h), and the words it
// gives the spelling table. Preparing a document (tokenizing, stemming,
// building its term list) is most of the indexing work and needs no
// database: the indexer runs one DocumentMaker per thread and hands the
// documents to the one thread that writes them (Xapian's WritableDatabase
// has a single writer). A DocumentMaker is used by one thread at a time;
// the free functions are pure.

#include <xapian.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/model/site.h"
#include "search/index/schema.h"
#include "search/index/text_indexer.h"
#include "search/index/word_table.h"

namespace vetrina::search {

// The taxonomy the facet at `facet` (schema.h's k_facets order) takes its
// values from; nullopt for "anno", whose values are the stories' school years.
std::optional<TaxonomyId> facet_taxonomy_id(std::size_t facet);

// The facet values of a story, in schema order (k_facets), each once.
std::array<std::vector<std::string>, k_facets.size()> facet_values(const Story& story);

// Spelling words by how often they occur.
class WordCounts {
 public:
  // One more occurrence of `word` (lowercase letters and digits, 4 to 64
  // bytes), unless it is a stop word: met once, a stop word is known as
  // one and never counted.
  void count(std::string_view word);
  // `n` more occurrences of `word`, a word counted elsewhere.
  void add(std::string_view word, Xapian::termcount n);
  // take(word, n) for each word counted, in the order first met.
  template <typename Take>
  void for_each(Take take) const {
    for (const auto& entry : m_table) {
      if (!entry.value.stop) {
        take(entry.word, entry.value.n);
      }
    }
  }

 private:
  struct Count {
    Xapian::termcount n = 0;
    bool stop = false;
  };
  WordTable<Count> m_table;
};

// The spelling words of the text a document stores (title, summary, body),
// in order: an in-place update finds them again in the old document's data.
std::vector<std::string> text_spelling_words(const std::string& title, const std::string& summary,
                                             const std::string& body);

class DocumentMaker {
 public:
  // `slots`: how many value slots each facet has (the index's facet_slots).
  DocumentMaker(const Site& site, const std::array<std::size_t, k_facets.size()>& slots);
  DocumentMaker(const DocumentMaker&) = delete;
  DocumentMaker& operator=(const DocumentMaker&) = delete;

  // The document of `story`. Its spelling words, which feed "typo
  // tolerance" (Xapian's spelling table), are counted into `spelling`: the
  // whole vocabulary a visitor meets (title, summary, body, labels, names,
  // places, interviews), taken from each field's text as it is indexed, so
  // a field is normalized once. The caller adds each distinct word once,
  // so the body costs a hash map increment per word, not a table update
  // (DESIGN.md measured 40 % of indexing time per occurrence).
  Xapian::Document make(const Story& story, WordCounts& spelling);

 private:
  std::string text(const std::string& raw, Xapian::termcount wdf);
  std::string people(const Story& story) const;
  std::string labels(const Story& story) const;

  const Site& m_site;
  std::array<std::size_t, k_facets.size()> m_slots;
  TextIndexer m_terms;
};

}  // namespace vetrina::search
