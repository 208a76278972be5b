#include "search/index/document_maker.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_set>

#include "generator/util/strings.h"

namespace vetrina::search {

namespace {

using nlohmann::json;

constexpr std::size_t k_max_spelling_word_bytes = 64;

// The stop words, looked up in a hash set: bodies are most of the words,
// and a linear search of the ~280 stop words per word made the index phase
// several times slower.
bool is_stop_word(const std::string& word) {
  static const std::unordered_set<std::string> stop(italian_stop_words().begin(), italian_stop_words().end());
  return stop.count(word) != 0;
}

// Calls `take(word)` for each word of `normalized` (normalize_text's
// output) that may go into the spelling table: lowercase ASCII letters and
// digits, at least four characters, stop words included (the caller
// leaves them out).
template <typename Take>
void for_each_spelling_candidate(std::string_view normalized, Take take) {
  std::string word;
  const auto flush = [&]() {
    // Longer words than the term generator indexes (64 bytes, Xapian's
    // default) are left out: nobody types them, and a 250-byte word would
    // exceed Xapian's key limit (245 bytes) and fail the whole build.
    if (word.size() >= 4 && word.size() <= k_max_spelling_word_bytes) {
      take(word);
    }
    word.clear();
  };
  for (const char c : normalized) {
    const auto byte = static_cast<unsigned char>(c);
    // std::isalnum in the "C" locale (LC_CTYPE is never set), without a call a byte.
    if ((byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')) {
      word += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      flush();
    }
  }
  flush();
}

// Calls `take(word)` for each word of `normalized` that goes into the
// spelling table: the candidates that are not stop words.
template <typename Take>
void for_each_spelling_word(std::string_view normalized, Take take) {
  for_each_spelling_candidate(normalized, [&](const std::string& word) {
    if (!is_stop_word(word)) {
      take(word);
    }
  });
}

// Words of `text` for the spelling table (for_each_spelling_word), in order.
void add_spelling_words(const std::string& text, std::vector<std::string>& words) {
  for_each_spelling_word(normalize_text(text), [&](const std::string& word) { words.push_back(word); });
}

// Counts the spelling words of `normalized` into `counts` (which knows the
// stop words it has met: one lookup a word).
void count_spelling_words(std::string_view normalized, WordCounts& counts) {
  for_each_spelling_candidate(normalized, [&](const std::string& word) { counts.count(word); });
}

// The Italian name of a partner's city, when taxonomies.yaml gives one
// (`cities` of the partner's country), or "".
std::string italian_city_name(const Site& site, const Partner& partner) {
  const Term* country = site.taxonomy(TaxonomyId::paese).find(partner.country.value);
  if (country == nullptr) {
    return "";
  }
  const std::string city = util::to_lower_ascii(normalize_text(partner.city));
  for (const auto& [local, italian] : country->cities) {
    if (util::to_lower_ascii(normalize_text(local)) == city) {
      return italian;
    }
  }
  return "";
}

std::string quotes(const Story& story) {
  std::string out;
  for (const auto& interview : story.interviews) {
    out += interview.name + "\n" + interview.quote + "\n";
  }
  return out;
}

}  // namespace

void WordCounts::count(std::string_view word) {
  if (auto* known = m_table.find(word)) {
    known->value.n += known->value.stop ? 0 : 1;
    return;
  }
  const bool stop = is_stop_word(std::string(word));
  m_table.add(word, {stop ? 0U : 1U, stop});
}

void WordCounts::add(std::string_view word, Xapian::termcount n) {
  m_table.add(word, {}).value.n += n;
}

std::optional<TaxonomyId> facet_taxonomy_id(std::size_t facet) {
  static_assert(k_facets.size() == 8, "a facet was added to schema.h: map it here");
  switch (facet) {
    case 0:
      return TaxonomyId::livello;
    case 1:
      return TaxonomyId::competenza;
    case 2:
      return TaxonomyId::disciplina;
    case 4:
      return TaxonomyId::paese;
    case 5:
      return TaxonomyId::regione;
    case 6:
      return TaxonomyId::tipo;
    case 7:
      return TaxonomyId::premio;
    default:
      return std::nullopt;  // anno (k_facet_anno)
  }
}

std::array<std::vector<std::string>, k_facets.size()> facet_values(const Story& story) {
  std::array<std::vector<std::string>, k_facets.size()> values;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    const auto taxonomy = facet_taxonomy_id(f);
    if (!taxonomy) {
      if (!story.school_year.value.empty()) {  // a sourced story may leave it out (not documented)
        values[f] = {school_year_id(story.school_year.value)};
      }
      continue;
    }
    for (const auto& term : story.terms_of(*taxonomy)) {
      if (std::find(values[f].begin(), values[f].end(), term.value) == values[f].end()) {
        values[f].push_back(term.value);
      }
    }
  }
  return values;
}

std::vector<std::string> text_spelling_words(const std::string& title, const std::string& summary,
                                             const std::string& body) {
  std::vector<std::string> words;
  add_spelling_words(title, words);
  add_spelling_words(summary, words);
  add_spelling_words(body, words);
  return words;
}

DocumentMaker::DocumentMaker(const Site& site, const std::array<std::size_t, k_facets.size()>& slots)
    : m_site(site), m_slots(slots) {}

Xapian::Document DocumentMaker::make(const Story& story, WordCounts& spelling) {
  Xapian::Document doc;
  m_terms.set_document(doc);
  const std::string title = text(story.title.value, 5);
  m_terms.index(title, 1, k_prefix_title, false);
  count_spelling_words(title, spelling);
  count_spelling_words(text(story.summary.value, 2), spelling);
  const std::string body_text = story.body_text.str();
  count_spelling_words(text(body_text, 1), spelling);
  // The spelling words not in the document data, kept in a value.
  std::vector<std::string> meta;
  for (const std::string& field : {people(story), labels(story), quotes(story)}) {
    for_each_spelling_word(text(field, 1), [&](const std::string& word) {
      spelling.add(word, 1);
      meta.push_back(word);
    });
  }

  doc.add_boolean_term(std::string(k_prefix_id) + story.slug);
  const auto values = facet_values(story);
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    for (std::size_t i = 0; i < values[f].size(); ++i) {
      doc.add_boolean_term(std::string(k_facets[f].prefix) + values[f][i]);
      if (i < m_slots[f]) {
        doc.add_value(facet_slot(f, i), values[f][i]);
      }
    }
  }
  const Date& date = story.date.value;
  doc.add_value(k_slot_date, util::replace_all(date.iso(), "-", ""));
  doc.add_value(k_slot_school_year, story.school_year.value);
  std::string meta_value;
  for (const auto& word : meta) {
    meta_value += (meta_value.empty() ? "" : " ") + word;
  }
  doc.add_value(k_slot_spelling, meta_value);

