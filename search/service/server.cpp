#include "search/service/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "generator/util/strings.h"
#include "search/index/schema.h"
#include "search/query/query.h"
#include "search/query/result_cache.h"
#include "search/service/http_front.h"
#include "search/service/usage_stats.h"

namespace vetrina::search {

namespace {

// The last page of a result (1 when there is nothing: the empty page exists).
int last_page(const SearchResult& result) {
  return std::max(1, static_cast<int>((result.total + k_results_per_page - 1) / k_results_per_page));
}

std::string past_end_message(int page, int last) {
  return "la pagina " + std::to_string(page) + " non esiste: i risultati " +
         (last == 1 ? std::string("stanno in una pagina") : "arrivano fino alla pagina " + std::to_string(last));
}

bool is_within(const std::string& root, const std::string& path) {
  return path == root ||
         (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/');
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

// Requests served on one keep-alive connection before it is closed (as
// nginx's keepalive_requests; cpp-httplib's default is 5).
constexpr std::size_t k_keep_alive_requests = 1000;

// Byte ranges in one Range header beyond which the header is ignored.
constexpr std::size_t k_max_range_parts = 16;

// Bytes of a path written to the access log.
constexpr std::size_t k_logged_path_bytes = 256;

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

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// A decimal number of at most 19 digits (no sign), or nullopt.
std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 19) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// Paths with repeated slashes are the same path (as nginx's merge_slashes):
// a redirect built from "//esperienze" would otherwise lead to another site.
std::string merge_slashes(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    if (c != '/' || out.empty() || out.back() != '/') {
      out += c;
    }
  }
  return out;
}

}  // namespace

ByteRange byte_range(std::string_view header, std::uint64_t size) {
  ByteRange whole;
  header = trim(header);
  if (header.size() < 6 || !std::equal(header.begin(), header.begin() + 6, "bytes=", [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      })) {
    return whole;
  }
  header.remove_prefix(6);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;  // satisfiable, inclusive
  std::size_t count = 0;
  while (true) {
    const auto comma = header.find(',');
    const std::string_view part = trim(header.substr(0, comma));
    if (++count > k_max_range_parts) {
      return whole;
    }
    const auto dash = part.find('-');
    if (dash == std::string_view::npos) {
      return whole;  // malformed: ignored, as RFC 9110 allows
    }
    const std::string_view first_text = part.substr(0, dash);
    const std::string_view last_text = part.substr(dash + 1);
    if (first_text.empty()) {
      const auto suffix = parse_decimal(last_text);
      if (!suffix) {
        return whole;
      }
      if (*suffix > 0 && size > 0) {
        parts.emplace_back(size - std::min(*suffix, size), size - 1);
      }
    } else {
      const auto first = parse_decimal(first_text);
      const auto last = last_text.empty() ? std::optional<std::uint64_t>(UINT64_MAX) : parse_decimal(last_text);
      if (!first || !last || *last < *first) {
        return whole;
      }
      if (*first < size) {
        parts.emplace_back(*first, std::min(*last, size - 1));
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    header.remove_prefix(comma + 1);
  }
  if (parts.empty()) {
    return ByteRange{ByteRange::Kind::unsatisfiable, 0, 0};
  }
  std::sort(parts.begin(), parts.end());
  ByteRange merged{ByteRange::Kind::partial, parts.front().first, parts.front().second};
  for (const auto& [first, last] : parts) {
    if (first > merged.last + 1) {
      return whole;  // two separate ranges: a multipart answer is not worth it
    }
    merged.last = std::max(merged.last, last);
  }
  return merged;
}

std::string access_line(std::string_view method, std::string_view path, std::size_t query_bytes, int status,
                        double milliseconds) {
  static constexpr char k_hex[] = "0123456789abcdef";
  auto escaped = [](std::string_view text, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (out.size() >= limit) {
        out += "...";
        break;
      }
      const auto c = static_cast<unsigned char>(text[i]);
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
        out += "\\x";
        out += k_hex[c >> 4];
        out += k_hex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    return out;
  };
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " query_bytes=%zu status=%d ms=%.1f", query_bytes, status, milliseconds);
  return "method=" + escaped(method, 16) + " path=" + escaped(path, k_logged_path_bytes) + numbers;
}

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

Resolved resolve_static(const std::string& public_dir, const std::string& raw_path) {
  Resolved result;
  if (raw_path.empty() || raw_path[0] != '/' || raw_path.find('\0') != std::string::npos ||
      raw_path.find('\\') != std::string::npos) {
    result.kind = Resolved::Kind::forbidden;
    return result;
  }
  const std::string path = merge_slashes(raw_path);
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
    *key = std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" + std::to_string(info.st_mtim.tv_sec) +
           "." + std::to_string(info.st_mtim.tv_nsec);
  }
  return cached.searcher;
}

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
  HttpFront http;
  std::atomic<std::size_t> live_streams{0};
  mutable std::mutex page_mutex;
  mutable std::shared_ptr<const SearchPageRenderer> search_renderer;
  mutable std::string search_renderer_key;
  std::atomic<int> port{0};
  ResultCache results{k_result_cache_entries};
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

