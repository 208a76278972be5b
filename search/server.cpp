#include "search/server.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <mutex>
#include <thread>

#include "generator/util/strings.h"
#include "search/query.h"
#include "search/result_cache.h"
#include "search/search_page.h"

namespace vetrina::search {

namespace {

bool is_within(const std::string& root, const std::string& path) {
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
                          path[root.size()] == '/');
}

std::string real_path(const std::string& path) {
  char buffer[PATH_MAX];
  return ::realpath(path.c_str(), buffer) != nullptr ? std::string(buffer) : std::string();
}

bool read_whole(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = std::move(buffer).str();
  return true;
}

// The last page of a result (1 when there is nothing: the empty page exists).
int last_page(const SearchResult& result) {
  return std::max(1, static_cast<int>((result.total + k_results_per_page - 1) / k_results_per_page));
}

std::string past_end_message(int page, int last) {
  return "la pagina " + std::to_string(page) + " non esiste: i risultati " +
         (last == 1 ? std::string("stanno in una pagina") : "arrivano fino alla pagina " + std::to_string(last));
}

// Requests served on one keep-alive connection before it is closed (as
// nginx's keepalive_requests; cpp-httplib's default is 5).
constexpr std::size_t k_keep_alive_requests = 1000;

}  // namespace

const char* content_type_for(const std::string& path) {
  static constexpr std::array<std::pair<const char*, const char*>, 17> k_types = {{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".xml", "application/xml; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".mp4", "video/mp4"},
      {".webm", "video/webm"},
      {".pdf", "application/pdf"},
  }};
  const auto dot = path.rfind('.');
  if (dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    std::string ext = path.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [suffix, type] : k_types) {
      if (ext == suffix) {
        return type;
      }
    }
  }
  return "application/octet-stream";
}

Resolved resolve_static(const std::string& public_dir, const std::string& path) {
  Resolved result;
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    result.kind = Resolved::Kind::forbidden;
    return result;
  }
  // Any segment starting with '.' covers "..", "." and dot files (.git, .env).
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    if (end > start && path[start] == '.') {
      result.kind = Resolved::Kind::forbidden;
      return result;
    }
    start = end + 1;
  }
  const std::string root = real_path(public_dir);
  if (root.empty()) {
    return result;  // no site built: not found
  }
  std::string candidate = root + path;
  struct stat info {};
  if (::stat(candidate.c_str(), &info) != 0) {
    return result;
  }
  if (S_ISDIR(info.st_mode)) {
    if (path.back() != '/') {
      result.kind = Resolved::Kind::redirect;
      result.location = path + "/";
      return result;
    }
    candidate += "index.html";
    if (::stat(candidate.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
      return result;
    }
  } else if (!S_ISREG(info.st_mode)) {
    return result;
  }
  // Symlinks may not lead out of the public folder.
  const std::string resolved = real_path(candidate);
  if (resolved.empty() || !is_within(root, resolved)) {
    result.kind = Resolved::Kind::forbidden;
    return result;
  }
  result.kind = Resolved::Kind::file;
  result.file = resolved;
  return result;
}

// The calling thread's Searcher for `index_dir`, reopened when the folder
// (or stub file) at that path is not the one it was opened from.
std::shared_ptr<Searcher> thread_searcher(const std::string& index_dir, std::string* key = nullptr) {
  struct Cached {
    std::string path;
    dev_t device = 0;
    ino_t inode = 0;
    struct timespec modified {};
    std::shared_ptr<Searcher> searcher;
  };
  thread_local Cached cached;
  struct stat info {};
  if (::stat(index_dir.c_str(), &info) != 0) {
    throw std::runtime_error("the search index is not built yet (run 'vetrina build')");
  }
  const bool same = cached.searcher && cached.path == index_dir && cached.device == info.st_dev &&
                    cached.inode == info.st_ino && cached.modified.tv_sec == info.st_mtim.tv_sec &&
                    cached.modified.tv_nsec == info.st_mtim.tv_nsec;
  if (!same) {
    cached.searcher = std::make_shared<Searcher>(index_dir);
    cached.path = index_dir;
    cached.device = info.st_dev;
    cached.inode = info.st_ino;
    cached.modified = info.st_mtim;
  }
  if (key != nullptr) {
    *key = std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" +
           std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec);
  }
  return cached.searcher;
}

