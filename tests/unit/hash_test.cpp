#include "generator/util/hash.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace util = vetrina::util;

TEST_SUITE("hash") {
  TEST_CASE("hash64 is stable, and any byte or the length changes it") {
    const std::string text(1000, 'a');
    const auto base = util::hash64(text);
    CHECK(util::hash64(text) == base);
    std::set<std::uint64_t> seen = {base};
    for (std::size_t i = 0; i < text.size(); i += 37) {
      std::string changed = text;
      changed[i] = 'b';
      CHECK(seen.insert(util::hash64(changed)).second);
    }
    for (std::size_t length = 0; length < 70; ++length) {  // every tail length, around the 8- and 32-byte blocks
      CHECK(seen.insert(util::hash64(std::string(length, 'z'))).second);
    }
    CHECK(util::hash64("abc", 1) != util::hash64("abc", 2));
  }

  TEST_CASE("a Hasher tells apart fields that concatenate to the same text") {
    CHECK(util::Hasher().add("ab").add("c").value() != util::Hasher().add("a").add("bc").value());
    CHECK(util::Hasher().add("ab").add("c").value() == util::Hasher().add("ab").add("c").value());
    CHECK(util::Hasher().add(std::uint64_t{1}).add(std::uint64_t{2}).value() !=
          util::Hasher().add(std::uint64_t{2}).add(std::uint64_t{1}).value());
  }

  TEST_CASE("hex64 and parse_hex64 round-trip; anything else is refused") {
    std::uint64_t value = 0;
    CHECK(util::hex64(0x00ab'cdef'0123'4567ULL) == "00abcdef01234567");
    CHECK(util::parse_hex64("00abcdef01234567", value));
    CHECK(value == 0x00ab'cdef'0123'4567ULL);
    for (const char* bad : {"", "00abcdef0123456", "00abcdef012345678", "00ABCDEF01234567", "00abcdef0123456g"}) {
      CAPTURE(bad);
      CHECK_FALSE(util::parse_hex64(bad, value));
    }
    CHECK(value == 0x00ab'cdef'0123'4567ULL);
  }

  TEST_CASE("the executable's hash is known and stable within a run") {
    CHECK(util::executable_hash() != 0);
    CHECK(util::executable_hash() == util::executable_hash());
  }
}
