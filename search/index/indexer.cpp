#include "search/index/indexer.h"

#include <unistd.h>

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "generator/util/parallel.h"
#include "generator/util/strings.h"
#include "search/index/schema.h"

namespace vetrina::search {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The facet values of a story, in schema order (k_facets).
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

const Taxonomy* facet_taxonomy(const Site& site, std::size_t facet) {
  const auto id = facet_taxonomy_id(facet);
  return id ? &site.taxonomy(*id) : nullptr;
}

constexpr std::size_t k_max_spelling_word_bytes = 64;

// Spelling words by how often they occur.
using WordCounts = std::unordered_map<std::string, Xapian::termcount>;

// Calls `take(word)` for each word of `normalized` (normalize_text's
// output) that goes into the spelling table: lowercase ASCII letters and
// digits, at least four characters, no stop words.
template <typename Take>
void for_each_spelling_word(std::string_view normalized, Take take) {
  // A hash set: bodies are most of the words, and a linear search of the
  // ~280 stop words per word made the index phase several times slower.
  static const std::unordered_set<std::string> stop(italian_stop_words().begin(), italian_stop_words().end());
  std::string word;
  const auto flush = [&]() {
    // Longer words than the term generator indexes (64 bytes, Xapian's
    // default) are left out: nobody types them, and a 250-byte word would
    // exceed Xapian's key limit (245 bytes) and fail the whole build.
    if (word.size() >= 4 && word.size() <= k_max_spelling_word_bytes && stop.count(word) == 0) {
      take(word);
    }
    word.clear();
  };
  for (const char c : normalized) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0) {
      word += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      flush();
    }
  }
  flush();
}

// Words of `text` for the spelling table (for_each_spelling_word), in order.
void add_spelling_words(const std::string& text, std::vector<std::string>& words) {
  for_each_spelling_word(normalize_text(text), [&](const std::string& word) { words.push_back(word); });
}

// Counts the spelling words of `normalized` into `counts`.
void count_spelling_words(std::string_view normalized, WordCounts& counts) {
  for_each_spelling_word(normalized, [&](const std::string& word) { ++counts[word]; });
}

