#pragma once
// What the HTTP service tells its operator, and the one format of its request
// log. The library never prints: the service hands each line to a ServiceLog
// that the CLI implements (generator/cli/service_log_printer.h writes them to
// stderr, the journal under systemd). access_line() is a pure function;
// ServiceLog implementations are called from many threads at once.

#include <cstddef>
#include <string>
#include <string_view>

namespace vetrina::search {

class ServiceLog {
 public:
  virtual ~ServiceLog() = default;
  // One answered request, formatted by access_line() (no line end).
  virtual void request(std::string_view line) = 0;
  // A failure no request can report back, such as the /cerca/ page that could
  // not be made or statistics that could not be saved ("statistics: ...").
  virtual void warning(std::string_view message) = 0;
};

// One access-log line: method, path (control and non-ASCII bytes escaped,
// cut at 256 bytes), the query's length only, status, milliseconds.
std::string access_line(std::string_view method, std::string_view path, std::size_t query_bytes, int status,
                        double milliseconds);

}  // namespace vetrina::search
