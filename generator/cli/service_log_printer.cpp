#include "generator/cli/service_log_printer.h"

#include <string>

namespace vetrina::cli {

void ServiceLogPrinter::request(std::string_view line) {
  print(line);
}

void ServiceLogPrinter::warning(std::string_view message) {
  print(message);
}

void ServiceLogPrinter::print(std::string_view text) {
  // One call a line, so lines of concurrent requests never interleave.
  std::string line = "vetrina serve: ";
  line += text;
  line += '\n';
  std::fputs(line.c_str(), m_stream);
}

}  // namespace vetrina::cli
