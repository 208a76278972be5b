#include "search/index/indexer.h"

#include <unistd.h>

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

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

class DocumentMaker {
 public:
  explicit DocumentMaker(const std::array<std::size_t, k_facets.size()>& slots) : m_slots(slots) {
    for (const auto& word : italian_stop_words()) {
      m_stopper.add(word);
    }
    m_generator.set_stemmer(Xapian::Stem("italian"));
    m_generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    m_generator.set_stopper(&m_stopper);
    m_generator.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
  }

  Xapian::Document make(const Story& story) {
    Xapian::Document doc;
    m_generator.set_document(doc);
    const std::string title = normalize_text(story.title.value);
    m_generator.index_text(title, 5);
    m_generator.index_text(title, 1, k_prefix_title);
    m_generator.increase_termpos();
    m_generator.index_text(normalize_text(story.summary.value), 2);
    m_generator.increase_termpos();
    m_generator.index_text(normalize_text(story.body_text));
    m_generator.increase_termpos();
    std::string people = story.school_name + "\n" + story.city + "\n";
    for (const auto& teacher : story.teachers) {
      people += teacher + "\n";
    }
    for (const auto& partner : story.partners) {
      people += partner.school + "\n" + partner.city + "\n";
    }
    m_generator.index_text(normalize_text(people));

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

  // Title words feed "Forse cercavi" (spelling data from titles only: it is
  // the costly part of indexing and titles carry the words people type).
  // Words longer than the term generator indexes (64 bytes, Xapian's
  // default) are left out: nobody types them, and a 250-byte word would
  // exceed Xapian's key limit (245 bytes) and fail the whole build.
  static std::vector<std::string> spelling_words(const Story& story) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : util::to_lower_ascii(normalize_text(story.title.value)) + " ") {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        word += c;
      } else {
        const auto& stop = italian_stop_words();
        if (word.size() >= 4 && word.size() <= k_max_spelling_word_bytes &&
            std::find(stop.begin(), stop.end(), word) == stop.end()) {
          words.push_back(word);
        }
        word.clear();
      }
    }
    return words;
  }

 private:
  std::array<std::size_t, k_facets.size()> m_slots;
  Xapian::SimpleStopper m_stopper;
  Xapian::TermGenerator m_generator;
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
  DocumentMaker maker(slots);
  std::size_t pending = 0;
  for (const std::size_t i : stories) {
    const Story& story = site.stories[i];
    db.replace_document(std::string(k_prefix_id) + story.slug, maker.make(story));
    // Flushing every thousand documents keeps memory flat and was faster
    // than Xapian's default of ten thousand (DESIGN.md's measurements).
    if (++pending == 4000) {
      db.commit();
      pending = 0;
    }
    for (const auto& word : DocumentMaker::spelling_words(story)) {
      db.add_spelling(word);
    }
  }
  db.commit();
}

}  // namespace

std::optional<TaxonomyId> facet_taxonomy_id(std::size_t facet) {
  static_assert(k_facets.size() == 8, "a facet was added to schema.h: map it here");
  switch (facet) {
    case 0: return TaxonomyId::livello;
    case 1: return TaxonomyId::competenza;
    case 2: return TaxonomyId::disciplina;
    case 4: return TaxonomyId::paese;
    case 5: return TaxonomyId::regione;
    case 6: return TaxonomyId::tipo;
    case 7: return TaxonomyId::premio;
    default: return std::nullopt;  // anno (k_facet_anno)
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
    const std::size_t shard_count =
        std::clamp<std::size_t>(site.stories.size() / 2000, 1, std::max(1U, jobs));
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
    // The old document's title words leave the spelling data with it.
    auto forget = [&db](const std::string& id_term) {
      const auto posting = db.postlist_begin(id_term);
      if (posting == db.postlist_end(id_term)) {
        return;
      }
      const json data = json::parse(document_json(db.get_document(*posting).get_data()), nullptr, false);
      Story old;
      old.title.value = data.is_object() ? data.value("t", std::string()) : std::string();
      for (const auto& word : DocumentMaker::spelling_words(old)) {
        db.remove_spelling(word);
      }
    };
    for (const auto& slug : removed) {
      const std::string id_term = std::string(k_prefix_id) + slug;
      forget(id_term);
      db.delete_document(id_term);
    }
    DocumentMaker maker(slots);
    for (const std::size_t i : changed) {
      const Story& story = site.stories[i];
      const std::string id_term = std::string(k_prefix_id) + story.slug;
      forget(id_term);
      db.replace_document(id_term, maker.make(story));
      for (const auto& word : DocumentMaker::spelling_words(story)) {
        db.add_spelling(word);
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
