// The CLI's printer of the search service's log: each request line and each
// warning is one line on its stream, as the journal has always shown them.
#include "generator/cli/service_log_printer.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace vetrina::cli {
namespace {

std::string read_all(std::FILE* file) {
  std::rewind(file);
  std::string out;
  char buffer[256];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    out.append(buffer, n);
  }
  return out;
}

TEST_SUITE("service log printer") {
  TEST_CASE("request lines and warnings are single lines prefixed 'vetrina serve: '") {
    std::FILE* file = std::tmpfile();
    REQUIRE(file != nullptr);
    ServiceLogPrinter printer(file);
    printer.request(search::access_line("GET", "/cerca/", 20, 200, 1.25));
    printer.warning("statistics: /var/lib/vetrina/usage-2026-12-06.tsv: disk full");
    CHECK(read_all(file) ==
          "vetrina serve: method=GET path=/cerca/ query_bytes=20 status=200 ms=1.2\n"
          "vetrina serve: statistics: /var/lib/vetrina/usage-2026-12-06.tsv: disk full\n");
    std::fclose(file);
  }
}

}  // namespace
}  // namespace vetrina::cli
