#pragma once
// Web-server access logs in nginx's (and Apache's) "combined" format, read
// for `vetrina report`:
//   $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
// parse_log_line() takes one line and returns views into it (no copy); the
// client address and user are skipped and never returned. LogReader reads a
// file line by line, plain or gzip-compressed (zlib detects which; rotated
// logs like access.log.2.gz). Pure functions are thread-safe; a LogReader
// belongs to one thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/util/result.h"

namespace vetrina {

struct LogLine {
  int year = 0;  // of $time_local, as written (the server's local day)
  int month = 0;
  int day = 0;
  std::string_view method;  // "GET"
  std::string_view target;  // "/esperienze/x/?a=b" as requested (not decoded)
  int status = 0;
  std::string_view referrer;    // "-" when none
  std::string_view user_agent;  // "-" when none
};

// One line; nullopt when it is not a combined-format line with a valid date,
// a three-part request and a 3-digit status (TLS garbage, truncated lines,
// other formats). Quoted fields may hold backslash escapes (\" \\ \xHH),
// returned as they are.
std::optional<LogLine> parse_log_line(std::string_view line);

// Reads a log file, plain or gzip, line by line.
class LogReader {
 public:
  LogReader();
  ~LogReader();
  LogReader(const LogReader&) = delete;
  LogReader& operator=(const LogReader&) = delete;

  // Opens `path`; fails ("path: reason") when it cannot be read.
  Status open(const std::string& path);
  // The next line without its '\n' (valid until the next call); false at the
  // end of the file or on a read error (then status() says which). A line
  // longer than 64 KiB is returned cut.
  bool next(std::string_view& line);
  // Success, or the read error ("path: reason", a truncated gzip file too)
  // that ended the lines early.
  const Status& status() const { return m_status; }

 private:
  bool fill();

  void* m_file = nullptr;  // gzFile
  std::vector<char> m_buffer;
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  bool m_eof = false;
  Status m_status;
  std::string m_path;
};

}  // namespace vetrina
