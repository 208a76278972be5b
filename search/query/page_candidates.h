#pragma once
// The few documents that can be on a ranked page, found without Xapian's
// matcher. Ranking every match through Xapian costs a posting-list decode
// per query term over all of them (about 3.5 ms for ~11,000 matches at
// 100,000 stories); here each match's BM25 weight is bounded from the terms'
// wdf kept in memory (bitset_index.h: one byte per document for frequent
// terms) and the documents' lengths, and only the matches whose upper bound
// reaches the `needed`-th largest lower bound are kept. Xapian then ranks
// those few exactly (same weights, same order, same snippets): every
// document of its first `needed` results is among them, because at least
// `needed` documents weigh at least that lower bound.
//
// The bounds follow Xapian 1.4's BM25Weight with its default parameters
// (k1 = 1, k2 = 0, k3 = 1, b = 0.5, min_normlen = 0.5): a term weighs
// (k1 + 1) * factor * log(idf') * wdf / (k1 * (b * normlen + 1 - b) + wdf).
// A synonym (the last word's prefix expansions) weighs as one term whose
// wdf is its terms' sum and whose termfreq Xapian estimates
// (synonym_termfreq). The bounds are exact except for a saturated wdf (255
// or more in the byte kept: then between the weight at 255 and the limit at
// infinity). Floating-point differences from Xapian's own sums are absorbed
// by a relative margin of 1e-9.
//
// When the bounds are exact, exact_page orders the page itself and Xapian
// does not rank at all: its final pass read each query term's posting-list
// blocks around every candidate (about 95 `pread`s a request at 100,000
// stories), a fifth of a request's CPU.
//
// Thread-safety: plain functions; `db` and the scratch space must not be
// used by another thread meanwhile.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "search/query/doc_set.h"
#include "search/query/query_planner.h"

namespace vetrina::search {

// Reads a term's postings (BitsetIndex::postings).
using PostingsReader = std::function<std::shared_ptr<const TermPostings>(const std::string& term)>;
// A document's length (BitsetIndex::length).
using LengthReader = std::function<Xapian::termcount(Xapian::docid)>;

// Working space of the functions below, kept by the caller from one query to
// the next (each Searcher keeps one): about 50 bytes per match (600 KB for
// the 11,000 matches of two common words at 100,000 stories), which malloc would otherwise give back to the system and
// fault in again every time.
struct BoundsScratch {
  std::vector<Xapian::docid> ids;
  std::vector<double> k_part;
  std::vector<double> low;
  std::vector<double> high;
  std::vector<double> lows;
  std::vector<double> w;
  std::vector<Xapian::termcount> wdf;
  std::vector<std::uint8_t> saturated;
  std::vector<std::uint32_t> order;
  // Per leaf, its weight and its terms' postings (exact_page's tie checks).
  std::vector<std::pair<double, std::vector<std::shared_ptr<const TermPostings>>>> leaves;
};

// Of `matches` (exactly the documents the query of `leaves` matches, after
// filters), a subset holding every document Xapian's BM25 ranking by
// relevance would put among the first `needed`; nullopt when the leaves do
// not describe the query's weights (none, or a term in two leaves, whose
// weights Xapian may merge). Throws Xapian::Error.
std::optional<DocSet> page_candidates(const Xapian::Database& db, const std::vector<WeightedLeaf>& leaves,
                                      const DocSet& matches, std::size_t needed, const PostingsReader& postings,
                                      const LengthReader& length, BoundsScratch& scratch);

// Xapian 1.4's estimate of the termfreq of a synonym of terms with these
// termfreqs in a collection of `collection` documents (exposed for tests).
Xapian::doccount synonym_termfreq(std::vector<Xapian::doccount> freqs, Xapian::doccount collection);

// The first `needed` of `matches` (or all of them) exactly as Xapian's BM25
// ranking by relevance, ties newest first, would order them, when the
// bounds above are the weights themselves: no match's wdf saturated in the
// bytes kept. Document ids must follow date
// order (BitsetIndex::ids_in_date_order), so that ties go by id. nullopt
// otherwise: then let Xapian rank page_candidates. The weights are summed in
// another order than Xapian's, so two documents whose weights differ only in
// the last bits could come in another order: when two neighbours of the
// page (its last one and the next included) weigh the same to 1e-12 and
// their leaves' parts differ, nullopt too. Documents whose parts are the
// same tie in both, and go by id. Throws Xapian::Error.
std::optional<std::vector<Xapian::docid>> exact_page(const Xapian::Database& db,
                                                     const std::vector<WeightedLeaf>& leaves, const DocSet& matches,
                                                     std::size_t needed, const PostingsReader& postings,
                                                     const LengthReader& length, BoundsScratch& scratch);

// What the searcher asks: exact_page's page when it can give one
// (`ids_in_date_order` as BitsetIndex says), else page_candidates' subset,
// the matches weighed once for both. Neither when the leaves cannot be
// bounded: then Xapian ranks every match.
struct PagePlan {
  std::optional<std::vector<Xapian::docid>> page;
  std::optional<DocSet> candidates;
};
PagePlan plan_page(const Xapian::Database& db, const std::vector<WeightedLeaf>& leaves, const DocSet& matches,
                   std::size_t needed, bool ids_in_date_order, const PostingsReader& postings,
                   const LengthReader& length, BoundsScratch& scratch);

}  // namespace vetrina::search
