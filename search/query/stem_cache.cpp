#include "search/query/stem_cache.h"

namespace vetrina::search {

StemCache::StemCache(const std::string& language) : m_stemmer(language) {}

std::string StemCache::operator()(const std::string& word) {
  if (const auto it = m_stems.find(word); it != m_stems.end()) {
    return it->second;
  }
  if (m_stems.size() >= k_stem_cache_words) {
    m_stems.clear();
  }
  std::string stem = m_stemmer(word);
  m_stems.emplace(word, stem);
  return stem;
}

std::string StemCache::get_description() const {
  return "StemCache(" + m_stemmer.get_description() + ")";
}

Xapian::Stem cached_stemmer(const std::string& language) {
  return Xapian::Stem(new StemCache(language));
}

}  // namespace vetrina::search
