#pragma once
// ServiceLogPrinter: the CLI's side of search::ServiceLog. `vetrina serve`
// writes each request line and warning of the service, as one write of one
// line, to a stream (stderr: the journal under systemd), prefixed
// "vetrina serve: ". Thread-safe (one fputs a line, which stdio locks).

#include <cstdio>

#include "search/service/service_log.h"

namespace vetrina::cli {

class ServiceLogPrinter final : public search::ServiceLog {
 public:
  // `stream` must outlive the printer.
  explicit ServiceLogPrinter(std::FILE* stream) : m_stream(stream) {}
  void request(std::string_view line) override;
  void warning(std::string_view message) override;

 private:
  void print(std::string_view text);

  std::FILE* m_stream;
};

}  // namespace vetrina::cli
