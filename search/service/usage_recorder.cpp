#include "search/service/usage_recorder.h"

#include <filesystem>
#include <stdexcept>

#include "generator/util/file_system.h"
#include "generator/util/i18n.h"
#include "search/service/usage_file.h"
#include "search/service/user_agent.h"

namespace vetrina::search {

UsageRecorder::UsageRecorder(UsageOptions options) : m_options(std::move(options)) {
  if (!m_options.clock) {
    m_options.clock = [] { return std::time(nullptr); };
  }
  std::error_code error;
  std::filesystem::create_directories(m_options.dir, error);
  if (error || !std::filesystem::is_directory(m_options.dir)) {
    throw std::runtime_error(tr("cannot create the statistics folder {}: {}", m_options.dir, error.message()));
  }
  m_flusher = std::thread([this] { flush_loop(); });
}

UsageRecorder::~UsageRecorder() {
  {
    const std::lock_guard lock(m_stop_mutex);
    m_stopping = true;
  }
  m_stop_signal.notify_all();
  m_flusher.join();
  if (const Status flushed = flush(); !flushed && m_options.log) {
    m_options.log->warning("statistics: " + flushed.message());
  }
}

void UsageRecorder::flush_loop() {
  std::unique_lock lock(m_stop_mutex);
  while (!m_stopping) {
    m_stop_signal.wait_for(lock, m_options.flush_every, [this] { return m_stopping; });
    if (m_stopping) {
      break;
    }
    lock.unlock();
    if (const Status flushed = flush(); !flushed && m_options.log) {
      m_options.log->warning("statistics: " + flushed.message());
    }
    lock.lock();
  }
}

void UsageRecorder::add(std::string key) {
  const std::string day = local_day(m_options.clock());
  const std::lock_guard lock(m_mutex);
  auto& counts = m_pending[day];
  if (auto found = counts.find(key); found != counts.end()) {
    ++found->second;
    return;
  }
  if (counts.size() >= k_max_usage_entries) {
    ++counts["other\t" + key.substr(0, key.find('\t'))];
    return;
  }
  counts.emplace(std::move(key), 1);
}

void UsageRecorder::record_search(const SearchRequest& request, std::size_t results, std::string_view user_agent) {
  add(search_key(classify_agent(user_agent).device, results, filters_key(request), normalise_query(request.query)));
}

void UsageRecorder::record_click(std::string_view query, std::string_view url, std::string_view user_agent) {
  add(click_key(classify_agent(user_agent).device, url, normalise_query(query)));
}

Status UsageRecorder::flush() {
  const std::lock_guard flushing(m_flush_mutex);
  std::map<std::string, std::unordered_map<std::string, std::uint64_t>> pending;
  {
    const std::lock_guard lock(m_mutex);
    pending.swap(m_pending);
  }
  Status status;  // the last failure
  for (auto& [day_name, counts] : pending) {
    const std::string path = util::join_path(m_options.dir, "usage-" + day_name + ".tsv");
    UsageDay day;
    day.day = day_name;
    if (auto text = util::read_whole_file(path)) {
      if (auto saved = parse_usage_file(*text)) {
        day = std::move(*saved);
      } else {
        // Never lose the old file silently: keep it aside, start the day again.
        std::error_code ignored;
        std::filesystem::rename(path, path + ".unreadable", ignored);
        status = Status::error(path + ": " + saved.error() + " (kept as " + path + ".unreadable)");
      }
    }
    for (auto& [key, count] : counts) {
      day.counts[key] += count;
    }
    try {
      util::write_file_atomically(path, format_usage_file(day));
    } catch (const std::exception& e) {
      status = Status::error(e.what());
      const std::lock_guard lock(m_mutex);  // keep the counts for the next attempt
      auto& again = m_pending[day_name];
      for (auto& [key, count] : counts) {
        again[key] += count;
      }
    }
  }
  // Retention: files of days older than keep_days are deleted.
  const auto today = day_number(local_day(m_options.clock()));
  std::error_code list_error;
  for (const auto& entry : std::filesystem::directory_iterator(m_options.dir, list_error)) {
    const auto day = usage_file_day(entry.path().filename().string());
    if (!day || !today) {
      continue;
    }
    if (*today - *day_number(*day) > m_options.keep_days) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
  return status;
}

}  // namespace vetrina::search
