// The same search over two remote shards served by Xapian's own
// xapian-tcpsrv (a stub database lists them) must answer exactly as the
// single local index: totals, ranking order and facet counts.
#include <doctest/doctest.h>

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "search/query/query.h"
#include "tests/integration/search_fixture.h"
#include "tests/search_test_support.h"

namespace vetrina::search {
namespace {

using testing::TempDir;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

// A running xapian-tcpsrv, stopped when destroyed.
class TcpServer {
 public:
  TcpServer(const std::string& database, int port) : m_port(port) {
    m_pid = ::fork();
    if (m_pid == 0) {
      // Its own process group: xapian-tcpsrv signals its group when stopping.
      ::setpgid(0, 0);
      const std::string port_text = std::to_string(port);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", port_text.c_str(),
               database.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~TcpServer() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;
  int port() const { return m_port; }

 private:
  pid_t m_pid = -1;
  int m_port;
};

std::unique_ptr<Searcher> open_when_ready(const std::string& stub) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    try {
      return std::make_unique<Searcher>(stub);
    } catch (const std::runtime_error&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return std::make_unique<Searcher>(stub);  // the last try reports the error
}

TEST_SUITE("remote shards") {
  TEST_CASE("two xapian-tcpsrv shards answer like the single index") {
    const Site site = testing::load_real_site();
    const TempDir dir;
    write_index(site, dir.sub("single"), 2);
    write_index(testing::subset(site, [](std::size_t i) { return i % 2 == 0; }), dir.sub("shard-a"), 1);
    write_index(testing::subset(site, [](std::size_t i) { return i % 2 == 1; }), dir.sub("shard-b"), 1);

    const TcpServer a(dir.sub("shard-a"), free_port());
    const TcpServer b(dir.sub("shard-b"), free_port());
    {
      std::ofstream stub(dir.sub("stub"));
      stub << "remote 127.0.0.1:" << a.port() << "\n"
           << "remote 127.0.0.1:" << b.port() << "\n";
    }
    Searcher single(dir.sub("single"));
    const auto remote = open_when_ready(dir.sub("stub"));
    CHECK(remote->document_count() == site.stories.size());

    const std::vector<std::pair<std::string, std::vector<std::pair<std::size_t, std::string>>>> cases = {
        {"", {}},
        {"", {{0, "primaria"}}},
        {"scuola", {}},
        {"lingue europee", {}},
        {"progetto", {{0, "primaria"}, {0, "secondaria-1"}}},
        {"scuola", {{1, "digitale"}, {0, "secondaria-2"}}},
        {"", {{6, "europeo"}, {3, "2019-2020"}}},
    };
    for (const auto& [text, filters] : cases) {
      SearchRequest request;
      request.query = text;
      for (const auto& [facet, id] : filters) {
        request.selected[facet].push_back(id);
      }
      const SearchResult expected = single.search(request);
      const SearchResult got = remote->search(request);
      const auto& shown_text = text;  // clang 14 cannot capture a structured binding
      CAPTURE(shown_text);
      CHECK(got.total == expected.total);
      CHECK(testing::result_urls(got) == testing::result_urls(expected));
      for (std::size_t f = 0; f < k_facets.size(); ++f) {
        CAPTURE(k_facets[f].name);
        REQUIRE(got.facets[f].size() == expected.facets[f].size());
        for (std::size_t v = 0; v < got.facets[f].size(); ++v) {
          CHECK(got.facets[f][v].id == expected.facets[f][v].id);
          CHECK(got.facets[f][v].count == expected.facets[f][v].count);
          CHECK(got.facets[f][v].selected == expected.facets[f][v].selected);
        }
      }
    }
  }
}

}  // namespace
}  // namespace vetrina::search
