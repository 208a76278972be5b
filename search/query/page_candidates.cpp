#include "search/query/page_candidates.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <set>

namespace vetrina::search {

namespace {

// Xapian::BM25Weight's defaults (Enquire's weighting scheme when none is set).
constexpr double k_k1 = 1.0;
constexpr double k_b = 0.5;
constexpr double k_min_normlen = 0.5;
// Relative slack for the differences between these sums and Xapian's.
constexpr double k_margin = 1e-9;
// Two weights closer than this (relative) may be ordered otherwise by
// Xapian's sums (exact_page).
constexpr double k_tie = 1e-12;

// BM25Weight::init without a relevance set, wqf 1 (k3's factor is then 1).
double term_weight(Xapian::doccount collection, double termfreq, double factor) {
  double tw = (static_cast<double>(collection) - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) {
    tw = tw * 0.5 + 1;
  }
  return std::log(tw) * factor * (k_k1 + 1);
}

}  // namespace

Xapian::doccount synonym_termfreq(std::vector<Xapian::doccount> freqs, Xapian::doccount collection) {
  if (freqs.empty() || collection == 0) {
    return 0;
  }
  // Xapian 1.4 builds a synonym's OR tree as a Huffman tree (OrContext:
  // the two smallest estimates joined first) and estimates each node's
  // termfreq assuming independence, l + r - l * r / N, rounded to a count.
  std::priority_queue<Xapian::doccount, std::vector<Xapian::doccount>, std::greater<>> heap(freqs.begin(), freqs.end());
  const auto n = static_cast<double>(collection);
  while (heap.size() > 1) {
    const auto r = static_cast<double>(heap.top());
    heap.pop();
    const auto l = static_cast<double>(heap.top());
    heap.pop();
    heap.push(static_cast<Xapian::doccount>(l + r - (l * r / n) + 0.5));
  }
  return heap.top();
}

namespace {

// Adds each of `ids`' wdf of `postings` to `wdf`, marking saturated bytes.
void add_wdf(const TermPostings& postings, const std::vector<Xapian::docid>& ids, std::vector<Xapian::termcount>& wdf,
             std::vector<std::uint8_t>& saturated) {
  if (!postings.dense.empty()) {
    const std::size_t size = postings.dense.size();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const std::uint8_t w = ids[i] < size ? postings.dense[ids[i]] : 0;
      wdf[i] += w;
      saturated[i] |= static_cast<std::uint8_t>(w == TermPostings::k_saturated);
    }
    return;
  }
  // Both sorted by id: one merge.
  std::size_t i = 0;
  for (const auto& [id, w] : postings.sparse) {
    while (i < ids.size() && ids[i] < id) {
      ++i;
    }
    if (i == ids.size()) {
      break;
    }
    if (ids[i] == id) {
      wdf[i] += w;
    }
  }
}

// Adds a leaf's part of each match's weight, `weight * w / (k + w)`, to its
// bounds; a saturated wdf adds the limit, `weight`, to the upper one. The
// sums are the same, to the bit, whatever instructions the compiler picks
// (IEEE division and addition; a wdf of 0 adds 0): vector units where the
// machine has them, chosen when the program loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void add_parts(double weight, const double* w, const std::uint8_t* saturated, const double* k_part, double* low,
               double* high, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    const double part = weight * (w[i] / (k_part[i] + w[i]));
    low[i] += part;
    high[i] += saturated[i] != 0 ? weight : part;
  }
}

// Document `id`'s wdf in `postings`.
Xapian::termcount wdf_of(const TermPostings& postings, Xapian::docid id) {
  if (!postings.dense.empty()) {
    return id < postings.dense.size() ? postings.dense[id] : 0;
  }
  const auto it = std::lower_bound(postings.sparse.begin(), postings.sparse.end(), id,
                                   [](const auto& posting, Xapian::docid wanted) { return posting.first < wanted; });
  return it != postings.sparse.end() && it->first == id ? it->second : 0;
}

