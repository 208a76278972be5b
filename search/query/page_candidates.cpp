#include "search/query/page_candidates.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace vetrina::search {

namespace {

// Xapian::BM25Weight's defaults (Enquire's weighting scheme when none is set).
constexpr double k_k1 = 1.0;
constexpr double k_b = 0.5;
constexpr double k_min_normlen = 0.5;
// Relative slack for the differences between these sums and Xapian's.
constexpr double k_margin = 1e-9;

// BM25Weight::init without a relevance set, wqf 1 (k3's factor is then 1).
double term_weight(Xapian::doccount collection, double termfreq, double factor) {
  double tw = (static_cast<double>(collection) - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) {
    tw = tw * 0.5 + 1;
  }
  return std::log(tw) * factor * (k_k1 + 1);
}

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

// Per-thread working space of page_candidates.
struct Scratch {
  std::vector<Xapian::docid> ids;
  std::vector<double> k_part;
  std::vector<double> low;
  std::vector<double> high;
  std::vector<double> lows;
  std::vector<Xapian::termcount> wdf;
  std::vector<std::uint8_t> saturated;
};

}  // namespace

std::optional<DocSet> page_candidates(const Xapian::Database& db, const std::vector<WeightedLeaf>& leaves,
                                      const DocSet& matches, std::size_t needed, const PostingsReader& postings,
                                      const LengthReader& length) {
  if (leaves.empty() || needed == 0) {
    return std::nullopt;
  }
  std::set<std::string> seen;
  for (const auto& leaf : leaves) {
    for (const auto& term : leaf.terms) {
      if (!seen.insert(term).second) {
        return std::nullopt;
      }
    }
  }
  const std::size_t count = matches.count();
  if (count <= needed) {
    return matches;
  }
  // Scratch space kept by the thread: a few hundred kilobytes per query at
  // 100,000 stories, which malloc would otherwise return to the system and
  // fault in again every time.
  thread_local Scratch scratch;
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
    double largest = 0;
    double sum = 0;
    std::vector<std::shared_ptr<const TermPostings>> read;
    for (const auto& term : leaf.terms) {
      const auto freq = static_cast<double>(db.get_termfreq(term));
      largest = std::max(largest, freq);
      sum += freq;
      read.push_back(postings(term));
    }
    double weight_low = 0;
    double weight_high = 0;
    if (!leaf.synonym && leaf.terms.size() == 1) {
      weight_low = weight_high = term_weight(collection, sum, leaf.factor);
    } else {
      // Xapian estimates a synonym's termfreq (as an OR's, rounded at each
      // step): between its largest term's and the sum, give or take one per term.
      const auto slack = static_cast<double>(leaf.terms.size() + 1);
      const double fewest = std::max(0.0, largest - slack);
      const double most = std::min(static_cast<double>(collection), sum + slack);
      weight_low = term_weight(collection, most, leaf.factor);
      weight_high = term_weight(collection, fewest, leaf.factor);
    }
    if (read.size() == 1 && !read.front()->dense.empty() && weight_low == weight_high) {
      // The common case, one frequent term: straight from its bytes.
      const std::vector<std::uint8_t>& bytes = read.front()->dense;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t byte = ids[i] < bytes.size() ? bytes[ids[i]] : 0;
        if (byte == 0) {
          continue;
        }
        const auto w = static_cast<double>(byte);
        const double part = weight_low * (w / (k_part[i] + w));
        low[i] += part;
        high[i] += byte == TermPostings::k_saturated ? weight_high : part;
      }
      continue;
    }
    wdf.assign(n, 0);
    saturated.assign(n, 0);
    for (const auto& term_postings : read) {
      add_wdf(*term_postings, ids, wdf, saturated);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (wdf[i] == 0) {
        continue;
      }
      const auto w = static_cast<double>(wdf[i]);
      const double part = w / (k_part[i] + w);
      low[i] += weight_low * part;
      high[i] += saturated[i] != 0 ? weight_high : weight_high * part;
    }
  }
  std::vector<double>& lows = scratch.lows;
  lows = low;
  std::nth_element(lows.begin(), lows.begin() + static_cast<std::ptrdiff_t>(needed - 1), lows.end(), std::greater<>());
  const double bar = lows[needed - 1];
  const double threshold = bar - k_margin * (1 + std::abs(bar));
  DocSet kept(db.get_lastdocid());
  for (std::size_t i = 0; i < n; ++i) {
    if (high[i] >= threshold) {
      kept.insert(ids[i]);
    }
  }
  return kept;
}

}  // namespace vetrina::search