std::vector<std::pair<std::string, std::string>> request_params(const httplib::Request& request) {
  return {request.params.begin(), request.params.end()};
}

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  mutable std::mutex page_mutex;
  mutable std::shared_ptr<const SearchPage> search_renderer;
  mutable std::string search_renderer_key;
  std::atomic<int> port{0};
  ResultCache results{k_result_cache_entries};
  int listen_socket = -1;  // the socket the server listens on, seen in set_socket_options

  void send_not_found(httplib::Response& response) const {
    std::string body;
    const std::string page = real_path(options.public_dir + "/404.html");
    if (page.empty() || !read_whole(page, body)) {
      body = "<!doctype html><html lang=\"it\"><title>Pagina non trovata</title><h1>Pagina non trovata</h1></html>";
    }
    response.status = 404;
    response.set_header("Cache-Control", "no-cache");
    send_html(response, std::move(body));
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

  void serve_events(const httplib::Request& request, httplib::Response& response) const {
    response.set_header("Cache-Control", "no-store");
    response.set_header("X-Accel-Buffering", "no");
    auto seen = std::make_shared<std::string>(request.get_param_value("since"));
    auto greeted = std::make_shared<bool>(false);
    std::shared_ptr<const LiveHooks> live = options.live;
    response.set_chunked_content_provider(
        "text/event-stream", [live, seen, greeted](std::size_t, httplib::DataSink& sink) {
          std::string message;
          if (!*greeted) {
            *greeted = true;
            message = "retry: 500\n\n";  // reconnect quickly after a restart of the server
          } else {
            const std::string version = live->wait_change(*seen, std::chrono::seconds(15));
            if (live->stopping()) {
              sink.done();
              return false;
            }
            message = version != *seen ? "event: reload\ndata: " + version + "\n\n" : ": ping\n\n";
            *seen = version;
          }
          return sink.write(message.data(), message.size());
        });
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
    response.set_header("X-Content-Type-Options", "nosniff");
    std::shared_ptr<Searcher> searcher;
    std::string index_key;
    try {
      searcher = thread_searcher(options.index_dir, &index_key);
    } catch (const std::exception& e) {
      response.status = 503;
      response.set_content(error_json(e.what()), "application/json");
      return;
    }
    auto parsed = parse_request(request_params(request), searcher->info());
    if (auto* message = std::get_if<std::string>(&parsed)) {
      response.status = 400;
      response.set_content(error_json(*message), "application/json");
      return;
    }
    try {
      const SearchRequest& search_request = std::get<SearchRequest>(parsed);
      const auto result = search(*searcher, index_key, search_request);
      if (const int last = last_page(*result); search_request.page > last) {
        response.status = 400;
        response.set_content(error_json(past_end_message(search_request.page, last)), "application/json");
        return;
      }
      response.set_content(to_json(*result), "application/json");
    } catch (const std::exception& e) {
      response.status = 500;
      response.set_content(error_json(e.what()), "application/json");
    }
  }

  // The /cerca/ renderer, reloaded (theme, site.yaml) when the index changes:
  // a rebuild may have changed both.
  std::shared_ptr<const SearchPage> search_page(const std::string& index_key) const {
    const std::lock_guard lock(page_mutex);
    if (!search_renderer || search_renderer_key != index_key) {
      search_renderer = std::make_shared<const SearchPage>(options.content_dir, options.theme_dir);
      search_renderer_key = index_key;
    }
    return search_renderer;
  }

  void serve_search_page(const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-cache");
    response.set_header("X-Content-Type-Options", "nosniff");
    try {
      std::string index_key;
      const std::shared_ptr<Searcher> searcher = thread_searcher(options.index_dir, &index_key);
      const std::shared_ptr<const SearchPage> renderer = search_page(index_key);
      auto parsed = parse_request(request_params(request), searcher->info());
      if (auto* message = std::get_if<std::string>(&parsed)) {
        SearchRequest fallback;
        response.status = 400;
        send_html(response, renderer->render(fallback, nullptr, searcher->info(), *message));
        return;
      }
      const auto& search_request = std::get<SearchRequest>(parsed);
      const std::shared_ptr<const SearchResult> result = search(*searcher, index_key, search_request);
      if (search_request.page > last_page(*result)) {
        // A page past the last: 404, with a link to the last page.
        response.status = 404;
        send_html(response, renderer->render(search_request, result.get(), searcher->info(), ""));
        return;
      }
      send_html(response, renderer->render(search_request, result.get(), searcher->info(), ""));
    } catch (const std::exception& e) {
      response.status = 503;
      send_html(response,
                "<!doctype html><html lang=\"it\"><meta charset=\"utf-8\"><title>Ricerca non disponibile</title>"
                "<h1>La ricerca non è disponibile in questo momento</h1><p>Riprova tra poco, oppure "
                "<a href=\"/esperienze/\">sfoglia le esperienze</a>.</p></html>");
      std::fprintf(stderr, "vetrina serve: /cerca/: %s\n", e.what());
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
    struct stat info {};
    if (::stat(resolved.file.c_str(), &info) != 0) {
      send_not_found(response);
      return;
    }
    const std::string etag = "\"" + std::to_string(static_cast<long long>(info.st_size)) + "-" +
                             std::to_string(static_cast<long long>(info.st_mtim.tv_sec)) + "." +
                             std::to_string(static_cast<long long>(info.st_mtim.tv_nsec)) + "\"";
    const char* type = content_type_for(resolved.file);
    if (options.live && std::string_view(type).starts_with("text/html")) {
      std::string body;
      if (!read_whole(resolved.file, body)) {
        send_not_found(response);
        return;
      }
      send_html(response, std::move(body));
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
    std::string body;
    if (!read_whole(resolved.file, body)) {
      send_not_found(response);
      return;
    }
    response.set_content(body, type);
  }
};

Server::Server(ServerOptions options) : m_impl(std::make_unique<Impl>()) {
  m_impl->options = std::move(options);
  const unsigned threads = m_impl->options.threads != 0
                               ? m_impl->options.threads
                               : std::max(64U, 16 * std::max(1U, std::thread::hardware_concurrency()));
  m_impl->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // An idle keep-alive connection holds a worker: keep them short, so a few
  // open browser tabs cannot stall everyone else.
  m_impl->http.set_keep_alive_timeout(1);
  // cpp-httplib closes a connection after 5 requests by default: every
  // client then reconnects all the time (and queues in the listen backlog).
  m_impl->http.set_keep_alive_max_count(k_keep_alive_requests);
  // Responses go out in more than one write (headers, body): with Nagle's
  // algorithm the second waits for the client's delayed ACK, 40 ms on
  // Linux, which capped each connection at about 20 requests a second.
  m_impl->http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, which
  // lets a second server start on a busy port and silently share requests.
  m_impl->http.set_socket_options([impl = m_impl.get()](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl->listen_socket = sock;
  });
  Impl* impl = m_impl.get();
  impl->http.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    response.set_content("ok\n", "text/plain; charset=utf-8");
  });
  impl->http.Get("/api/search", [impl](const httplib::Request& request, httplib::Response& response) {
    impl->serve_api(request, response);
  });
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
  if (impl->options.live) {
    impl->http.Get("/__vetrina/events", [impl](const httplib::Request& request, httplib::Response& response) {
      impl->serve_events(request, response);
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

Server::~Server() { stop(); }

bool Server::run(std::string* error) {
  if (m_impl->options.port == 0) {
    m_impl->port = m_impl->http.bind_to_any_port(m_impl->options.host);
  } else if (m_impl->http.bind_to_port(m_impl->options.host, m_impl->options.port)) {
    m_impl->port = m_impl->options.port;
  } else {
    m_impl->port = -1;
  }
  if (m_impl->port >= 0 && m_impl->listen_socket >= 0) {
    // Debian's libcpp-httplib listens with a backlog of 5: a burst of new
    // connections overflows it and clients wait for TCP retransmissions
    // (a second or more). Listening again only enlarges the queue.
    ::listen(m_impl->listen_socket, SOMAXCONN);
  }
  if (m_impl->port < 0) {
    if (error != nullptr) {
      *error = "cannot listen on " + m_impl->options.host + ":" + std::to_string(m_impl->options.port) +
               " (is another server using the port?)";
    }
    return false;
  }
  return m_impl->http.listen_after_bind();
}

void Server::stop() {
  if (m_impl->http.is_running()) {
    m_impl->http.stop();
  }
}

int Server::bound_port() const { return m_impl->port; }
bool Server::is_running() const { return m_impl->http.is_running(); }

}  // namespace vetrina::search
