#include "search/service/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "generator/util/file_system.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"
#include "search/index/schema.h"
#include "search/query/query.h"
#include "search/query/result_cache.h"
#include "search/service/http_front.h"
#include "search/service/live_events.h"
#include "search/service/searcher_pool.h"
#include "search/service/static_files.h"
#include "search/service/usage_recorder.h"
#include "search/service/user_agent.h"

namespace vetrina::search {

namespace {

// The last page of a result (1 when there is nothing: the empty page exists).
int last_page(const SearchResult& result) {
  return std::max(1, static_cast<int>((result.total + k_results_per_page - 1) / k_results_per_page));
}

std::string past_end_message(int page, int last) {
  if (last == 1) {
    return tr("page {} does not exist: the results fit on one page", std::to_string(page));
  }
  return tr("page {} does not exist: the results go up to page {}", std::to_string(page), std::to_string(last));
}

// Requests served on one keep-alive connection before it is closed (as
// nginx's keepalive_requests; cpp-httplib's default is 5).
constexpr std::size_t k_keep_alive_requests = 1000;

// An open file shared by a streaming answer; closed with the last owner.
struct OpenFile {
  int fd = -1;
  explicit OpenFile(int descriptor) : fd(descriptor) {}
  ~OpenFile() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> request_params(const httplib::Request& request) {
  return {request.params.begin(), request.params.end()};
}

FrontLimits front_limits(const ServerOptions& options) {
  FrontLimits limits;
  limits.workers =
      options.threads != 0 ? options.threads : std::max(64U, 16 * std::max(1U, std::thread::hardware_concurrency()));
  limits.keep_alive_requests = k_keep_alive_requests;
  return limits;
}

struct Server::Impl {
  explicit Impl(ServerOptions server_options) : options(std::move(server_options)), http(front_limits(options)) {}

  ServerOptions options;
  std::unique_ptr<LiveEvents> live_events;  // null unless options.live is set; outlives the workers
  HttpFront http;
  mutable std::mutex page_mutex;
  mutable std::shared_ptr<const SearchPageRenderer> search_renderer;
  mutable std::string search_renderer_key;
  std::atomic<int> port{0};
  ResultCache results{k_result_cache_entries};
  SearcherPool searchers{options.index_dir};
  std::unique_ptr<UsageRecorder> usage;  // null unless options.stats_dir is set

  // Whether this request may be counted: statistics on, no Do Not Track or
  // Global Privacy Control, not a crawler.
  bool may_count(const httplib::Request& request) const {
    return usage && request.get_header_value("DNT") != "1" && request.get_header_value("Sec-GPC") != "1" &&
           !classify_agent(request.get_header_value("User-Agent")).bot;
  }

  // A search is counted once, on its first page; opening /cerca/ without
  // words nor filters is not a search.
  void count_search(const httplib::Request& request, const SearchRequest& search_request, std::size_t total) {
    if (search_request.page != 1 || !may_count(request)) {
      return;
    }
    const bool filtered = std::any_of(search_request.selected.begin(), search_request.selected.end(),
                                      [](const auto& values) { return !values.empty(); });
    if (search_request.query.empty() && !filtered) {
      return;
    }
    usage->record_search(search_request, total, request.get_header_value("User-Agent"));
  }

  // POST /api/click (search.js, navigator.sendBeacon): q and url of the
  // opened result, form-encoded. Only an existing story page is counted.
  void serve_click(const httplib::Request& request, httplib::Response& response) const {
    response.set_header("Cache-Control", "no-store");
    if (request.body.size() > 2048) {
      response.status = 413;
      return;
    }
    httplib::Params params;
    httplib::detail::parse_query_text(request.body, params);
    const auto q = params.find("q");
    const auto url = params.find("url");
    if (url == params.end() || q == params.end()) {
      response.status = 400;
      response.set_content(error_json("q e url sono obbligatori"), "application/json");
      return;
    }
    const std::string& path = url->second;
    if (path.size() > 200 || !path.starts_with("/esperienze/") || !path.ends_with("/") ||
        path.find_first_of("?#%") != std::string::npos ||
        resolve_static(options.public_dir, path).kind != Resolved::Kind::file) {
      response.status = 400;
      response.set_content(error_json("url non è una pagina di esperienza"), "application/json");
      return;
    }
    if (may_count(request)) {
      usage->record_click(q->second, path, request.get_header_value("User-Agent"));
    }
    response.status = 204;
  }

