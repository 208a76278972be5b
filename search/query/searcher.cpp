#include "search/query/searcher.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "generator/util/strings.h"
#include "search/query/page_candidates.h"
#include "search/query/snippet.h"

namespace vetrina::search {

namespace {

using nlohmann::json;

// The databases a stub file lists, opened one by one (Xapian opens a stub as
// one combined database, whose metadata is only its first member's).
std::vector<Xapian::Database> stub_members(const std::string& path) {
  std::vector<Xapian::Database> members;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view text = util::trim(line);
    if (text.empty() || text[0] == '#') {
      continue;
    }
    if (util::starts_with(text, "remote ")) {
      const std::string target(util::trim(text.substr(7)));
      const auto colon = target.rfind(':');
      if (colon == std::string::npos || target[0] == ':') {
        throw std::runtime_error("stub " + path + ": write remote shards as 'remote HOST:PORT'");
      }
      members.push_back(
          Xapian::Remote::open(target.substr(0, colon), static_cast<unsigned>(std::stoul(target.substr(colon + 1)))));
    } else {
      const auto space = text.find(' ');
      std::string member(space == std::string_view::npos ? text : util::trim(text.substr(space + 1)));
      if (!member.empty() && member[0] != '/') {
        member = (std::filesystem::path(path).parent_path() / member).string();
      }
      members.emplace_back(member);
    }
  }
  return members;
}

// `open()`, with Xapian's errors made readable.
template <typename Open>
auto opening(const std::string& path, Open open) {
  try {
    return open();
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open the search index at " + path + ": " + e.get_description() +
                             " (run 'vetrina build' to make it)");
  }
}

IndexInfo info_of(const Xapian::Database& db, const std::string& path) {
  return opening(path, [&] {
    IndexInfo info = read_index_info(db);
    if (std::filesystem::is_regular_file(path)) {
      // Shards may use different numbers of slots per facet: count them all.
      for (const auto& member : stub_members(path)) {
        const IndexInfo other = read_index_info(member);
        for (std::size_t f = 0; f < k_facets.size(); ++f) {
          info.slots[f] = std::max(info.slots[f], other.slots[f]);
        }
      }
    }
    return info;
  });
}