  json data = {{"u", story.url()},
               {"t", story.title.value},
               {"s", story.summary.value},
               {"y", story.school_year.value},
               {"l", values[0]}};
  if (story.example.value) {
    data["x"] = true;  // an invented example (marked in every result)
  }
  if (story.cover && story.cover->published) {
    data["c"] = story.cover->published->sizes.front().url;  // the smallest size: a thumbnail
  }
  // The snippet text after the JSON (which never holds a raw newline), so
  // a hit parses only the small JSON part; packed as the build holds it, so
  // the service unpacks only as far as a snippet needs (schema.h).
  data["n"] = story.body_text.size();
  doc.set_data(data.dump() + "\n" + story.body_text.packed());
  return doc;
}

// Indexes `raw` as stems (with positions) and as exact words (without),
// then leaves a gap so that a phrase does not run across two fields.
// Returns the text as indexed (normalize_text).
//
// Phrases ("...", NEAR) are parsed with STEM_ALL_Z, so they read the stems'
// positions only; the exact words are read as plain terms (query_planner),
// so their positions were never used, and written twice they were about
// half of the index's positional data. Their wdf, hence every document's
// length and every BM25 weight, is the same with or without positions.
std::string DocumentMaker::text(const std::string& raw, Xapian::termcount wdf) {
  std::string normalized = normalize_text(raw);
  m_terms.index(normalized, wdf, "", true);
  m_terms.gap();
  return normalized;
}

// School, place, teachers and partners, with the Italian names of foreign
// cities (taxonomies.yaml `cities`).
std::string DocumentMaker::people(const Story& story) const {
  std::string out = story.school_name + "\n" + story.city + "\n";
  for (const auto& teacher : story.teachers) {
    out += teacher + "\n";
  }
  for (const auto& partner : story.partners) {
    out += partner.school + "\n" + partner.city + "\n" + italian_city_name(m_site, partner) + "\n";
  }
  return out;
}

// Every label a visitor reads for the story's terms (taxonomies.yaml:
// labels and aliases; partner countries also by ISO code), its school
// year and the names of its prizes.
std::string DocumentMaker::labels(const Story& story) const {
  std::string out = story.school_year.value + "\n";
  for (const auto& spec : taxonomy_specs()) {
    const Taxonomy& taxonomy = m_site.taxonomy(spec.id);
    for (const auto& id : story.terms_of(spec.id)) {
      const Term* term = taxonomy.find(id.value);
      if (term == nullptr) {
        continue;
      }
      out += term->label + "\n";
      for (const auto& alias : term->aliases) {
        out += alias + "\n";
      }
      if (spec.id == TaxonomyId::paese) {
        out += term->id + "\n";
      }
    }
  }
  for (const auto& recognition : story.recognitions) {
    if (!recognition.name.empty()) {
      out += recognition.name + "\n";
    }
  }
  return out;
}

}  // namespace vetrina::search