// Whether the matches at positions `a` and `b` weigh the same in every leaf
// (then their sums are the same in any order, Xapian's too).
bool same_parts(const BoundsScratch& scratch, std::size_t a, std::size_t b) {
  for (const auto& [weight, read] : scratch.leaves) {
    Xapian::termcount wdf_a = 0;
    Xapian::termcount wdf_b = 0;
    for (const auto& term_postings : read) {
      wdf_a += wdf_of(*term_postings, scratch.ids[a]);
      wdf_b += wdf_of(*term_postings, scratch.ids[b]);
    }
    const auto wa = static_cast<double>(wdf_a);
    const auto wb = static_cast<double>(wdf_b);
    if (weight * (wa / (scratch.k_part[a] + wa)) != weight * (wb / (scratch.k_part[b] + wb))) {
      return false;
    }
  }
  return true;
}

// Whether the leaves describe the query's weights: some, and no term in two
// of them (Xapian may merge its weights).
bool boundable(const std::vector<WeightedLeaf>& leaves) {
  std::set<std::string> seen;
  for (const auto& leaf : leaves) {
    for (const auto& term : leaf.terms) {
      if (!seen.insert(term).second) {
        return false;
      }
    }
  }
  return !leaves.empty();
}

// Fills `scratch` with the ids of `matches` and their weights' bounds (low,
// high), and the leaves' weights and postings. Returns whether every bound
// is the weight itself: no match's wdf saturated in the bytes kept.
bool weigh(const Xapian::Database& db, const std::vector<WeightedLeaf>& leaves, const DocSet& matches,
           const PostingsReader& postings, const LengthReader& length, BoundsScratch& scratch) {
  bool exact = true;
  scratch.leaves.clear();
  scratch.ids.clear();
  matches.for_each([&](Xapian::docid id) { scratch.ids.push_back(id); });
  const std::vector<Xapian::docid>& ids = scratch.ids;
  const std::size_t n = ids.size();
  const Xapian::doccount collection = db.get_doccount();
  const double average = db.get_avlength();
  const double len_factor = average != 0 ? 1 / average : 0;
  std::vector<double>& k_part = scratch.k_part;  // k1 * (normlen * b + (1 - b)), per match
  k_part.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double normlen = std::max(length(ids[i]) * len_factor, k_min_normlen);
    k_part[i] = k_k1 * (normlen * k_b + (1 - k_b));
  }
  std::vector<double>& low = scratch.low;
  std::vector<double>& high = scratch.high;
  low.assign(n, 0.0);
  high.assign(n, 0.0);
  std::vector<Xapian::termcount>& wdf = scratch.wdf;
  std::vector<std::uint8_t>& saturated = scratch.saturated;
  for (const auto& leaf : leaves) {
    std::vector<Xapian::doccount> freqs;
    std::vector<std::shared_ptr<const TermPostings>> read;
    for (const auto& term : leaf.terms) {
      read.push_back(postings(term));
      freqs.push_back(read.back()->termfreq);  // as db.get_termfreq(term), without its B-tree lookup
    }
    const Xapian::doccount freq =
        !leaf.synonym && leaf.terms.size() == 1 ? freqs.front() : synonym_termfreq(freqs, collection);
    const double weight = term_weight(collection, static_cast<double>(freq), leaf.factor);
    scratch.leaves.emplace_back(weight, read);
    std::vector<double>& w = scratch.w;
    w.resize(n);
    saturated.assign(n, 0);
    if (read.size() == 1 && !read.front()->dense.empty()) {
      // The common case, one frequent term: straight from its bytes.
      // (Raw pointers: a byte store may alias anything, and the vectors'
      // own pointers would be read again at every step.)
      const std::uint8_t* bytes = read.front()->dense.data();
      const std::size_t size = read.front()->dense.size();
      const Xapian::docid* id = ids.data();
      double* out = w.data();
      std::uint8_t* at_most = saturated.data();
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t byte = id[i] < size ? bytes[id[i]] : 0;
        out[i] = byte;
        at_most[i] = static_cast<std::uint8_t>(byte == TermPostings::k_saturated);
      }
    } else {
      wdf.assign(n, 0);
      for (const auto& term_postings : read) {
        add_wdf(*term_postings, ids, wdf, saturated);
      }
      for (std::size_t i = 0; i < n; ++i) {
        w[i] = wdf[i];
      }
    }
    exact = exact && std::find(saturated.begin(), saturated.end(), 1) == saturated.end();
    add_parts(weight, w.data(), saturated.data(), k_part.data(), low.data(), high.data(), n);
  }
  return exact;
}

}  // namespace

