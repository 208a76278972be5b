#pragma once
// The connection side of `vetrina serve`: an event-driven front in front of
// cpp-httplib's request handling.
//
// cpp-httplib gives each connection a worker thread for as long as it is
// open, so clients that send their headers one line every few seconds
// (slowloris) or simply keep idle connections open hold every worker and
// nobody else is answered. The front owns the listening socket instead: one
// thread polls every connection and collects its request head (request line
// and headers) without a worker; only a complete head goes to a worker, which
// lets httplib parse, route and answer it. A kept-alive connection comes back
// to the front to wait for its next request.
//
// Limits (FrontLimits): the head must arrive within head_timeout of the
// connection (or of the previous answer), an idle kept-alive connection is
// closed after idle_timeout, a head is at most head_bytes and header_lines
// lines (else 431), a body at most body_bytes (413, httplib), each read of a
// body and each write of an answer waits at most io_timeout, and at most
// `connections` are open at once (more get 503). Only GET and HEAD are
// served: other methods get 405 with "Allow: GET, HEAD" from the front.
//
// stop() is async-signal-safe: the front stops accepting, closes connections
// that are waiting for a request, lets the workers finish the requests in
// flight (their answers end with "Connection: close"), then serve() returns.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "generator/util/result.h"

namespace vetrina::search {

struct FrontLimits {
  std::chrono::milliseconds head_timeout{10'000};
  std::chrono::milliseconds idle_timeout{5'000};
  std::chrono::milliseconds io_timeout{5'000};
  std::size_t head_bytes = 16 * 1024;
  std::size_t header_lines = 100;
  std::size_t body_bytes = 64 * 1024;
  std::size_t connections = 1024;
  std::size_t keep_alive_requests = 1000;
  unsigned workers = 64;
};

class HttpFront : public httplib::Server {
 public:
  explicit HttpFront(FrontLimits limits);
  ~HttpFront() override;
  HttpFront(const HttpFront&) = delete;
  HttpFront& operator=(const HttpFront&) = delete;

  // Binds host:port (0: any free port); fails when the address does not
  // resolve or the port is taken.
  Status bind(const std::string& host, int port);
  // The bound port (after bind()).
  int port() const { return m_port; }
  // Serves until stop() and until the requests in flight are answered.
  void serve();
  // Async-signal-safe.
  void stop();
  bool serving() const { return m_serving.load(); }
  bool stopping() const { return m_stop.load(); }

  // Called on the worker for every parsed request before it is routed.
  std::function<void(httplib::Request&)> setup;
  // Called for each answer the front gives itself (405, 408, 431, 503):
  // method (may be empty), raw target (may be cut), status.
  std::function<void(std::string_view, std::string_view, int)> front_answered;
  // When the request being handled on this thread was complete (for the
  // access log's durations).
  static std::chrono::steady_clock::time_point request_start();

 private:
  struct Connection;
  void poll_loop();
  // Answers (and closes) a request the front refuses; true if it may be served.
  bool admit(Connection& connection);
  void dispatch(std::shared_ptr<Connection> connection);
  void serve_one(const std::shared_ptr<Connection>& connection);
  void give_back(std::shared_ptr<Connection> connection);
  void answer_and_close(Connection& connection, int status, const char* extra_headers);
  void close_connection(int fd) const;
  void wake() const;

  FrontLimits m_limits;
  int m_listen = -1;
  int m_wake[2] = {-1, -1};
  int m_port = -1;
  std::atomic<bool> m_stop{false};
  std::atomic<bool> m_serving{false};
  std::atomic<std::size_t> m_busy{0};  // connections handed to workers
  std::unique_ptr<httplib::ThreadPool> m_pool;
  std::mutex m_returned_mutex;
  std::vector<std::shared_ptr<Connection>> m_returned;
};

}  // namespace vetrina::search
