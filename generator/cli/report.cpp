#include <cstdio>

#include "generator/cli/command.h"
#include "generator/cli/status_printer.h"
#include "generator/util/i18n.h"

namespace vetrina::cli {

int report(const DiagnosticBag& diagnostics, const std::string& format, const util::FileSystem& fs) {
  const auto items = diagnostics.sorted();
  if (format == "json") {
    std::fputs(format_all(items, DiagnosticFormat::json, &fs, false).c_str(), stdout);
  } else if (format == "github") {
    std::fputs(format_all(items, DiagnosticFormat::github, &fs, false).c_str(), stdout);
    // The same log: quoted source lines behind a gutter (no "::" at a line start).
    std::fputs(format_all(items, DiagnosticFormat::log, &fs, false).c_str(), stderr);
  } else {
    std::fputs(format_all(items, DiagnosticFormat::text, &fs, StatusPrinter::use_color(stderr)).c_str(), stderr);
  }
  if (!diagnostics.has_errors()) {
    return 0;
  }
  const std::size_t count = diagnostics.error_count();
  std::fputs(i18n::plural("{} error", "{} errors", count).c_str(), stderr);
  std::fputc('\n', stderr);
  return 1;
}

}  // namespace vetrina::cli
