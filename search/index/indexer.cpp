#include "search/index/indexer.h"

#include <unistd.h>

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "generator/util/packed_text.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"
#include "search/index/document_maker.h"
#include "search/index/glass_tables.h"
#include "search/index/schema.h"

namespace vetrina::search {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const Taxonomy* facet_taxonomy(const Site& site, std::size_t facet) {
  const auto id = facet_taxonomy_id(facet);
  return id ? &site.taxonomy(*id) : nullptr;
}

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

// Stories prepared together (in parallel) before the writer takes them,
// and documents between two commits. Xapian buffers every posting and
// position list of the documents since the last commit in maps keyed by
// term (then by document id): inserting into those maps is most of
// add_document, and it grows with what they hold (cache misses), while a
// commit costs little more for fewer documents. The writer thread's own
// CPU time at 10,000 stories (add_document + commit, three alternated
// runs each, docs/performance.md): every 2,000 documents 8.9-11.6 s, 1,000
// 7.7-8.2 s, 500 6.7-8.1 s, 200 6.2-7.0 s, 128-150 6.0-6.9 s, 100 6.2-6.5 s,
// 50 7.3 s (the commits' share grows below 100). So every batch is
// committed: 128 documents. Xapian's default is 10,000.
constexpr std::size_t k_batch = 128;
constexpr std::size_t k_commit_every = k_batch;

// Writes every story's document into a new database at `dir`, in the
// stories' order (document ids follow it: newest first, and the service
// lists the empty query by document id). Documents are prepared in batches
// by `jobs` threads, one DocumentMaker each, while this thread writes the
// batch before: Xapian's WritableDatabase has a single writer, but
// tokenizing, stemming and building a document's term list (about a third
// of the work) need no database.
void write_documents(const Site& site, const std::string& dir, const std::array<std::size_t, k_facets.size()>& slots,
                     unsigned jobs) {
  // Created, then its document data and term lists set to be stored
  // without zlib (glass_tables.h), then opened to write.
  Xapian::WritableDatabase(dir, Xapian::DB_CREATE | Xapian::DB_NO_SYNC).close();
  store_tables_uncompressed(dir);
  Xapian::WritableDatabase db(dir, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
  const unsigned workers = std::max(1U, jobs);
  std::vector<std::unique_ptr<DocumentMaker>> makers(workers);
  std::vector<WordCounts> spelling(workers);
  const std::size_t count = site.stories.size();
  const std::size_t batches = (count + k_batch - 1) / k_batch;
  auto prepare = [&](std::size_t batch) {
    const std::size_t first = batch * k_batch;
    std::vector<Xapian::Document> documents(std::min(k_batch, count - first));
    util::parallel_for_worker(documents.size(), workers, [&](std::size_t i, unsigned worker) {
      if (!makers[worker]) {
        makers[worker] = std::make_unique<DocumentMaker>(site, slots);
      }
      documents[i] = makers[worker]->make(site.stories[first + i], spelling[worker]);
    });
    return documents;
  };
  // Declared after what `prepare` uses: if writing throws, its destructor
  // waits for the batch in preparation before those go.
  std::future<std::vector<Xapian::Document>> next;
  if (batches > 0) {
    next = std::async(std::launch::async, prepare, std::size_t{0});
  }
  std::size_t pending = 0;
  for (std::size_t batch = 0; batch < batches; ++batch) {
    const std::vector<Xapian::Document> documents = next.get();
    if (batch + 1 < batches) {
      next = std::async(std::launch::async, prepare, batch + 1);
    }
    for (const auto& document : documents) {
      // A fresh database and unique slugs (validated): no id term to look up.
      db.add_document(document);
      if (++pending == k_commit_every) {
        db.commit();
        pending = 0;
      }
    }
  }
  // Counted first and added once per distinct word: labels and places
  // repeat across stories, and each add_spelling call costs a table update.
  for (std::size_t w = 1; w < workers; ++w) {
    spelling[w].for_each([&](const std::string& word, Xapian::termcount n) { spelling[0].add(word, n); });
  }
  spelling[0].for_each([&](const std::string& word, Xapian::termcount n) { db.add_spelling(word, n); });
  db.commit();
}

}  // namespace

IndexStats write_index(const Site& site, const std::string& dir, unsigned jobs) {
  try {
    std::array<std::size_t, k_facets.size()> slots{};
    for (const auto& story : site.stories) {
      const auto values = facet_values(story);
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        slots[f] = std::max(slots[f], std::min<std::size_t>(values[f].size(), k_facet_slot_stride));
      }
    }
    write_documents(site, dir, slots, jobs);
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
      const std::size_t size =
          data.is_object() && data.contains("n") && data["n"].is_number_unsigned() ? data["n"].get<std::size_t>() : 0;
      std::vector<std::string> words =
          text_spelling_words(data.is_object() ? data.value("t", std::string()) : std::string(),
                              data.is_object() ? data.value("s", std::string()) : std::string(),
                              util::unpack_prefix(document_packed_text(old_data), size, size).value_or(std::string()));
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
      counts.for_each([&](const std::string& word, Xapian::termcount n) { db.add_spelling(word, n); });
    }
    db.set_metadata("facets", facet_metadata(site).dump());
    db.commit();
    return true;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search index: " + e.get_description());
  }
}

}  // namespace vetrina::search
