#include "generator/util/result.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace vetrina {
namespace {

Result<int> parse_positive(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::error("'" + text + "' non è un numero");
  }
  return std::stoi(text);
}

TEST_SUITE("result") {
  TEST_CASE("a success carries its value and no message") {
    const Result<int> result = parse_positive("42");
    REQUIRE(result.ok());
    CHECK(*result == 42);
    CHECK(result.error().empty());
    CHECK(result.status().ok());
  }

  TEST_CASE("a failure carries its message and no value") {
    const Result<int> result = parse_positive("4x");
    CHECK_FALSE(result.ok());
    CHECK_FALSE(static_cast<bool>(result));
    CHECK(result.error() == "'4x' non è un numero");
    CHECK(result.status().message() == "'4x' non è un numero");
  }

  TEST_CASE("a Status is ok by default and fails with a message") {
    CHECK(Status().ok());
    CHECK(Status::success().message().empty());
    const Status failed = Status::error("porta 8080 già in uso");
    CHECK_FALSE(failed.ok());
    CHECK(failed.message() == "porta 8080 già in uso");
  }

  TEST_CASE("a move-only value moves out") {
    Result<std::unique_ptr<int>> result = std::make_unique<int>(7);
    REQUIRE(result.ok());
    std::unique_ptr<int> owned = std::move(result).value();
    CHECK(*owned == 7);
  }
}

}  // namespace
}  // namespace vetrina