namespace {

// Of the matches weighed in `scratch`, those whose upper bound reaches the
// `needed`-th largest lower bound (page_candidates).
DocSet candidates_of(BoundsScratch& scratch, std::size_t needed, Xapian::docid last) {
  const std::vector<Xapian::docid>& ids = scratch.ids;
  std::vector<double>& lows = scratch.lows;
  lows = scratch.low;
  std::nth_element(lows.begin(), lows.begin() + static_cast<std::ptrdiff_t>(needed - 1), lows.end(), std::greater<>());
  const double bar = lows[needed - 1];
  const double threshold = bar - k_margin * (1 + std::abs(bar));
  DocSet kept(last);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (scratch.high[i] >= threshold) {
      kept.insert(ids[i]);
    }
  }
  return kept;
}

// The first `needed` of the matches weighed exactly in `scratch`, by weight
// then id (exact_page); nullopt for a near tie.
std::optional<std::vector<Xapian::docid>> order_of(BoundsScratch& scratch, std::size_t needed) {
  const std::vector<Xapian::docid>& ids = scratch.ids;
  const std::vector<double>& weight = scratch.low;
  // Positions into ids, the first `needed` by weight, then id (ids follow
  // date order, newest first: Xapian's tie-break by date, then by id).
  std::vector<std::uint32_t>& order = scratch.order;
  order.resize(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = static_cast<std::uint32_t>(i);
  }
  const std::size_t kept = std::min(needed, order.size());
  const std::size_t sorted = std::min(needed + 1, order.size());  // and the next one, for the checks
  std::partial_sort(
      order.begin(), order.begin() + static_cast<std::ptrdiff_t>(sorted), order.end(),
      [&](std::uint32_t a, std::uint32_t b) { return weight[a] != weight[b] ? weight[a] > weight[b] : a < b; });
  for (std::size_t i = 0; i + 1 < sorted; ++i) {
    const double a = weight[order[i]];
    const double b = weight[order[i + 1]];
    if (a - b <= k_tie * a && !same_parts(scratch, order[i], order[i + 1])) {
      return std::nullopt;  // a near tie that Xapian's sums may order otherwise
    }
  }
  std::vector<Xapian::docid> page(kept);
  for (std::size_t i = 0; i < kept; ++i) {
    page[i] = ids[order[i]];
  }
  return page;
}

}  // namespace

std::optional<DocSet> page_candidates(const Xapian::Database& db, const std::vector<WeightedLeaf>& leaves,
                                      const DocSet& matches, std::size_t needed, const PostingsReader& postings,
                                      const LengthReader& length, BoundsScratch& scratch) {
  if (!boundable(leaves) || needed == 0) {
    return std::nullopt;
  }
  if (matches.count() <= needed) {
    return matches;
  }
  weigh(db, leaves, matches, postings, length, scratch);
  return candidates_of(scratch, needed, db.get_lastdocid());
}

std::optional<std::vector<Xapian::docid>> exact_page(const Xapian::Database& db,
                                                     const std::vector<WeightedLeaf>& leaves, const DocSet& matches,
                                                     std::size_t needed, const PostingsReader& postings,
                                                     const LengthReader& length, BoundsScratch& scratch) {
  if (!boundable(leaves) || !weigh(db, leaves, matches, postings, length, scratch)) {
    return std::nullopt;
  }
  return order_of(scratch, needed);
}

PagePlan plan_page(const Xapian::Database& db, const std::vector<WeightedLeaf>& leaves, const DocSet& matches,
                   std::size_t needed, bool ids_in_date_order, const PostingsReader& postings,
                   const LengthReader& length, BoundsScratch& scratch) {
  PagePlan plan;
  if (!boundable(leaves) || needed == 0) {
    return plan;
  }
  const bool small = matches.count() <= needed;
  if (small && !ids_in_date_order) {
    plan.candidates = matches;
    return plan;
  }
  // Weighed once, for the exact page and, failing it, the candidates.
  const bool exact = weigh(db, leaves, matches, postings, length, scratch);
  if (exact && ids_in_date_order) {
    plan.page = order_of(scratch, needed);
  }
  if (!plan.page) {
    plan.candidates = small ? matches : candidates_of(scratch, needed, db.get_lastdocid());
  }
  return plan;
}

}  // namespace vetrina::search