  void send_not_found(httplib::Response& response) const {
    const std::string page = real_path(options.public_dir + "/404.html");
    std::optional<std::string> body = page.empty() ? std::nullopt : util::read_whole_file(page);
    if (!body) {
      body = "<!doctype html><html lang=\"it\"><title>Pagina non trovata</title><h1>Pagina non trovata</h1></html>";
    }
    response.status = 404;
    response.set_header("Cache-Control", "no-cache");
    send_html(response, std::move(*body));
  }

  // Every HTML answer goes through here: in watch mode it gets the live
  // preview's script and error overlay, and must never be cached.
  void send_html(httplib::Response& response, std::string body) const {
    if (options.live) {
      body = options.live->decorate(std::move(body));
      response.set_header("Cache-Control", "no-store");
    }
    response.set_content(body, "text/html; charset=utf-8");
  }

  void serve_health(httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    nlohmann::ordered_json health{{"status", "ok"}, {"schema", k_schema_version}};
    try {
      const SearcherPool::Lease lease = searchers.borrow();
      const Searcher& searcher = lease.searcher();
      const std::string real = real_path(options.index_dir);
      health["index"] = {{"path", real.empty() ? options.index_dir : real},
                         {"snapshot", lease.snapshot()},
                         {"revision", searcher.revision()},
                         {"documents", searcher.document_count()},
                         {"local", searcher.is_local()}};
    } catch (const std::exception& e) {
      response.status = 503;
      health["status"] = "error";
      health["error"] = e.what();
    }
    response.set_content(health.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                         "application/json");
  }

  // The result of `request`, from the cache when a local index answered it
  // already.
  std::shared_ptr<const SearchResult> search(Searcher& searcher, const std::string& index_key,
                                             const SearchRequest& request) {
    if (!searcher.is_local()) {
      return std::make_shared<const SearchResult>(searcher.search(request));
    }
    if (auto cached = results.find(index_key, request)) {
      return cached;
    }
    auto result = std::make_shared<const SearchResult>(searcher.search(request));
    results.insert(index_key, request, result);
    return result;
  }

  void serve_api(const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-cache");
    response.set_header("Accept-Ranges", "none");
    response.set_header("X-Content-Type-Options", "nosniff");
    std::optional<SearcherPool::Lease> lease;
    try {
      lease.emplace(searchers.borrow());
    } catch (const std::exception& e) {
      response.status = 503;
      response.set_content(error_json(e.what()), "application/json");
      return;
    }
    auto parsed = parse_request(request_params(request), lease->searcher().info());
    if (!parsed) {
      response.status = 400;
      response.set_content(error_json(parsed.error()), "application/json");
      return;
    }
    try {
      const auto& search_request = *parsed;
      const std::shared_ptr<const SearchResult> result = search(lease->searcher(), lease->snapshot(), search_request);
      lease.reset();  // the Searcher is not needed to answer
      if (const int last = last_page(*result); search_request.page > last) {
        response.status = 400;
        response.set_content(error_json(past_end_message(search_request.page, last)), "application/json");
        return;
      }
      response.set_content(to_json(*result), "application/json");
      count_search(request, search_request, result->total);
    } catch (const std::exception& e) {
      response.status = 500;
      response.set_content(error_json(e.what()), "application/json");
    }
  }

  // The /cerca/ renderer, reloaded (theme, site.yaml) when the index changes:
  // a rebuild may have changed both.
  std::shared_ptr<const SearchPageRenderer> search_page(const std::string& index_key) const {
    const std::lock_guard lock(page_mutex);
    if (!search_renderer || search_renderer_key != index_key) {
      search_renderer = options.search_page();
      search_renderer_key = index_key;
    }
    return search_renderer;
  }

