#include "search/service/http_front.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "generator/util/i18n.h"
#include "search/service/front_stream.h"
#include "search/service/request_head.h"
#include "search/service/socket.h"

namespace vetrina::search {

namespace {

using Clock = std::chrono::steady_clock;

thread_local Clock::time_point t_request_start;

HeadState head_within(const std::string& head, const FrontLimits& limits) {
  return head_state(head, limits.head_bytes, limits.header_lines);
}

}  // namespace

struct HttpFront::Connection {
  int fd = -1;
  std::string head;            // bytes received and not yet handled
  Clock::time_point deadline;  // the head must be complete by then
  Clock::time_point complete;  // when the head was complete
  std::size_t served = 0;      // requests answered on this connection
};

HttpFront::HttpFront(FrontLimits limits) : m_limits(limits) {
  set_payload_max_length(m_limits.body_bytes);
  // httplib tells clients how long it keeps a connection: the front's value.
  set_keep_alive_timeout(
      std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(m_limits.idle_timeout).count()));
  set_keep_alive_max_count(m_limits.keep_alive_requests);
}

HttpFront::~HttpFront() {
  for (int fd : {m_listen, m_wake[0], m_wake[1]}) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
  for (const auto& connection : m_returned) {
    ::close(connection->fd);
  }
}

std::chrono::steady_clock::time_point HttpFront::request_start() {
  return t_request_start;
}

Status HttpFront::bind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
    return Status::error(tr("cannot resolve the address {}", host));
  }
  std::string reason;
  for (const addrinfo* a = found; a != nullptr && m_listen < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      continue;
    }
    // SO_REUSEADDR only: SO_REUSEPORT would let a second server share the port silently.
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
      m_listen = fd;
    } else {
      reason = std::strerror(errno);
      ::close(fd);
    }
  }
  ::freeaddrinfo(found);
  if (m_listen < 0) {
    return Status::error(tr("cannot listen on {}:{} ({}; is another server using the port?)", host,
                            std::to_string(port), reason.empty() ? std::string(_("no usable address")) : reason));
  }
  std::string ip;
  address_of(m_listen, false, ip, m_port);
  if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Status::error(tr("cannot create a pipe: {}", std::strerror(errno)));
  }
  // httplib stops content providers once this is invalid: keep it valid
  // until the requests in flight are answered.
  svr_sock_ = m_listen;
  return Status::success();
}

void HttpFront::stop() {
  m_stop.store(true);
  wake();
}

void HttpFront::wake() const {
  if (m_wake[1] >= 0) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &byte, 1);
  }
}

