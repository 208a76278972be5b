// The index's document data and term lists are stored without zlib
// (search/index/glass_tables.h): a built index's version file says so,
// Xapian reads and updates it as any other, what it stores can be read in
// the table files as written, and the version file's parser refuses any
// other layout rather than rewrite bytes it does not understand.
#include "search/index/glass_tables.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "search/index/schema.h"
#include "search/query/searcher.h"
#include "tests/integration/search_fixture.h"

namespace vetrina::search {
namespace {

using testing::TempDir;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// compress_min by table, as glass_version.cc sets them for a new database.
constexpr std::array<std::uint64_t, k_glass_tables> k_xapian_defaults = {0, 18, 18, 0, 18, 18};
constexpr std::array<std::uint64_t, k_glass_tables> k_ours = {0, 0, 0, 0, 18, 18};

TEST_SUITE("glass tables") {
  TEST_CASE("a new database's version file is rewritten for plain document data and term lists, and nothing else") {
    const TempDir dir;
    Xapian::WritableDatabase(dir.sub("db"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC).close();
    const std::string before = read_file(dir.sub("db/iamglass"));
    REQUIRE(compress_min_of_tables(before) == k_xapian_defaults);
    const auto after = uncompressed_tables_version(before);
    REQUIRE(after);
    CHECK(compress_min_of_tables(*after) == k_ours);
    // 18 and 0 take one byte each: every other byte is where it was.
    REQUIRE(after->size() == before.size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
      differing += before[i] != (*after)[i] ? 1U : 0U;
    }
    CHECK(differing == 2);
    // Rewriting again changes nothing.
    CHECK(uncompressed_tables_version(*after) == after);

    REQUIRE(store_tables_uncompressed(dir.sub("db")));
    CHECK(read_file(dir.sub("db/iamglass")) == *after);
    // Xapian opens it, keeps the setting through commits and stores the
    // data as written: a very compressible text (zlib would make it a
    // tenth) is found in the file, in one piece (under a block's size).
    const std::string marker = "vetrina-plain-document-data ";
    std::string data;
    for (int i = 0; i < 30; ++i) {
      data += marker;
    }
    {
      Xapian::WritableDatabase db(dir.sub("db"), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
      Xapian::Document document;
      document.set_data(data);
      document.add_term("orto");
      db.add_document(document);
      db.commit();
    }
    CHECK(compress_min_of_tables(read_file(dir.sub("db/iamglass"))) == k_ours);
    CHECK(read_file(dir.sub("db/docdata.glass")).find(data) != std::string::npos);
    const Xapian::Database reader(dir.sub("db"));
    CHECK(reader.get_document(1).get_data() == data);
  }

  TEST_CASE("anything but a glass version file of the known layout is refused, not rewritten") {
    const TempDir dir;
    Xapian::WritableDatabase(dir.sub("db"), Xapian::DB_CREATE | Xapian::DB_NO_SYNC).close();
    const std::string bytes = read_file(dir.sub("db/iamglass"));
    for (std::size_t size = 0; size < bytes.size(); ++size) {
      CAPTURE(size);
      CHECK_FALSE(uncompressed_tables_version(bytes.substr(0, size)));
    }
    CHECK_FALSE(uncompressed_tables_version(bytes + '\0'));
    std::string other_format = bytes;
    other_format[15] = static_cast<char>(other_format[15] + 1);
    CHECK_FALSE(uncompressed_tables_version(other_format));
    CHECK_FALSE(uncompressed_tables_version(std::string(200, '\xff')));
    // A number over 64 bits (the revision, 0 in a new database, one byte
    // at offset 32) is refused as Xapian refuses it; 64 bits are read.
    REQUIRE(bytes[32] == '\0');
    CHECK_FALSE(uncompressed_tables_version(bytes.substr(0, 32) + std::string(9, '\xff') + '\x02' + bytes.substr(33)));
    CHECK(uncompressed_tables_version(bytes.substr(0, 32) + std::string(9, '\xff') + '\x01' + bytes.substr(33)));

    // A file that is not one stays as it was.
    std::ofstream(dir.sub("db/iamglass"), std::ios::binary | std::ios::trunc) << "not a version file";
    CHECK_FALSE(store_tables_uncompressed(dir.sub("db")));
    CHECK(read_file(dir.sub("db/iamglass")) == "not a version file");
    CHECK_THROWS_AS(store_tables_uncompressed(dir.sub("missing")), std::runtime_error);
  }

  TEST_CASE("the site's index stores plain document data, also after an update in place, and answers") {
    Site site = testing::load_real_site();
    REQUIRE(site.stories.size() >= 2);
    const TempDir dir;
    write_index(site, dir.sub("index"), 2);
    CHECK(compress_min_of_tables(read_file(dir.sub("index/iamglass"))) == k_ours);
    // A story's URL is in its document data's JSON, found as written.
    const std::string docdata = read_file(dir.sub("index/docdata.glass"));
    CHECK(docdata.find("\"u\":\"" + site.stories[1].url() + "\"") != std::string::npos);

    site.stories[0].title.value = "Zanzariera condivisa";
    REQUIRE(update_index(site, dir.sub("index"), {0}, {}));
    CHECK(compress_min_of_tables(read_file(dir.sub("index/iamglass"))) == k_ours);
    Searcher searcher(dir.sub("index"));
    SearchRequest request;
    request.query = "zanzariera";
    const SearchResult result = searcher.search(request);
    REQUIRE(result.total == 1);
    CHECK(result.hits[0].url == site.stories[0].url());
    CHECK(result.hits[0].title == "Zanzariera condivisa");
  }
}

}  // namespace
}  // namespace vetrina::search
