// Cost of counting one search in the service (search/service/usage_recorder.h): calls
// UsageRecorder::record_search from T threads at once with realistic inputs
// (two Italian words, sometimes a filter, a browser user agent, 10,368
// distinct requests as bench/search-mix.lua) and prints nanoseconds per call.
// Compared with the CPU time of one search request (run-stats-bench.sh).
// Usage: vetrina-bench-record [--calls N] [--threads T]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "search/service/usage_recorder.h"
#include "search/service/user_agent.h"

int main(int argc, char** argv) {
  long calls = 2'000'000;
  unsigned threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--calls") {
      calls = std::atol(argv[i + 1]);
    } else if (flag == "--threads") {
      threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
  }
  const char* const words[] = {"scuola",   "lingue", "ambiente", "progetto", "musica",  "robot",
                               "famiglie", "orto",   "energia",  "teatro",   "viaggio", "memoria",
                               "coding",   "museo",  "ricette",  "diritti",  "sport",   "europa"};
  const char* const levels[] = {"primaria", "secondaria-1", "secondaria-2", "infanzia"};
  std::vector<vetrina::search::SearchRequest> requests;
  for (int i = 0; i < 10368; ++i) {
    vetrina::search::SearchRequest request;
    request.query = std::string(words[i % 18]) + " " + words[(i / 18) % 18];
    request.selected[0] = {levels[(i / 324) % 4]};
    requests.push_back(request);
  }
  const std::string ua =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
      "Safari/537.36";
  const auto dir = std::filesystem::temp_directory_path() / ("vetrina-bench-record-" + std::to_string(::getpid()));
  {
    vetrina::search::UsageOptions options;
    options.dir = dir.string();
    vetrina::search::UsageRecorder recorder(options);
    const std::clock_t cpu_start = std::clock();
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (long i = t; i < calls; i += threads) {
          recorder.record_search(requests[static_cast<std::size_t>(i) % requests.size()], 42, ua);
        }
      });
    }
    for (auto& thread : pool) {
      thread.join();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    std::printf("record_search: %ld calls on %u threads, %.3f s wall, %.3f s CPU: %.0f ns of CPU per call\n", calls,
                threads, seconds, cpu, cpu * 1e9 / static_cast<double>(calls));
    // The check the server makes first (bot or not), cached per thread, and
    // the full scan of the bot list it saves.
    std::clock_t bot_start = std::clock();
    long bots = 0;
    for (long i = 0; i < calls; ++i) {
      bots += vetrina::search::classify_agent(ua).bot ? 1 : 0;
    }
    std::printf("classify_agent (cached): %.0f ns of CPU per call\n",
                static_cast<double>(std::clock() - bot_start) / CLOCKS_PER_SEC * 1e9 / static_cast<double>(calls));
    bot_start = std::clock();
    for (long i = 0; i < calls / 10; ++i) {
      bots += vetrina::search::is_bot(ua) ? 1 : 0;
    }
    std::printf("is_bot (full scan of %zu patterns): %.0f ns of CPU per call (%ld bots)\n",
                vetrina::search::bot_patterns().size(),
                static_cast<double>(std::clock() - bot_start) / CLOCKS_PER_SEC * 1e9 / static_cast<double>(calls / 10),
                bots);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