  // Each open event stream holds a worker: at most options.live_streams at
  // once (tabs beyond get 503 and simply do not reload by themselves). A
  // stream ends within a second when its client goes away or the server stops.
  void serve_events(const httplib::Request& request, httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    if (live_streams.fetch_add(1) >= options.live_streams) {
      live_streams.fetch_sub(1);
      response.status = 503;
      response.set_header("Retry-After", "5");
      response.set_content("too many live-reload connections\n", "text/plain; charset=utf-8");
      return;
    }
    // Gives the slot back when httplib drops the provider, however the stream ended.
    auto slot = std::shared_ptr<void>(nullptr, [this](void*) { live_streams.fetch_sub(1); });
    response.set_header("X-Accel-Buffering", "no");
    auto seen = std::make_shared<std::string>(request.get_param_value("since"));
    auto greeted = std::make_shared<bool>(false);
    std::shared_ptr<const LiveHooks> live = options.live;
    response.set_chunked_content_provider(
        "text/event-stream", [this, live, seen, greeted, slot](std::size_t, httplib::DataSink& sink) {
          std::string message;
          if (!*greeted) {
            *greeted = true;
            message = "retry: 500\n\n";  // reconnect quickly after a restart of the server
          } else {
            std::string version = *seen;
            for (int waited = 0; waited < 15 && version == *seen; ++waited) {
              version = live->wait_change(*seen, std::chrono::seconds(1));
              if (live->stopping() || http.stopping() || !sink.is_writable()) {
                sink.done();
                return false;
              }
            }
            message = version != *seen ? "event: reload\ndata: " + version + "\n\n" : ": ping\n\n";
            *seen = version;
          }
          return sink.write(message.data(), message.size());
        });
  }

  void serve_health(httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    nlohmann::ordered_json health{{"status", "ok"}, {"schema", k_schema_version}};
    try {
      std::string key;
      const std::shared_ptr<Searcher> searcher = thread_searcher(options.index_dir, &key);
      const std::string real = real_path(options.index_dir);
      health["index"] = {{"path", real.empty() ? options.index_dir : real},
                         {"snapshot", key},
                         {"revision", searcher->revision()},
                         {"documents", searcher->document_count()},
                         {"local", searcher->is_local()}};
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
    if (!parsed) {
      response.status = 400;
      response.set_content(error_json(parsed.error()), "application/json");
      return;
    }
    try {
      const auto& search_request = *parsed;
      const std::shared_ptr<const SearchResult> result = search(*searcher, index_key, search_request);
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
      std::string index_key;
      const std::shared_ptr<Searcher> searcher = thread_searcher(options.index_dir, &index_key);
      const std::shared_ptr<const SearchPageRenderer> renderer = search_page(index_key);
      auto parsed = parse_request(request_params(request), searcher->info());
      if (!parsed) {
        SearchRequest fallback;
        response.status = 400;
        send_html(response, renderer->render(fallback, nullptr, searcher->info(), parsed.error()));
        return;
      }
      const auto& search_request = *parsed;
      const std::shared_ptr<const SearchResult> result = search(*searcher, index_key, search_request);
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
    impl->usage = std::make_unique<UsageRecorder>(std::move(usage));
  }
  impl->http.Post("/api/click", [impl](const httplib::Request& request, httplib::Response& response) {
    impl->serve_click(request, response);
  });
  // Byte ranges are the static handler's business (byte_range()): httplib
  // would answer thousands of ranges as one multipart body, on any answer.
  impl->http.setup = [](httplib::Request& request) { request.ranges.clear(); };
  if (impl->options.access_log) {
    impl->http.set_logger([](const httplib::Request& request, const httplib::Response& response) {
      const auto took = std::chrono::steady_clock::now() - HttpFront::request_start();
      const auto query = request.target.find('?');
      const std::string line =
          "vetrina serve: " +
          access_line(request.method, request.path.empty() ? request.target.substr(0, query) : request.path,
                      query == std::string::npos ? 0 : request.target.size() - query - 1, response.status,
                      std::chrono::duration<double, std::milli>(took).count()) +
          "\n";
      std::fputs(line.c_str(), stderr);
    });
    impl->http.front_answered = [](std::string_view method, std::string_view target, int status) {
      const auto query = target.find('?');
      const std::string line =
          "vetrina serve: " +
          access_line(method, target.substr(0, query), query == std::string_view::npos ? 0 : target.size() - query - 1,
                      status, 0.0) +
          "\n";
      std::fputs(line.c_str(), stderr);
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

Server::~Server() {
  stop();
}

bool Server::run(std::string* error) {
  std::string message;
  if (!m_impl->http.bind(m_impl->options.host, m_impl->options.port, &message)) {
    m_impl->port = -1;
    if (error != nullptr) {
      *error = message;
    }
    return false;
  }
  m_impl->port = m_impl->http.port();
  m_impl->http.serve();
  return true;
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
