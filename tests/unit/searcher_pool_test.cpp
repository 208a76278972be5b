// The service's pool of Searchers (search/service/searcher_pool.h): at most
// `size` lent at once, the next borrower waits for one to come back; a
// swapped index folder is opened again, while a lease taken before the swap
// keeps answering from the old one; a missing index is a clear error that
// does not lose the slot.
#include "search/service/searcher_pool.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "search/index/schema.h"
#include "tests/unit/test_support.h"

namespace vetrina::search {
namespace {

// An index of `documents` empty documents, with the metadata a Searcher reads.
void write_index(const std::string& dir, int documents) {
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  for (int d = 0; d < documents; ++d) {
    db.add_document(Xapian::Document());
  }
  nlohmann::json facets = nlohmann::json::object();
  nlohmann::json slots = nlohmann::json::object();
  for (const auto& facet : k_facets) {
    facets[facet.name] = nlohmann::json::array();
    slots[facet.name] = 0;
  }
  db.set_metadata("schema_version", std::to_string(k_schema_version));
  db.set_metadata("facets", facets.dump());
  db.set_metadata("facet_slots", slots.dump());
  db.commit();
}

TEST_SUITE("searcher pool") {
  TEST_CASE("at most `size` Searchers are lent at once; the next borrower waits for one") {
    const test::TempDir dir;
    write_index(dir / "index", 3);
    SearcherPool pool(dir / "index", 2);
    CHECK(pool.size() == 2);
    std::optional<SearcherPool::Lease> first(pool.borrow());
    const SearcherPool::Lease second = pool.borrow();
    CHECK(&first->searcher() != &second.searcher());
    CHECK(first->searcher().document_count() == 3);
    auto third = std::async(std::launch::async, [&pool] { return pool.borrow().searcher().document_count(); });
    CHECK(third.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
    first.reset();
    CHECK(third.get() == 3);
    CHECK(SearcherPool(dir / "index").size() >= 4);  // four per core by default
  }

  TEST_CASE("a swapped folder is opened again; a lease taken before keeps the old one") {
    const test::TempDir dir;
    write_index(dir / "index", 1);
    SearcherPool pool(dir / "index", 1);
    std::string before;
    {
      const SearcherPool::Lease lease = pool.borrow();
      before = lease.snapshot();
      CHECK(lease.searcher().document_count() == 1);
    }
    write_index(dir / "staged", 2);
    std::optional<SearcherPool::Lease> old;
    {
      SearcherPool other(dir / "index", 1);
      old.emplace(other.borrow());
      std::filesystem::rename(dir / "index", dir / "old");
      std::filesystem::rename(dir / "staged", dir / "index");
      CHECK(old->searcher().document_count() == 1);  // still answering from the old folder
      old.reset();
    }
    const SearcherPool::Lease lease = pool.borrow();
    CHECK(lease.snapshot() != before);
    CHECK(lease.searcher().document_count() == 2);
  }

  TEST_CASE("after a swap, idle Searchers let the old snapshot go; a copy kept still reads it") {
    const test::TempDir dir;
    write_index(dir / "index", 1);
    SearcherPool pool(dir / "index", 2);
    std::shared_ptr<Searcher> kept;
    {
      const SearcherPool::Lease first = pool.borrow();
      const SearcherPool::Lease second = pool.borrow();
      kept = second.shared();  // released first: the next borrower gets the other slot
    }
    CHECK(kept.use_count() == 2);  // the copy and its idle slot
    write_index(dir / "staged", 2);
    std::filesystem::rename(dir / "index", dir / "old");
    std::filesystem::rename(dir / "staged", dir / "index");
    const SearcherPool::Lease lease = pool.borrow();  // the other slot, reopened
    CHECK(lease.searcher().document_count() == 2);
    CHECK(kept.use_count() == 1);  // its idle slot let it go
    CHECK(kept->document_count() == 1);
  }

  TEST_CASE("no index, or not an index: a clear error, and the slot is not lost") {
    const test::TempDir dir;
    SearcherPool pool(dir / "missing", 1);
    CHECK_THROWS_AS(pool.borrow(), std::runtime_error);
    CHECK_THROWS_AS(pool.borrow(), std::runtime_error);    // would wait for ever if the slot were lost
    std::filesystem::create_directories(dir / "missing");  // a folder, but no database in it
    CHECK_THROWS(pool.borrow());
    CHECK_THROWS(pool.borrow());
    std::filesystem::remove(dir / "missing");
    write_index(dir / "missing", 1);
    CHECK(pool.borrow().searcher().document_count() == 1);
  }
}

}  // namespace
}  // namespace vetrina::search
