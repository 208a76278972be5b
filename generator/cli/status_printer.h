#pragma once
// StatusPrinter: shows build progress on a terminal (ninja's LinePrinter).
// On a smart terminal one line is overwritten in place ("[120/10000] pagine
// /esperienze/x/"), at most every 50 ms; elsewhere (CI logs, pipes) it stays
// silent so logs hold only diagnostics and the summary. Thread-safe.

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include "generator/util/status.h"

namespace vetrina {

class StatusPrinter final : public BuildStatus {
 public:
  // `stream` is where progress goes (stderr); `smart` = it is a terminal.
  StatusPrinter(std::FILE* stream, bool smart);
  void phase(std::string_view name, std::size_t total) override;
  void step(std::string_view what) override;
  void finish() override;

  // Also report each phase's duration ("  pagine: 1.23 s") when it ends.
  void set_timings(bool on) { m_timings = on; }

  // True when `stream` is a terminal that understands "\r" and erase-line.
  static bool is_smart_terminal(std::FILE* stream);
  // True unless NO_COLOR is set (https://no-color.org) or `stream` is no terminal.
  static bool use_color(std::FILE* stream);

 private:
  void print_line(const std::string& line);

  std::mutex m_mutex;
  std::FILE* m_stream;
  bool m_smart;
  std::string m_phase;
  std::size_t m_total = 0;
  std::size_t m_done = 0;
  bool m_line_dirty = false;
  bool m_timings = false;
  std::chrono::steady_clock::time_point m_phase_start{};
  void end_phase();
  std::chrono::steady_clock::time_point m_last_print{};
};

}  // namespace vetrina
