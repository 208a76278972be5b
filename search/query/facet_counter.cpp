#include "search/query/facet_counter.h"

#include <utility>
#include <vector>

namespace vetrina::search {

FacetCounter::FacetCounter(const Xapian::Database& db, std::shared_ptr<BitsetIndex> bitsets,
                           const std::array<std::size_t, k_facets.size()>& slots)
    : m_db(db), m_bitsets(std::move(bitsets)), m_slots(slots) {}

FacetTally FacetCounter::count(const SearchRequest& request, const Xapian::Query& text) const {
  return m_bitsets ? count_local(request, text) : count_with_spies(request, text);
}

Xapian::Query FacetCounter::filter_query(const SearchRequest& request, std::optional<std::size_t> except) const {
  std::vector<Xapian::Query> facets;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (request.selected[f].empty() || (except && *except == f)) {
      continue;
    }
    std::vector<Xapian::Query> values;
    for (const auto& id : request.selected[f]) {
      values.emplace_back(std::string(k_facets[f].prefix) + id);
    }
    facets.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
  }
  if (facets.empty()) {
    return Xapian::Query();
  }
  return Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end());
}

FacetTally FacetCounter::count_local(const SearchRequest& request, const Xapian::Query& text) const {
  FacetTally tally;
  const DocSet text_matches = request.query.empty()
                                  ? m_bitsets->all()
                                  : matching_documents(m_db, text, m_bitsets->all(), [this](const std::string& term) {
                                      return m_bitsets->documents_with(m_db, term);
                                    });
  std::array<std::optional<DocSet>, k_facets.size()> chosen;  // each selection's documents
  tally.matches = text_matches;
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (!request.selected[f].empty()) {
      chosen[f] = m_bitsets->with_any(f, request.selected[f]);
      tally.matches &= *chosen[f];
    }
  }
  tally.total = tally.matches.count();
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    // The documents facet f is counted over: every selection but its own.
    std::optional<DocSet> widened;
    if (chosen[f]) {
      widened = text_matches;
      for (std::size_t g = 0; g < k_facets.size(); ++g) {
        if (g != f && chosen[g]) {
          *widened &= *chosen[g];
        }
      }
    }
    if (widened) {
      tally.widened[f] = widened->count();
    }
    const DocSet& scope = widened ? *widened : tally.matches;
    for (const auto& value : m_bitsets->values(f)) {
      if (const std::size_t count = scope.count_common(value.documents); count > 0) {
        tally.counts[f][value.id] = count;
      }
    }
  }
  return tally;
}

FacetTally FacetCounter::count_with_spies(const SearchRequest& request, const Xapian::Query& text) const {
  FacetTally tally;
  auto combined = [&](const Xapian::Query& filter) {
    return filter.empty() ? text : Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
  };
  const Xapian::doccount all = m_db.get_doccount();
  using Spies = std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>;
  std::array<Spies, k_facets.size()> spies;
  auto add_spies = [&](Xapian::Enquire& enquire, std::size_t f) {
    for (std::size_t i = 0; i < m_slots[f]; ++i) {
      spies[f].push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(f, i)));
      enquire.add_matchspy(spies[f].back().get());
    }
  };
  // Counting runs apart from the ranked page, unweighted, over every match:
  // spies on the page's own query over-count over remote shards (Xapian
  // 1.4 sends documents of the returned page to the spies twice).
  {
    Xapian::Enquire counting(m_db);
    counting.set_query(combined(filter_query(request, std::nullopt)));
    counting.set_weighting_scheme(Xapian::BoolWeight());
    for (std::size_t f = 0; f < k_facets.size(); ++f) {
      if (request.selected[f].empty() && m_slots[f] > 0) {
        add_spies(counting, f);
      }
    }
    // check_at_least = every document: the spies see every match and the
    // count is exact, not an estimate.
    tally.total = counting.get_mset(0, 0, all).get_matches_estimated();
  }
  // Facets with a selection: counted with that selection removed.
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (request.selected[f].empty()) {
      continue;
    }
    Xapian::Enquire widened(m_db);
    widened.set_query(combined(filter_query(request, f)));
    widened.set_weighting_scheme(Xapian::BoolWeight());
    add_spies(widened, f);
    tally.widened[f] = widened.get_mset(0, 0, all).get_matches_estimated();
  }
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    for (const auto& spy : spies[f]) {
      for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
        tally.counts[f][*it] += it.get_termfreq();
      }
    }
  }
  return tally;
}

}  // namespace vetrina::search
