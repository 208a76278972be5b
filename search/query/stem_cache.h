#pragma once
// A Xapian stemmer that remembers its answers. Snippets (snippet.h) stem
// every word of the text they highlight (to find the query's stems in it):
// with Snowball's Italian stemmer that was about a quarter of a search's
// CPU (ten hits, summary and body). Stories share most of their words, so
// a table of word -> stem answers nearly all of them; the stems are the
// stemmer's own, so highlights do not change.
//
// Thread-safety: none; each QueryPlanner owns one, and a Searcher is used
// by one thread at a time.

#include <cstddef>
#include <string>
#include <unordered_map>

#include <xapian.h>

namespace vetrina::search {

// The table is emptied when it holds this many words (under 1 MB; the
// service has one per Searcher).
inline constexpr std::size_t k_stem_cache_words = 8192;

class StemCache : public Xapian::StemImplementation {
 public:
  explicit StemCache(const std::string& language);

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  Xapian::Stem m_stemmer;
  std::unordered_map<std::string, std::string> m_stems;
};

// A Xapian::Stem for `language` backed by a StemCache of its own.
Xapian::Stem cached_stemmer(const std::string& language);

}  // namespace vetrina::search