// An address the indexer writes: a path of this site ("/..."), never a
// scheme ("javascript:") or another host ("//host"). A compromised index
// must not turn a result link into script (mustache escapes HTML, not URLs).
bool is_site_path(const std::string& url) {
  return url.size() >= 1 && url[0] == '/' && (url.size() == 1 || (url[1] != '/' && url[1] != '\\')) &&
         std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

Searcher::Searcher(const std::string& path, std::size_t term_cache_entries)
    : m_db(opening(path, [&] { return Xapian::Database(path); })),
      m_info(info_of(m_db, path)),
      m_bitsets(std::filesystem::is_regular_file(path)
                    ? nullptr
                    : opening(path, [&] { return BitsetIndex::of(m_db, term_cache_entries); })),
      m_hits(m_bitsets ? opening(path, [&] { return HitStore::of(m_db); }) : nullptr),
      m_planner(m_db),
      m_counter(m_db, m_bitsets, m_info.slots) {}

// The document data is small JSON, a newline, the snippet text (schema.h).
StoredHit Searcher::decode(const std::string& stored) const {
  const json data = json::parse(document_json(stored));
  StoredHit decoded;
  SearchHit& hit = decoded.hit;
  hit.url = data.at("u").get<std::string>();
  if (!is_site_path(hit.url)) {
    throw std::runtime_error("the index holds a result address that is not a path of the site");
  }
  hit.title = data.at("t").get<std::string>();
  hit.summary = data.at("s").get<std::string>();
  hit.school_year = data.at("y").get<std::string>();
  hit.example = data.contains("x") && data.at("x").is_boolean() && data.at("x").get<bool>();
  if (data.contains("c")) {
    hit.cover = data.at("c").get<std::string>();
    if (!is_site_path(hit.cover)) {
      hit.cover.clear();
    }
  }
  for (const auto& id : data.at("l")) {
    const FacetTerm* term = m_info.find(0, id.get<std::string>());
    hit.levels.push_back(term != nullptr ? *term : FacetTerm{id.get<std::string>(), id.get<std::string>()});
  }
  if (stored.find('\n') != std::string::npos && data.contains("n") && data.at("n").is_number_unsigned()) {
    decoded.packed_text = document_packed_text(stored);
    decoded.text_size = data.at("n").get<std::size_t>();
    decoded.has_text = true;
  }
  return decoded;
}

std::shared_ptr<const StoredHit> Searcher::stored_hit(Xapian::docid id) {
  const auto decoder = [this](const std::string& data) { return decode(data); };
  if (m_hits) {
    return m_hits->get(m_db, id, decoder);
  }
  return std::make_shared<const StoredHit>(decode(m_db.get_document(id).get_data()));
}

SearchResult Searcher::search(const SearchRequest& request) {
  try {
    SearchResult result;
    result.query = request.query;
    result.page = request.page;

    const TextPlan plan = request.query.empty() ? TextPlan{} : m_planner.plan(request.query);
    Xapian::Query text = request.query.empty() ? Xapian::Query::MatchAll : plan.all;
    const auto first = static_cast<Xapian::doccount>((request.page - 1) * k_results_per_page);
    auto ranked_page = [&](const Xapian::Query& filter) {
      Xapian::Enquire enquire(m_db);
      enquire.set_query(filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, filter));
      if (request.query.empty() || request.sort_recent) {
        enquire.set_sort_by_value_then_relevance(k_slot_date, true);
      } else {
        enquire.set_sort_by_relevance_then_value(k_slot_date, true);
      }
      // The ranked page needs only its ten documents: no check_at_least, so
      // Xapian can stop early. The exact total is counted apart.
      return enquire.get_mset(first, k_results_per_page);
    };

    FacetTally tally;
    auto recount = [&](const Xapian::Query& query) {
      tally = m_counter.count(request, query);
      result.total = tally.total;
    };
    recount(text);
    // Every word together found nothing: the results with most of the words,
    // ranked by all of them (a document with more words weighs more).
    // (Only when the words find nothing even without the filters: otherwise
    // the filters are what to widen, and the page says which.)
    auto found_without_filters = [&]() {
      bool filtered = false;
      for (const auto& selected : request.selected) {
        filtered = filtered || !selected.empty();
      }
      if (!filtered) {
        return false;  // the count above was already without filters
      }
      SearchRequest unfiltered = request;
      unfiltered.selected = {};
      return m_counter.count(unfiltered, text).total > 0;
    };
    if (result.total == 0 && plan.words.size() >= 2 && !found_without_filters()) {
      const std::size_t n = plan.words.size();
      std::vector<Xapian::Query> found;  // the words found somewhere
      for (const auto& word : plan.words) {
        if (word.get_type() != Xapian::Query::LEAF_MATCH_NOTHING) {
          found.push_back(word);
        }
      }
      const Xapian::Query any(Xapian::Query::OP_OR, found.begin(), found.end());
      // Long queries go straight to "any of the words": the combinations of
      // many words would cost more than they help.
      const std::size_t most = found.size() > k_max_relaxed_words ? 1 : std::min(n - 1, found.size());
      for (std::size_t k = most; k >= 1; --k) {
        if (k > 1 && combinations(found.size(), k) > k_max_combinations) {
          continue;
        }
        const Xapian::Query relaxed = k == 1 ? any : Xapian::Query(Xapian::Query::OP_FILTER, any, at_least(found, k));
        recount(relaxed);
        if (result.total > 0) {
          text = relaxed;
          result.relaxed = SearchResult::Relaxed{k, n};
          break;
        }
      }
      if (result.total == 0) {
        recount(text);  // the facet counts and filters of the query as typed
      }
    }
    if (plan.corrected && result.total > 0) {
      std::string searched;
      for (const auto& word : plan.searched) {
        searched += (searched.empty() ? "" : " ") + word;
      }
      result.corrected_query = searched;
    }
    if (result.total == 0) {
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        if (!request.selected[f].empty() && tally.widened[f] > 0) {
          result.widen.push_back({f, tally.widened[f]});
        }
      }
    }

    Xapian::MSet mset;                  // the ranked page, when Xapian ranks it
    std::vector<Xapian::docid> listed;  // the page, when listed by document id
    if (m_bitsets) {
      if (request.query.empty() && m_bitsets->ids_in_date_order()) {
        listed = tally.matches.members(first, k_results_per_page);  // newest first, as the sort by date
      } else if (result.total > first) {
        // Filtered by the exact matches: Xapian then skips through the text's
        // posting lists from one match to the next, without the facet terms;
        // when ranked by relevance, only through the few matches that can be
        // on the page (page_candidates.h), or not at all when the page's
        // order is known exactly.
        const PostingsReader postings = [this](const std::string& term) { return m_bitsets->postings(m_db, term); };
        const LengthReader length = [this](Xapian::docid id) { return m_bitsets->length(id); };
        PagePlan plan_of_page;
        if (!request.sort_recent) {
          plan_of_page = plan_page(m_db, plan.leaves, tally.matches, first + k_results_per_page,
                                   m_bitsets->ids_in_date_order(), postings, length, m_scratch);
        }
        if (plan_of_page.page && plan_of_page.page->size() > first) {
          listed.assign(plan_of_page.page->begin() + first, plan_of_page.page->end());
        } else {
          DocSet& ranked = plan_of_page.candidates ? *plan_of_page.candidates : tally.matches;
          mset = ranked_page(Xapian::Query((new DocSetSource(std::move(ranked)))->release()));
        }
      }
    } else if (result.total > first) {
      mset = ranked_page(m_counter.filter_query(request, std::nullopt));
    }

    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      const auto& selected = request.selected[f];
      if (f == k_facet_anno) {
        // School years: every value counted, newest first, plus the selected ones.
        std::map<std::string, std::size_t, std::greater<>> years(tally.counts[f].begin(), tally.counts[f].end());
        for (const auto& id : selected) {
          years.emplace(id, 0);
        }
        for (const auto& [id, count] : years) {
          const bool is_selected = std::find(selected.begin(), selected.end(), id) != selected.end();
          result.facets[f].push_back({id, school_year_label(id).value_or(id), count, is_selected});
        }
        continue;
      }
      for (const auto& term : m_info.terms[f]) {
        const auto it = tally.counts[f].find(term.id);
        const bool is_selected = std::find(selected.begin(), selected.end(), term.id) != selected.end();
        const std::size_t count = it == tally.counts[f].end() ? 0 : it->second;
        if (count > 0 || is_selected) {
          result.facets[f].push_back({term.id, term.label, count, is_selected});
        }
      }
    }

    const Snippets snippets(text, m_planner.stemmer());
    // A hit as the card shows it: its snippet from the field that matched,
    // the summary when a query word is in it (the card shows no other
    // summary), else the body; without a query, the summary.
    auto add_hit = [&](Xapian::docid id) {
      const std::shared_ptr<const StoredHit> stored = stored_hit(id);
      SearchHit hit = stored->hit;
      if (!request.query.empty()) {
        hit.snippet = snippets.make_whole(hit.summary);
        if (hit.snippet.empty() && stored->has_text) {
          hit.snippet = snippets.make(stored->packed_text, stored->text_size);
        }
      }
      if (hit.snippet.empty()) {
        hit.snippet = util::html_escape(hit.summary);
      }
      result.hits.push_back(std::move(hit));
    };
    for (const Xapian::docid id : listed) {
      add_hit(id);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      add_hit(*it);
    }

    // "Forse cercavi" only when nothing was found, and only a correction
    // that finds something (the words' own corrections are applied above).
    if (result.total == 0 && !request.query.empty()) {
      const std::string correction = m_planner.spelling_correction(request.query);
      if (!correction.empty() &&
          util::to_lower_ascii(correction) != util::to_lower_ascii(normalize_text(request.query))) {
        SearchRequest corrected = request;
        corrected.query = correction;
        const TextPlan corrected_plan = m_planner.plan(correction);
        if (m_counter.count(corrected, corrected_plan.all).total > 0) {
          result.suggestion = correction;
        }
      }
    }
    return result;
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search failed: " + e.get_description());
  }
}

std::string Searcher::revision() const {
  try {
    return std::to_string(m_db.get_revision());
  } catch (const Xapian::Error&) {
    return "";
  }
}

}  // namespace vetrina::search
