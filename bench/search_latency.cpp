// vetrina-bench-search: query latency of the search service's core (the
// same Searcher the HTTP handlers use), in one thread, on a built index:
// two-word queries with two filters (level + competence) and every facet,
// exactly as /api/search computes them. Prints p50, p99 and mean.
//
//   vetrina-bench-search --index bench/work/10000/index [--queries 2000] [--warmup 100] [--term-cache N]
//
// --term-cache 0 turns off the cache of frequent terms' documents
// (bitset_index.h): every query then reads its words' posting lists, as the
// first query with a word does.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "search/query/query.h"

int main(int argc, char** argv) {
  std::string index;
  int queries = 2000;
  int warmup = 100;
  std::size_t term_cache = vetrina::search::k_term_cache_entries;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--index") == 0) {
      index = argv[i + 1];
    } else if (std::strcmp(argv[i], "--queries") == 0) {
      queries = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--warmup") == 0) {
      warmup = std::atoi(argv[i + 1]);
    } else if (std::strcmp(argv[i], "--term-cache") == 0) {
      term_cache = static_cast<std::size_t>(std::atoi(argv[i + 1]));
    }
  }
  if (index.empty() || queries <= 0) {
    std::fprintf(stderr, "usage: vetrina-bench-search --index DIR [--queries N] [--warmup N] [--term-cache N]\n");
    return 2;
  }
  // Words that occur in the synthetic stories (bench/gen_site.cpp's vocabulary).
  const std::vector<std::string> words = {"scuola",   "lingue", "ambiente", "progetto", "musica",  "robot",
                                          "famiglie", "orto",   "energia",  "teatro",   "viaggio", "memoria",
                                          "coding",   "museo",  "ricette",  "diritti",  "sport",   "europa"};
  const std::vector<std::string> levels = {"primaria", "secondaria-1", "secondaria-2", "infanzia"};
  const std::vector<std::string> competences = {"digitale",   "multilinguistica",  "stem",      "cittadinanza",
                                                "alfabetica", "personale-sociale", "culturale", "imprenditoriale"};
  vetrina::search::Searcher searcher(index, term_cache);
  std::vector<double> ms;
  std::size_t total_hits = 0;
  for (int i = 0; i < warmup + queries; ++i) {
    vetrina::search::SearchRequest request;
    const auto n = static_cast<std::size_t>(i);
    request.query = words[n % words.size()] + " " + words[(n * 7 + 3) % words.size()];
    request.selected[0].push_back(levels[n % levels.size()]);
    request.selected[1].push_back(competences[(n / 4) % competences.size()]);
    const auto start = std::chrono::steady_clock::now();
    const auto result = searcher.search(request);
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (i >= warmup) {
      ms.push_back(elapsed);
      total_hits += result.total;
    }
  }
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (const double v : ms) {
    sum += v;
  }
  const auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  std::printf("documents %zu, queries %d, mean matches %.0f\n", searcher.document_count(), queries,
              static_cast<double>(total_hits) / queries);
  std::printf("p50 %.2f ms, p99 %.2f ms, mean %.2f ms, max %.2f ms\n", at(0.50), at(0.99),
              sum / static_cast<double>(ms.size()), ms.back());
  return 0;
}
