#pragma once
// The HTTP service behind `vetrina serve` (cpp-httplib, a thread pool). It
// serves the built site from `public/` exactly as nginx would in production:
// content types, ETag / If-None-Match, cache headers (long-lived and
// immutable for fingerprinted assets, revalidated for pages), directory index,
// redirect to the trailing slash, /404.html with status 404, /healthz.
// Requests never leave the public folder: "..", encoded dots, dot files and
// symlinks pointing outside are refused (static_files.h). The folder is
// looked up on every request, so a freshly swapped public/ is served at once.
// Connections go through an event-driven front (http_front.h): a client
// holds a worker only once its request head is complete, with limits on
// head, headers, body and time; only GET and HEAD are served (405 else).
// Static files are sent from an open file descriptor (a swapped public/
// never mixes two versions in one answer) and honour one byte range (several
// are merged when they overlap; else the whole file); dynamic answers
// (/api/search, /cerca/, /healthz, the live preview) ignore Range.
// /healthz answers JSON with the index snapshot and schema. One line per
// request goes to the ServiceLog (service_log.h; the CLI prints it on stderr,
// the journal under systemd): method, path (the query only by its length),
// status, duration. The service itself never prints.
// /api/search answers DESIGN.md's JSON from the Xapian index; worker
// threads borrow one of a few Searchers (four per core) for each search, and
// a Searcher is opened again when the index folder was swapped
// (searcher_pool.h), so a rebuild is picked up without a restart and
// without failing a request in flight. Results computed on a
// local index are kept for repeated requests (result_cache.h), keyed by
// that same folder identity.
// With `stats_dir` set, searches and opened results are counted as daily
// aggregates (usage_recorder.h): POST /api/click receives the result a visitor
// opened (q, url; answered 204); requests carrying "DNT: 1" or
// "Sec-GPC: 1", and crawlers, are not counted.
// With `live` set (serve --watch), the live preview's hooks (live_hooks.h,
// live_events.h). A Server is used by the thread that calls run(); stop()
// may come from any thread or a signal handler.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "generator/util/result.h"
#include "search/query/query.h"
#include "search/service/live_hooks.h"
#include "search/service/service_log.h"

namespace vetrina::search {

// /cerca/ as an HTML page. The service knows no template engine: the site's
// render layer implements this (generator/render/search_page.h). Called from
// many threads at once.
class SearchPageRenderer {
 public:
  virtual ~SearchPageRenderer() = default;
  // The page for a request and its result; with `error` set instead, a page
  // explaining what to correct (the caller sends HTTP 400).
  virtual std::string render(const SearchRequest& request, const SearchResult* result, const IndexInfo& info,
                             const std::string& error) const = 0;
};
// Makes the /cerca/ renderer. Called again whenever the index folder changes
// (a rebuild may have changed the theme and site.yaml too). Throws
// std::runtime_error when it cannot (the request then answers 503).
using SearchPageFactory = std::function<std::shared_ptr<const SearchPageRenderer>()>;

struct ServerOptions {
  std::string public_dir = "public";
  std::string index_dir = ".vetrina/index";  // Xapian database or stub file
  SearchPageFactory search_page;             // /cerca/; without one /cerca/ is a 404
  std::string host = "127.0.0.1";
  int port = 8080;
  // 0 = max(64, 16 x cores): a keep-alive connection holds a worker each,
  // so fewer workers than busy clients leave clients waiting for seconds.
  unsigned threads = 0;
  std::shared_ptr<ServiceLog> log;        // request lines and warnings; null = none kept
  bool access_log = true;                 // one line per request to `log`
  std::size_t live_streams = 16;          // open /__vetrina/events at once; more get 503
  std::shared_ptr<const LiveHooks> live;  // serve --watch only
  std::string stats_dir;                  // "" = count nothing (the default)
  int stats_keep_days = 366;              // daily statistics files kept
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and serves until stop(); fails (at once) when the address cannot
  // be bound.
  Status run();
  // Thread-safe and async-signal-safe: stops accepting; run() returns
  // once the requests in flight are answered.
  void stop();
  // The port actually bound (useful with port 0), valid once run() started.
  int bound_port() const;
  bool is_running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace vetrina::search