  void serve_search_page(const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-cache");
    response.set_header("Accept-Ranges", "none");
    response.set_header("X-Content-Type-Options", "nosniff");
    try {
      std::optional<SearcherPool::Lease> lease(searchers.borrow());
      const std::shared_ptr<Searcher> searcher = lease->shared();  // its info() outlives the lease
      const std::string index_key = lease->snapshot();
      const std::shared_ptr<const SearchPageRenderer> renderer = search_page(index_key);
      auto parsed = parse_request(request_params(request), searcher->info());
      if (!parsed) {
        lease.reset();
        SearchRequest fallback;
        response.status = 400;
        send_html(response, renderer->render(fallback, nullptr, searcher->info(), parsed.error()));
        return;
      }
      const auto& search_request = *parsed;
      const std::shared_ptr<const SearchResult> result = search(*searcher, index_key, search_request);
      lease.reset();  // rendering needs no Searcher
      if (search_request.page > last_page(*result)) {
        // A page past the last: 404, with a link to the last page.
        response.status = 404;
        send_html(response, renderer->render(search_request, result.get(), searcher->info(), ""));
        return;
      }
      send_html(response, renderer->render(search_request, result.get(), searcher->info(), ""));
      count_search(request, search_request, result->total);
    } catch (const std::exception& e) {
      response.status = 503;
      send_html(response,
                "<!doctype html><html lang=\"it\"><meta charset=\"utf-8\"><title>Ricerca non disponibile</title>"
                "<h1>La ricerca non è disponibile in questo momento</h1><p>Riprova tra poco, oppure "
                "<a href=\"/esperienze/\">sfoglia le esperienze</a>.</p></html>");
      if (options.log) {
        options.log->warning(std::string("/cerca/: ") + e.what());
      }
    }
  }