// The spelling words of the text a document stores (title, summary, body):
// an in-place update finds them again in the old document's data.
std::vector<std::string> text_spelling_words(const std::string& title, const std::string& summary,
                                             const std::string& body) {
  std::vector<std::string> words;
  add_spelling_words(title, words);
  add_spelling_words(summary, words);
  add_spelling_words(body, words);
  return words;
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

class DocumentMaker {
 public:
  DocumentMaker(const Site& site, const std::array<std::size_t, k_facets.size()>& slots)
      : m_site(site), m_slots(slots) {
    for (const auto& word : italian_stop_words()) {
      m_stopper.add(word);
    }
    m_stems.set_stemmer(Xapian::Stem("italian"));
    m_stems.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    m_stems.set_stopper(&m_stopper);
    m_stems.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
    // The words as written (accent-folded, lowercase), beside their stems:
    // an exact match ranks above a stem match ("Marche" is not "Marco").
    m_exact.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    m_exact.set_stopper(&m_stopper);
    m_exact.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  }

  // The document of `story`. Its spelling words, which feed "typo
  // tolerance" (Xapian's spelling table), are counted into `spelling`: the
  // whole vocabulary a visitor meets (title, summary, body, labels, names,
  // places, interviews), taken from each field's text as it is indexed, so
  // a field is normalized once. The caller adds each distinct word once,
  // so the body costs a hash map increment per word, not a table update
  // (DESIGN.md measured 40 % of indexing time per occurrence).
  Xapian::Document make(const Story& story, WordCounts& spelling) {
    Xapian::Document doc;
    m_stems.set_document(doc);
    m_exact.set_document(doc);
    const std::string title = text(story.title.value, 5);
    m_stems.index_text(title, 1, k_prefix_title);
    count_spelling_words(title, spelling);
    count_spelling_words(text(story.summary.value, 2), spelling);
    count_spelling_words(text(story.body_text, 1), spelling);
    // The spelling words not in the document data, kept in a value.
    std::vector<std::string> meta;
    for (const std::string& field : {people(story), labels(story), quotes(story)}) {
      for_each_spelling_word(text(field, 1), [&](const std::string& word) {
        ++spelling[word];
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
    // a hit parses only the small JSON part.
    doc.set_data(data.dump() + "\n" + story.body_text);
    return doc;
  }

 private:
  // Indexes `raw` as stems and as exact words at the same positions, then
  // leaves a gap so that a phrase does not run across two fields. Returns
  // the text as indexed (normalize_text).
  std::string text(const std::string& raw, Xapian::termcount wdf) {
    std::string normalized = normalize_text(raw);
    const Xapian::termpos start = m_stems.get_termpos();
    m_stems.index_text(normalized, wdf);
    m_exact.set_termpos(start);
    m_exact.index_text(normalized, wdf);
    const Xapian::termpos end = std::max(m_stems.get_termpos(), m_exact.get_termpos()) + 1;
    m_stems.set_termpos(end);
    m_exact.set_termpos(end);
    return normalized;
  }

  static std::string quotes(const Story& story) {
    std::string out;
    for (const auto& interview : story.interviews) {
      out += interview.name + "\n" + interview.quote + "\n";
    }
    return out;
  }

  // School, place, teachers and partners, with the Italian names of foreign
  // cities (taxonomies.yaml `cities`).
  std::string people(const Story& story) const {
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
  std::string labels(const Story& story) const {
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

  const Site& m_site;
  std::array<std::size_t, k_facets.size()> m_slots;
  Xapian::SimpleStopper m_stopper;
  Xapian::TermGenerator m_stems;
  Xapian::TermGenerator m_exact;
};

json facet_metadata(const Site& site) {
  json facets = json::object();
  std::set<std::string, std::greater<>> years;
  for (const auto& story : site.stories) {
    if (!story.school_year.value.empty()) {
      years.insert(story.school_year.value);
    }
  }
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    json terms = json::array();
    if (const Taxonomy* taxonomy = facet_taxonomy(site, f)) {
      for (const auto& term : taxonomy->terms) {
        terms.push_back({{"id", term.id}, {"label", term.label}});
      }
    } else {
      for (const auto& year : years) {
        terms.push_back({{"id", school_year_id(year)}, {"label", year}});
      }
    }
    facets[k_facets[f].name] = terms;
  }
  return facets;
}

void write_shard(const Site& site, const std::string& dir, const std::vector<std::size_t>& stories,
                 const std::array<std::size_t, k_facets.size()>& slots) {
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  DocumentMaker maker(site, slots);
  WordCounts spelling;
  std::size_t pending = 0;
  for (const std::size_t i : stories) {
    const Story& story = site.stories[i];
    db.replace_document(std::string(k_prefix_id) + story.slug, maker.make(story, spelling));
    // Flushing every thousand documents keeps memory flat and was faster
    // than Xapian's default of ten thousand (DESIGN.md's measurements).
    if (++pending == 4000) {
      db.commit();
      pending = 0;
    }
  }
  // Counted first and added once per distinct word: labels and places
  // repeat across stories, and each add_spelling call costs a table update.
  for (const auto& [word, count] : spelling) {
    db.add_spelling(word, count);
  }
  db.commit();
}

}  // namespace

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

IndexStats write_index(const Site& site, const std::string& dir, unsigned jobs) {
  try {
    std::array<std::size_t, k_facets.size()> slots{};
    for (const auto& story : site.stories) {
      const auto values = facet_values(story);
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        slots[f] = std::max(slots[f], std::min<std::size_t>(values[f].size(), k_facet_slot_stride));
      }
    }
    // Shards of a few thousand stories each, built in parallel, then merged.
    // Each shard takes a contiguous run of stories and compaction appends
    // the shards in order, so document ids follow the stories' order
    // (newest first: the service lists the empty query by document id).
    const std::size_t shard_count = std::clamp<std::size_t>(site.stories.size() / 2000, 1, std::max(1U, jobs));
    std::vector<std::vector<std::size_t>> shards(shard_count);
    for (std::size_t i = 0; i < site.stories.size(); ++i) {
      shards[i * shard_count / site.stories.size()].push_back(i);
    }
    std::vector<std::string> shard_dirs;
    for (std::size_t s = 0; s < shard_count; ++s) {
      shard_dirs.push_back(shard_count == 1 ? dir : dir + ".shard-" + std::to_string(s));
    }
    util::parallel_for(shard_count, jobs, [&](std::size_t s) { write_shard(site, shard_dirs[s], shards[s], slots); });
    if (shard_count > 1) {
      Xapian::Database all;
      for (const auto& shard : shard_dirs) {
        all.add_database(Xapian::Database(shard));
      }
      all.compact(dir);
      for (const auto& shard : shard_dirs) {
        fs::remove_all(shard);
      }
    }
    {
      Xapian::WritableDatabase db(dir, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      json slot_counts = json::object();
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        slot_counts[k_facets[f].name] = slots[f];
      }
      db.set_metadata("schema_version", std::to_string(k_schema_version));
      db.set_metadata("facet_slots", slot_counts.dump());
      db.set_metadata("facets", facet_metadata(site).dump());
      db.commit();
    }
    IndexStats stats;
    stats.documents = site.stories.size();
    return stats;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search index: " + e.get_description());
  } catch (const fs::filesystem_error& e) {
    throw std::runtime_error(std::string("search index: ") + e.what());
  }
}

std::string stage_index(const Site& site, const std::string& target, unsigned jobs, IndexStats* stats) {
  static std::atomic<int> counter{0};
  const fs::path target_path(target);
  const fs::path parent = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  const std::string staging = (parent / ("." + target_path.filename().string() + ".staging-" +
                                         std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                                  .string();
  fs::remove_all(staging, ec);
  try {
    const IndexStats result = write_index(site, staging, jobs);
    if (stats != nullptr) {
      *stats = result;
    }
  } catch (...) {
    fs::remove_all(staging, ec);
    for (unsigned s = 0; s < std::max(1U, jobs); ++s) {
      fs::remove_all(staging + ".shard-" + std::to_string(s), ec);
    }
    throw;
  }
  return staging;
}

bool update_index(const Site& site, const std::string& dir, const std::vector<std::size_t>& changed,
                  const std::vector<std::string>& removed) {
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    std::array<std::size_t, k_facets.size()> slots{};
    const json stored = json::parse(db.get_metadata("facet_slots"), nullptr, false);
    if (!stored.is_object()) {
      return false;
    }
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      slots[f] = stored.value(k_facets[f].name, std::size_t{0});
    }
    for (const std::size_t i : changed) {
      const auto values = facet_values(site.stories[i]);
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        if (std::min<std::size_t>(values[f].size(), k_facet_slot_stride) > slots[f]) {
          return false;  // more values than the index has slots for: rebuild it
        }
      }
    }
    // The old document's spelling words leave the spelling data with it:
    // those of its stored text, and the others kept in a value.
    auto forget = [&db](const std::string& id_term) {
      const auto posting = db.postlist_begin(id_term);
      if (posting == db.postlist_end(id_term)) {
        return;
      }
      const Xapian::Document old = db.get_document(*posting);
      const std::string old_data = old.get_data();
      const json data = json::parse(document_json(old_data), nullptr, false);
      const auto newline = old_data.find('\n');
      std::vector<std::string> words =
          text_spelling_words(data.is_object() ? data.value("t", std::string()) : std::string(),
                              data.is_object() ? data.value("s", std::string()) : std::string(),
                              newline == std::string::npos ? std::string() : old_data.substr(newline + 1));
      std::istringstream meta(old.get_value(k_slot_spelling));
      for (std::string word; meta >> word;) {
        words.push_back(word);
      }
      std::unordered_map<std::string, Xapian::termcount> counts;
      for (auto& word : words) {
        ++counts[std::move(word)];
      }
      for (const auto& [word, count] : counts) {
        db.remove_spelling(word, count);
      }
    };
    for (const auto& slug : removed) {
      const std::string id_term = std::string(k_prefix_id) + slug;
      forget(id_term);
      db.delete_document(id_term);
    }
    DocumentMaker maker(site, slots);
    for (const std::size_t i : changed) {
      const Story& story = site.stories[i];
      const std::string id_term = std::string(k_prefix_id) + story.slug;
      forget(id_term);
      WordCounts counts;
      db.replace_document(id_term, maker.make(story, counts));
      for (const auto& [word, count] : counts) {
        db.add_spelling(word, count);
      }
    }
    db.set_metadata("facets", facet_metadata(site).dump());
    db.commit();
    return true;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search index: " + e.get_description());
  }
}

}  // namespace vetrina::search
