#pragma once
// UsageRecorder: the search service's counts of its own use (usage_file.h
// says what is counted), kept for the current days in memory (a
// mutex-protected hash map: recording is one lookup and one increment) and
// merged into one file per day, `usage-YYYY-MM-DD.tsv` in its folder, every
// few minutes and when it stops; raw events never reach the disk. Files are
// bounded (k_max_usage_entries lines a day, the rest summed in an "other"
// line) and rotated (files older than `keep_days` are deleted). A flush that
// fails is told to the ServiceLog (service_log.h), never printed.
// All UsageRecorder methods are thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "generator/util/result.h"
#include "search/query/query.h"
#include "search/service/service_log.h"

namespace vetrina::search {

struct UsageOptions {
  std::string dir;      // where the daily files go (created)
  int keep_days = 366;  // files older than this many days are deleted
  std::chrono::seconds flush_every = std::chrono::seconds(300);
  std::function<std::time_t()> clock;  // tests; default std::time
  std::shared_ptr<ServiceLog> log;     // where a failed periodic or final flush is told; null = nowhere
};

class UsageRecorder {
 public:
  // Starts the periodic flush. Throws std::runtime_error when `dir` cannot be created.
  explicit UsageRecorder(UsageOptions options);
  // Stops the periodic flush and flushes.
  ~UsageRecorder();
  UsageRecorder(const UsageRecorder&) = delete;
  UsageRecorder& operator=(const UsageRecorder&) = delete;

  // One search answered (page 1 only; the caller decides). Cheap: a key
  // built from the normalised query, one locked map increment.
  void record_search(const SearchRequest& request, std::size_t results, std::string_view user_agent);
  // One result opened from the results of `query`.
  void record_click(std::string_view query, std::string_view url, std::string_view user_agent);
  // Merges the counts in memory into the daily files now and deletes files
  // past retention. Fails when a file could not be written (the counts are
  // kept for the next attempt) or an unreadable one was set aside (the last
  // such failure, when there are several).
  Status flush();

 private:
  void add(std::string key);
  void flush_loop();

  UsageOptions m_options;
  std::mutex m_mutex;                                                               // guards m_pending
  std::map<std::string, std::unordered_map<std::string, std::uint64_t>> m_pending;  // day -> counts
  std::mutex m_flush_mutex;                                                         // one flush at a time
  std::mutex m_stop_mutex;
  std::condition_variable m_stop_signal;
  bool m_stopping = false;
  std::thread m_flusher;
};

}  // namespace vetrina::search