void HttpFront::close_connection(int fd) const {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

void HttpFront::answer_and_close(Connection& connection, int status, const char* extra_headers) {
  if (front_answered) {
    const auto space = connection.head.find(' ');
    const std::string_view head(connection.head);
    const std::string_view method =
        space == std::string::npos ? std::string_view() : head.substr(0, std::min<std::size_t>(space, 16));
    std::string_view target;
    if (space != std::string::npos) {
      target = head.substr(space + 1);
      target = target.substr(0, std::min(target.find_first_of(" \r\n"), std::size_t{512}));
    }
    front_answered(method, target, status);
  }
  const char* reason = status == 400   ? "Bad Request"
                       : status == 405 ? "Method Not Allowed"
                       : status == 413 ? "Content Too Large"
                       : status == 408 ? "Request Timeout"
                       : status == 431 ? "Request Header Fields Too Large"
                                       : "Service Unavailable";
  const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n" + extra_headers +
                             "Content-Length: 0\r\nConnection: close\r\n\r\n";
  [[maybe_unused]] const ssize_t sent = ::send(connection.fd, answer.data(), answer.size(), MSG_NOSIGNAL);
  // Half-close and drop what the client still sends, so the answer is not
  // lost to a reset.
  ::shutdown(connection.fd, SHUT_WR);
  char sink[4096];
  while (::recv(connection.fd, sink, sizeof sink, MSG_DONTWAIT) > 0) {
  }
  ::close(connection.fd);
  connection.fd = -1;
}

void HttpFront::serve() {
  m_pool = std::make_unique<httplib::ThreadPool>(std::max(1U, m_limits.workers));
  m_serving.store(true);
  poll_loop();
  // Stopping: nothing new is accepted; requests in flight finish.
  ::close(m_listen);
  m_listen = -1;
  m_pool->shutdown();
  svr_sock_ = INVALID_SOCKET;
  {
    const std::lock_guard lock(m_returned_mutex);
    for (const auto& connection : m_returned) {
      close_connection(connection->fd);
    }
    m_returned.clear();
  }
  m_serving.store(false);
}

bool HttpFront::admit(Connection& connection) {
  connection.complete = Clock::now();
  const auto space = connection.head.find(' ');
  const std::string_view method(connection.head.data(), space == std::string::npos ? 0 : space);
  // The one POST: search.js's beacon of an opened result (/api/click, a
  // small form body, see usage_recorder.h).
  const std::string_view rest = std::string_view(connection.head).substr(space == std::string::npos ? 0 : space + 1);
  const bool click = method == "POST" && (rest.starts_with("/api/click ") || rest.starts_with("/api/click?"));
  if (method != "GET" && method != "HEAD" && !click) {
    answer_and_close(connection, 405, "Allow: GET, HEAD\r\n");
    return false;
  }
  if (click) {
    const auto length = header_value(connection.head, "content-length");
    const bool small = length && !length->empty() && length->size() <= 4 &&
                       std::all_of(length->begin(), length->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (header_value(connection.head, "transfer-encoding") || !small) {
      answer_and_close(connection, small || !length ? 400 : 413, "");
      return false;
    }
    return true;
  }
  // httplib never reads the body of a GET: its bytes would be taken for the
  // next request. The site has no use for one, so none is accepted.
  const auto length = header_value(connection.head, "content-length");
  if (header_value(connection.head, "transfer-encoding") || (length && *length != "0" && !length->empty())) {
    bool large = false;
    if (length && !length->empty() && length->size() <= 18 &&
        std::all_of(length->begin(), length->end(), [](char c) { return c >= '0' && c <= '9'; })) {
      large = std::stoull(std::string(*length)) > m_limits.body_bytes;
    }
    answer_and_close(connection, large ? 413 : 400, "");
    return false;
  }
  return true;
}

void HttpFront::dispatch(std::shared_ptr<Connection> connection) {
  if (!admit(*connection)) {
    return;
  }
  m_busy.fetch_add(1);
  m_pool->enqueue([this, connection] { serve_one(connection); });
}

void HttpFront::serve_one(const std::shared_ptr<Connection>& connection) {
  // Requests of one connection answered in a row before it goes back to the
  // front (fairness), and how long a worker waits for the next one.
  constexpr int k_turns = 32;
  constexpr auto k_next_wait = std::chrono::milliseconds(2);
  for (int turn = 1;; ++turn) {
    t_request_start = connection->complete;
    FrontStream stream(connection->fd, std::move(connection->head), connection->complete + m_limits.head_timeout,
                       m_limits.io_timeout);
    connection->head.clear();
    const bool last = m_stop.load() || connection->served + 1 >= m_limits.keep_alive_requests;
    bool closed = false;
    const bool ok = process_request(stream, last, closed, setup);
    if (!ok || closed || last || stream.failed() || m_stop.load()) {
      close_connection(connection->fd);
      break;
    }
    connection->head = stream.rest();
    ++connection->served;
    // A kept-alive client usually sends its next request right after the
    // answer: take it here if it comes at once, instead of a round trip
    // through the front. A client that is not that quick goes back to it.
    if (turn < k_turns && head_within(connection->head, m_limits) == HeadState::incomplete &&
        (wait_for(connection->fd, POLLIN, k_next_wait) & POLLIN) != 0) {
      char buffer[8192];
      while (connection->head.size() <= m_limits.head_bytes) {
        const ssize_t n = ::recv(connection->fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
          break;
        }
        connection->head.append(buffer, static_cast<std::size_t>(n));
      }
    }
    if (turn < k_turns && head_within(connection->head, m_limits) == HeadState::complete) {
      if (!admit(*connection)) {
        break;  // answered and closed
      }
      continue;
    }
    give_back(connection);
    break;
  }
  m_busy.fetch_sub(1);
}

void HttpFront::give_back(std::shared_ptr<Connection> connection) {
  const auto now = Clock::now();
  connection->deadline = now + (connection->head.empty() ? m_limits.idle_timeout : m_limits.head_timeout);
  {
    const std::lock_guard lock(m_returned_mutex);
    m_returned.push_back(std::move(connection));
  }
  wake();
}

void HttpFront::poll_loop() {
  std::vector<std::shared_ptr<Connection>> waiting;
  std::vector<pollfd> fds;
  char buffer[8192];
  while (!m_stop.load()) {
    std::vector<std::shared_ptr<Connection>> returned;
    {
      const std::lock_guard lock(m_returned_mutex);
      returned.swap(m_returned);
    }
    for (auto& connection : returned) {
      if (head_within(connection->head, m_limits) == HeadState::complete) {
        dispatch(std::move(connection));  // a pipelined request
      } else {
        waiting.push_back(std::move(connection));
      }
    }

    auto now = Clock::now();
    auto next = now + std::chrono::seconds(1);
    fds.clear();
    fds.push_back({m_wake[0], POLLIN, 0});
    fds.push_back({m_listen, POLLIN, 0});
    for (const auto& connection : waiting) {
      fds.push_back({connection->fd, POLLIN, 0});
      next = std::min(next, connection->deadline);
    }
    const int ready = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), to_poll_ms(next - now) + 1);
    if (ready < 0 && errno != EINTR) {
      break;
    }
    if ((fds[0].revents & POLLIN) != 0) {
      while (::read(m_wake[0], buffer, sizeof buffer) > 0) {
      }
    }
    now = Clock::now();

    std::vector<std::shared_ptr<Connection>> still;
    still.reserve(waiting.size());
    for (std::size_t i = 0; i < waiting.size(); ++i) {
      auto& connection = waiting[i];
      const short events = fds[i + 2].revents;
      if ((events & (POLLIN | POLLHUP | POLLERR)) != 0) {
        bool eof = false;
        while (connection->head.size() <= m_limits.head_bytes) {
          const ssize_t n = ::recv(connection->fd, buffer, sizeof buffer, 0);
          if (n > 0) {
            connection->head.append(buffer, static_cast<std::size_t>(n));
            continue;
          }
          eof = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
          break;
        }
        const HeadState state = head_within(connection->head, m_limits);
        if (state == HeadState::complete) {
          dispatch(std::move(connection));
          continue;
        }
        if (state == HeadState::too_large) {
          answer_and_close(*connection, 431, "");
          continue;
        }
        if (eof) {
          close_connection(connection->fd);
          continue;
        }
      }
      if (now >= connection->deadline) {
        if (connection->head.empty()) {
          close_connection(connection->fd);  // idle: nothing to answer
        } else {
          answer_and_close(*connection, 408, "");
        }
        continue;
      }
      still.push_back(std::move(connection));
    }
    waiting.swap(still);

    if ((fds[1].revents & POLLIN) != 0) {
      for (int accepted = 0; accepted < 256; ++accepted) {
        const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
          break;
        }
        int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        auto connection = std::make_shared<Connection>();
        connection->fd = fd;
        connection->deadline = now + m_limits.head_timeout;
        if (waiting.size() + m_busy.load() >= m_limits.connections) {
          answer_and_close(*connection, 503, "Retry-After: 5\r\n");
          continue;
        }
        waiting.push_back(std::move(connection));
      }
    }
  }
  for (const auto& connection : waiting) {
    close_connection(connection->fd);
  }
}

}  // namespace vetrina::search
