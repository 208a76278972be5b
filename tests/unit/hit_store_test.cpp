// The display data a local index snapshot keeps (hit_store.h): decoded once
// and shared by the threads of the snapshot, never kept past the capacity
// or when decoding fails, and a new revision starts afresh.
#include "search/query/hit_store.h"

#include <doctest/doctest.h>

#include <stdexcept>

#include "tests/unit/test_support.h"

namespace vetrina::search {
namespace {

void write_documents(const std::string& dir, int documents, int flags) {
  Xapian::WritableDatabase db(dir, flags);
  for (int d = 0; d < documents; ++d) {
    Xapian::Document doc;
    doc.set_data("data " + std::to_string(db.get_lastdocid() + 1));
    db.add_document(doc);
  }
  db.commit();
}

// A decoder that counts its calls: the hit's title is the data.
struct CountingDecoder {
  int calls = 0;
  HitStore::Decoder decoder() {
    return [this](const std::string& data) {
      ++calls;
      StoredHit stored;
      stored.hit.title = data;
      stored.packed_text = "text of " + data;
      stored.has_text = true;
      return stored;
    };
  }
};

TEST_SUITE("hit store") {
  TEST_CASE("a document is decoded once per snapshot, for every thread that opened it") {
    const test::TempDir dir;
    write_documents(dir / "index", 3, Xapian::DB_CREATE);
    const Xapian::Database first(dir / "index");
    const Xapian::Database second(dir / "index");
    const auto store = HitStore::of(first);
    REQUIRE(HitStore::of(second) == store);
    CountingDecoder decoder;
    CHECK(store->get(first, 2, decoder.decoder())->hit.title == "data 2");
    CHECK(store->get(second, 2, decoder.decoder())->packed_text == "text of data 2");
    CHECK(decoder.calls == 1);
    CHECK(store->kept_bytes() > 0);
    CHECK(store->get(first, 3, decoder.decoder())->hit.title == "data 3");
    CHECK(decoder.calls == 2);
  }

  TEST_CASE("a new revision gets a store of its own") {
    const test::TempDir dir;
    write_documents(dir / "index", 1, Xapian::DB_CREATE);
    const Xapian::Database old(dir / "index");
    const auto store = HitStore::of(old);
    write_documents(dir / "index", 1, Xapian::DB_OPEN);
    const Xapian::Database newer(dir / "index");
    CHECK(HitStore::of(newer) != store);
  }

  TEST_CASE("past its capacity the store decodes every time, with the same answer") {
    const test::TempDir dir;
    write_documents(dir / "index", 2, Xapian::DB_CREATE);
    const Xapian::Database db(dir / "index");
    HitStore store(0);
    CountingDecoder decoder;
    CHECK(store.get(db, 1, decoder.decoder())->hit.title == "data 1");
    CHECK(store.get(db, 1, decoder.decoder())->hit.title == "data 1");
    CHECK(decoder.calls == 2);
    CHECK(store.kept_bytes() == 0);
  }

  TEST_CASE("a document whose decoding fails is not kept") {
    const test::TempDir dir;
    write_documents(dir / "index", 1, Xapian::DB_CREATE);
    const Xapian::Database db(dir / "index");
    HitStore store(1 << 20);
    const HitStore::Decoder refusing = [](const std::string&) -> StoredHit {
      throw std::runtime_error("not a path of the site");
    };
    CHECK_THROWS_AS(store.get(db, 1, refusing), std::runtime_error);
    CHECK(store.kept_bytes() == 0);
    CountingDecoder decoder;
    CHECK(store.get(db, 1, decoder.decoder())->hit.title == "data 1");
    CHECK(decoder.calls == 1);
  }
}

}  // namespace
}  // namespace vetrina::search
