#include "generator/report/access_log.h"

#include <doctest/doctest.h>

#include <zlib.h>

#include <fstream>

#include "test_support.h"

namespace vetrina {

TEST_CASE("a combined-format line gives date, request, status, referrer and agent") {
  const auto line = parse_log_line(
      "203.0.113.9 - - [06/Dec/2026:10:15:32 +0100] \"GET /esperienze/orto/?x=1 HTTP/1.1\" 200 5120 "
      "\"https://www.google.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\"");
  REQUIRE(line);
  CHECK(line->year == 2026);
  CHECK(line->month == 12);
  CHECK(line->day == 6);
  CHECK(line->method == "GET");
  CHECK(line->target == "/esperienze/orto/?x=1");
  CHECK(line->status == 200);
  CHECK(line->referrer == "https://www.google.com/");
  CHECK(line->user_agent == "Mozilla/5.0 (X11; Linux x86_64)");
}

TEST_CASE("escaped quotes stay inside their field") {
  const auto line = parse_log_line(
      "::1 - - [01/Jan/2027:00:00:00 +0000] \"GET /a\\\"b/ HTTP/1.1\" 304 0 \"-\" \"agent \\\"quoted\\\"\"");
  REQUIRE(line);
  CHECK(line->target == "/a\\\"b/");
  CHECK(line->status == 304);
  CHECK(line->user_agent == "agent \\\"quoted\\\"");
}

TEST_CASE("malformed lines are refused") {
  CHECK_FALSE(parse_log_line(""));
  CHECK_FALSE(parse_log_line("garbage"));
  CHECK_FALSE(parse_log_line("1.2.3.4 - - [06/Dec/2026:10:15:32 +0100] \"\\x16\\x03\\x01\" 400 150 \"-\" \"-\""));
  CHECK_FALSE(parse_log_line("1.2.3.4 - - [32/Dec/2026:10:15:32 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\""));
  CHECK_FALSE(parse_log_line("1.2.3.4 - - [06/Foo/2026:10:15:32 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\""));
  CHECK_FALSE(parse_log_line("1.2.3.4 - - [06/Dec/2026:10:15:32 +0100] \"GET / HTTP/1.1\" 2000 1 \"-\" \"-\""));
  CHECK_FALSE(parse_log_line("1.2.3.4 - - [06/Dec/2026:10:15:32 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"unterminated"));
  CHECK_FALSE(parse_log_line("1.2.3.4 - - [06/Dec/2026:10:15:32 +0100] \"GET / HTTP/1.1\" 200"));
}

TEST_CASE("the reader reads plain and gzip files the same, last line without newline too") {
  test::TempDir dir;
  const std::string text = "one\ntwo\n\nthree";
  {
    std::ofstream plain(dir / "access.log", std::ios::binary);
    plain << text;
  }
  gzFile gz = gzopen((dir / "access.log.2.gz").c_str(), "wb");
  REQUIRE(gz != nullptr);
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  for (const char* name : {"access.log", "access.log.2.gz"}) {
    LogReader reader;
    REQUIRE(reader.open(dir / name).ok());
    std::vector<std::string> lines;
    std::string_view line;
    while (reader.next(line)) {
      lines.emplace_back(line);
    }
    CHECK(reader.status().message() == "");
    CHECK(lines == std::vector<std::string>{"one", "two", "", "three"});
  }
  LogReader missing;
  const Status opened = missing.open(dir / "nope.log");
  CHECK_FALSE(opened.ok());
  CHECK(opened.message().find("nope.log") != std::string::npos);
}

}  // namespace vetrina
