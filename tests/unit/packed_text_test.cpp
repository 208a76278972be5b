#include "generator/util/packed_text.h"

#include <doctest/doctest.h>
#include <zstd.h>

#include <string>

namespace util = vetrina::util;

TEST_SUITE("packed text") {
  TEST_CASE("a packed text unpacks to the same bytes, and takes less room") {
    std::string body;
    for (int i = 0; i < 400; ++i) {
      body += "<p>Gli alunni della scuola primaria hanno scritto " + std::to_string(i) + " storie. Perché no?</p>\n";
    }
    const util::PackedText packed = body;
    CHECK(packed.size() == body.size());
    CHECK(packed.str() == body);
    CHECK(packed.packed().size() * 4 < body.size());
    CHECK(util::PackedText("x").str() == "x");
    CHECK(util::PackedText(std::string("a\0b", 3)).str() == std::string("a\0b", 3));
  }

  TEST_CASE("the empty text packs to nothing, and clear() empties") {
    const util::PackedText empty;
    CHECK(empty.empty());
    CHECK(empty.str().empty());
    CHECK(util::PackedText("") == empty);
    util::PackedText text = "qualcosa";
    CHECK_FALSE(text.empty());
    text.clear();
    CHECK(text == empty);
  }

  TEST_CASE("packing is deterministic: equal texts, equal packed bytes") {
    const std::string text = "La stessa storia, due volte. La stessa storia, due volte.";
    CHECK(util::PackedText(text) == util::PackedText(text));
    CHECK(util::PackedText(text).packed() == util::PackedText(text).packed());
    CHECK_FALSE(util::PackedText(text) == util::PackedText(text + "!"));
  }

  TEST_CASE("from_packed takes back packed bytes and refuses anything else") {
    const util::PackedText original = std::string(3000, 'a') + "fine";
    util::PackedText back;
    CHECK(back.from_packed(original.packed(), original.size()));
    CHECK(back == original);
    CHECK(back.str() == original.str());

    util::PackedText bad = "da sostituire";
    CHECK_FALSE(bad.from_packed(original.packed(), original.size() + 1));  // wrong size
    CHECK(bad.empty());
    CHECK_FALSE(bad.from_packed(original.packed(), original.size() - 1));
    CHECK_FALSE(bad.from_packed(original.packed().substr(0, original.packed().size() - 1), original.size()));
    std::string flipped = original.packed();
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
    CHECK_FALSE(bad.from_packed(flipped, original.size()));
    CHECK_FALSE(bad.from_packed("not packed at all", 15));
    CHECK_FALSE(bad.from_packed("", 4));
    CHECK_FALSE(bad.from_packed("x", 0));
    CHECK(bad.from_packed("", 0));
    CHECK(bad.empty());
    // A size no zstd frame of these bytes could reach is refused before
    // anything is allocated for it (a damaged cache file).
    CHECK_FALSE(bad.from_packed(original.packed(), std::size_t{1} << 30));
  }

  TEST_CASE("unpack_prefix unpacks only the start, and refuses bytes that do not unpack") {
    std::string body;
    for (int i = 0; i < 300; ++i) {
      body += "Riga " + std::to_string(i) + " del testo. ";
    }
    const util::PackedText packed = body;
    CHECK(util::unpack_prefix(packed.packed(), body.size(), 100) == body.substr(0, 100));
    CHECK(util::unpack_prefix(packed.packed(), body.size(), body.size()) == body);
    CHECK(util::unpack_prefix(packed.packed(), body.size(), body.size() * 2) == body);
    CHECK(util::unpack_prefix("", 0, 10) == std::string());
    CHECK_FALSE(util::unpack_prefix("x", 0, 10).has_value());
    // A wrong size, damaged bytes, or a size no zstd frame could reach.
    CHECK_FALSE(util::unpack_prefix(packed.packed(), body.size() + 1, body.size() + 1).has_value());
    CHECK_FALSE(util::unpack_prefix(packed.packed().substr(0, packed.packed().size() / 2), body.size(), body.size()));
    CHECK_FALSE(util::unpack_prefix("not packed at all", 100, 50).has_value());
    CHECK_FALSE(util::unpack_prefix("abc", std::size_t{1} << 30, 10).has_value());
  }

  TEST_CASE("an Unpacker goes on from where it stopped, across zstd's blocks") {
    std::string body;
    for (int i = 0; body.size() < 300'000; ++i) {  // over two 128 KiB blocks
      body += "Paragrafo " + std::to_string(i * 7919 % 100'003) + ": gli alunni raccontano. ";
    }
    const util::PackedText packed = body;
    util::Unpacker unpacker(packed.packed(), body.size());
    for (const std::size_t limit : {std::size_t{1}, std::size_t{10}, std::size_t{5'000}, std::size_t{140'000},
                                    std::size_t{140'000}, std::size_t{299'000}}) {
      REQUIRE(unpacker.reach(limit));
      CHECK(unpacker.text() == body.substr(0, limit));
      CHECK_FALSE(unpacker.whole());
    }
    REQUIRE(unpacker.reach(body.size() + 10));
    CHECK(unpacker.whole());
    CHECK(unpacker.text() == body);
    // The start of a damaged text unpacks; reaching its end is refused, for good.
    std::string damaged = packed.packed();
    damaged[damaged.size() - 2] = static_cast<char>(damaged[damaged.size() - 2] ^ 0x01);  // the checksum
    util::Unpacker checked(damaged, body.size());
    CHECK(checked.reach(100));
    CHECK_FALSE(checked.reach(body.size()));
    CHECK_FALSE(checked.reach(10));
  }

  TEST_CASE("only one whole frame of ours is taken back: no second frame, no frame without its checksum") {
    const std::string text = "Una storia di scuole europee, raccontata due volte. " + std::string(500, 'x');
    const util::PackedText original = text;
    util::PackedText back;
    REQUIRE(back.from_packed(original.packed(), text.size()));
    // A frame, then anything after it: another frame, a skippable frame, a byte.
    const util::PackedText empty_frame_source = "x";
    const std::string skippable("\x50\x2a\x4d\x18\x00\x00\x00\x00", 8);  // a skippable frame of 0 bytes
    for (const std::string& tail : {empty_frame_source.packed(), skippable, std::string("\0", 1)}) {
      const std::string longer = original.packed() + tail;
      CHECK_FALSE(back.from_packed(longer, text.size()));
      CHECK_FALSE(back.from_packed(longer, text.size() + 1));
      CHECK_FALSE(util::unpack_prefix(longer, text.size(), text.size()).has_value());
    }
    // The same text packed by zstd without a checksum.
    std::string plain(ZSTD_compressBound(text.size()), '\0');
    plain.resize(ZSTD_compress(plain.data(), plain.size(), text.data(), text.size(), 1));
    REQUIRE(ZSTD_isError(plain.size()) == 0U);
    CHECK_FALSE(back.from_packed(plain, text.size()));
    CHECK_FALSE(util::unpack_prefix(plain, text.size(), 10).has_value());
    // A skippable frame alone, claiming the text's size.
    CHECK_FALSE(back.from_packed(skippable, 8));
  }

  TEST_CASE("a moved-from text is empty, and usable") {
    util::PackedText text = "una storia";
    util::PackedText moved = std::move(text);
    CHECK(moved.str() == "una storia");
    CHECK(text.empty());        // NOLINT(bugprone-use-after-move): that is the point
    CHECK(text.str().empty());  // NOLINT(bugprone-use-after-move)
    util::PackedText other = "altra";
    other = std::move(moved);
    CHECK(other.str() == "una storia");
    CHECK(moved.empty());  // NOLINT(bugprone-use-after-move)
  }
}
