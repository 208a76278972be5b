// Progress display: "[n/N] phase what" on a terminal, nothing when the
// output is a pipe or a CI log.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "generator/cli/status_printer.h"

namespace vetrina {
namespace {

std::string run(bool smart) {
  std::FILE* file = std::tmpfile();
  {
    StatusPrinter printer(file, smart);
    printer.phase("foto", 2);
    printer.step("a.jpg");
    printer.step("b.jpg");
    printer.finish();
  }
  std::rewind(file);
  std::string out;
  char buffer[256];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    out.append(buffer, n);
  }
  std::fclose(file);
  return out;
}

TEST_SUITE("status printer") {
  TEST_CASE("a terminal sees the progress line, overwritten and cleared at the end") {
    const std::string out = run(true);
    CHECK(out.find("\r[2/2] foto b.jpg\x1b[K") != std::string::npos);
    CHECK(out.ends_with("\r\x1b[K"));
  }
  TEST_CASE("a pipe or a CI log sees nothing") {
    CHECK(run(false) == "");
  }
}

}  // namespace
}  // namespace vetrina