  void serve_static(const httplib::Request& request, httplib::Response& response) const {
    const Resolved resolved = resolve_static(options.public_dir, request.path);
    switch (resolved.kind) {
      case Resolved::Kind::forbidden:
      case Resolved::Kind::not_found:
        send_not_found(response);
        return;
      case Resolved::Kind::redirect:
        response.set_redirect(resolved.location, 301);
        return;
      case Resolved::Kind::file:
        break;
    }
    const int fd = ::open(resolved.file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    auto file = std::make_shared<OpenFile>(fd);
    struct stat info {};
    if (fd < 0 || ::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      send_not_found(response);
      return;
    }
    const std::string etag = "\"" + std::to_string(static_cast<long long>(info.st_size)) + "-" +
                             std::to_string(static_cast<long long>(info.st_mtim.tv_sec)) + "." +
                             std::to_string(static_cast<long long>(info.st_mtim.tv_nsec)) + "\"";
    const char* type = content_type_for(resolved.file);
    if (options.live && std::string_view(type).starts_with("text/html")) {
      std::optional<std::string> body = util::read_whole_file(resolved.file);
      if (!body) {
        send_not_found(response);
        return;
      }
      send_html(response, std::move(*body));
      return;
    }
    // Fingerprinted addresses (/media/<hash>-..., ?v=<hash>) never change.
    const bool immutable = request.path.rfind("/media/", 0) == 0 || request.has_param("v");
    response.set_header("ETag", etag);
    response.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    response.set_header("X-Content-Type-Options", "nosniff");
    if (request.get_header_value("If-None-Match") == etag) {
      response.status = 304;
      return;
    }
    // The file is streamed from the descriptor opened above.
    const auto size = static_cast<std::uint64_t>(info.st_size);
    response.set_header("Accept-Ranges", "bytes");
    ByteRange range{ByteRange::Kind::whole, 0, 0};
    const std::string if_range = request.get_header_value("If-Range");
    if (request.has_header("Range") && (if_range.empty() || if_range == etag)) {
      range = byte_range(request.get_header_value("Range"), size);
    }
    if (range.kind == ByteRange::Kind::unsatisfiable) {
      response.status = 416;
      response.set_header("Content-Range", "bytes */" + std::to_string(size));
      return;
    }
    std::uint64_t first = 0;
    std::uint64_t length = size;
    if (range.kind == ByteRange::Kind::partial) {
      first = range.first;
      length = range.last - range.first + 1;
      response.status = 206;
      response.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) +
                                               "/" + std::to_string(size));
    }
    if (length == 0) {
      response.set_content("", type);
      return;
    }
    response.set_content_provider(static_cast<std::size_t>(length), type,
                                  [file, first](std::size_t offset, std::size_t left, httplib::DataSink& sink) {
                                    std::array<char, 64 * 1024> buffer;
                                    const ssize_t n = ::pread(file->fd, buffer.data(), std::min(left, buffer.size()),
                                                              static_cast<off_t>(first + offset));
                                    return n > 0 && sink.write(buffer.data(), static_cast<std::size_t>(n));
                                  });
  }
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {
  // Keep-alive (1000 requests a connection, as nginx's keepalive_requests;
  // idle connections wait in the front, not on a worker) and TCP_NODELAY
  // (answers go out in more than one write; with Nagle's algorithm the second
  // waited 40 ms for the client's delayed ACK) are set by the front.
  Impl* impl = m_impl.get();
  if (!impl->options.stats_dir.empty()) {
    UsageOptions usage;
    usage.dir = impl->options.stats_dir;
    usage.keep_days = impl->options.stats_keep_days;
    usage.log = impl->options.log;
    impl->usage = std::make_unique<UsageRecorder>(std::move(usage));
  }
  impl->http.Post("/api/click", [impl](const httplib::Request& request, httplib::Response& response) {
    impl->serve_click(request, response);
  });
  // Byte ranges are the static handler's business (byte_range()): httplib
  // would answer thousands of ranges as one multipart body, on any answer.
  impl->http.setup = [](httplib::Request& request) { request.ranges.clear(); };
  if (impl->options.access_log && impl->options.log) {
    impl->http.set_logger([impl](const httplib::Request& request, const httplib::Response& response) {
      const auto took = std::chrono::steady_clock::now() - HttpFront::request_start();
      const auto query = request.target.find('?');
      impl->options.log->request(access_line(request.method,
                                             request.path.empty() ? request.target.substr(0, query) : request.path,
                                             query == std::string::npos ? 0 : request.target.size() - query - 1,
                                             response.status, std::chrono::duration<double, std::milli>(took).count()));
    });
    impl->http.front_answered = [impl](std::string_view method, std::string_view target, int status) {
      const auto query = target.find('?');
      impl->options.log->request(access_line(method, target.substr(0, query),
                                             query == std::string_view::npos ? 0 : target.size() - query - 1, status,
                                             0.0));
    };
  }
  impl->http.Get("/healthz",
                 [impl](const httplib::Request&, httplib::Response& response) { impl->serve_health(response); });
  impl->http.Get("/api/search", [impl](const httplib::Request& request, httplib::Response& response) {
    impl->serve_api(request, response);
  });
  if (impl->options.search_page) {
    impl->http.Get("/cerca/", [impl](const httplib::Request& request, httplib::Response& response) {
      impl->serve_search_page(request, response);
    });
    // "/cerca" as typed or linked without the slash: the search page, query kept.
    impl->http.Get("/cerca", [](const httplib::Request& request, httplib::Response& response) {
      // The query string as sent (parameter order kept) when it is plain
      // printable ASCII, else rebuilt from the decoded parameters.
      const auto question = request.target.find('?');
      std::string query = question == std::string::npos ? std::string() : request.target.substr(question);
      if (!std::all_of(query.begin(), query.end(), [](char c) { return c > ' ' && c < 0x7f; })) {
        query.clear();
        for (const auto& [name, value] : request.params) {
          query += (query.empty() ? "?" : "&") + util::url_encode(name) + "=" + util::url_encode(value);
        }
      }
      response.set_redirect("/cerca/" + query, 301);
    });
  }
  if (impl->options.live) {
    impl->live_events = std::make_unique<LiveEvents>(impl->options.live, impl->options.live_streams,
                                                     [impl] { return impl->http.stopping(); });
    impl->http.Get("/__vetrina/events", [impl](const httplib::Request& request, httplib::Response& response) {
      impl->live_events->answer(request, response);
    });
    impl->http.Get("/__vetrina/live.js", [impl](const httplib::Request&, httplib::Response& response) {
      response.set_header("Cache-Control", "no-store");
      response.set_content(impl->options.live->script(), "text/javascript; charset=utf-8");
    });
  }
  impl->http.Get(".*", [impl](const httplib::Request& request, httplib::Response& response) {
    impl->serve_static(request, response);
  });
}

Server::~Server() {
  stop();
}

Status Server::run() {
  const Status bound = m_impl->http.bind(m_impl->options.host, m_impl->options.port);
  if (!bound) {
    m_impl->port = -1;
    return bound;
  }
  m_impl->port = m_impl->http.port();
  m_impl->http.serve();
  return Status::success();
}

void Server::stop() {
  m_impl->http.stop();
}

int Server::bound_port() const {
  return m_impl->port;
}
bool Server::is_running() const {
  return m_impl->http.serving();
}

}  // namespace vetrina::search
