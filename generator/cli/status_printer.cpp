#include "generator/cli/status_printer.h"

#include <unistd.h>

#include <cstdlib>

namespace vetrina {

StatusPrinter::StatusPrinter(std::FILE* stream, bool smart) : m_stream(stream), m_smart(smart) {}

bool StatusPrinter::is_smart_terminal(std::FILE* stream) {
  if (isatty(fileno(stream)) == 0) {
    return false;
  }
  const char* term = std::getenv("TERM");
  return term != nullptr && std::string(term) != "dumb";
}

bool StatusPrinter::use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') {
    return false;
  }
  return is_smart_terminal(stream);
}

void StatusPrinter::print_line(const std::string& line) {
  std::fprintf(m_stream, "\r%s\x1b[K", line.c_str());
  std::fflush(m_stream);
  m_line_dirty = true;
}

void StatusPrinter::end_phase() {
  if (!m_timings || m_phase.empty()) {
    return;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_phase_start).count();
  if (m_smart && m_line_dirty) {
    std::fprintf(m_stream, "\r\x1b[K");
    m_line_dirty = false;
  }
  std::fprintf(m_stream, "  %-24s %7.2f s\n", m_phase.c_str(), seconds);
}

void StatusPrinter::phase(std::string_view name, std::size_t total) {
  const std::lock_guard lock(m_mutex);
  end_phase();
  m_phase_start = std::chrono::steady_clock::now();
  m_phase = std::string(name);
  m_total = total;
  m_done = 0;
  if (m_smart) {
    print_line(m_phase + "...");
    m_last_print = std::chrono::steady_clock::now();
  }
}

void StatusPrinter::step(std::string_view what) {
  const std::lock_guard lock(m_mutex);
  ++m_done;
  if (!m_smart) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (m_done != m_total && now - m_last_print < std::chrono::milliseconds(50)) {
    return;
  }
  m_last_print = now;
  print_line("[" + std::to_string(m_done) + "/" + std::to_string(m_total) + "] " + m_phase + " " + std::string(what));
}

void StatusPrinter::finish() {
  const std::lock_guard lock(m_mutex);
  end_phase();
  m_phase.clear();
  if (m_smart && m_line_dirty) {
    std::fprintf(m_stream, "\r\x1b[K");
    std::fflush(m_stream);
    m_line_dirty = false;
  }
}

}  // namespace vetrina
