#include "search/service/front_stream.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "search/service/socket.h"

namespace vetrina::search {

namespace {
using Clock = std::chrono::steady_clock;
}  // namespace

bool FrontStream::is_readable() const {
  return m_pos < m_buffer.size() || (wait_for(m_fd, POLLIN, Clock::duration::zero()) & POLLIN) != 0;
}

bool FrontStream::is_writable() const {
  const short events = wait_for(m_fd, POLLOUT | POLLRDHUP, m_io_timeout);
  return (events & POLLOUT) != 0 && (events & (POLLRDHUP | POLLHUP | POLLERR)) == 0;
}

ssize_t FrontStream::read(char* ptr, size_t size) {
  if (m_pos < m_buffer.size()) {
    const std::size_t n = std::min(size, m_buffer.size() - m_pos);
    std::memcpy(ptr, m_buffer.data() + m_pos, n);
    m_pos += n;
    return static_cast<ssize_t>(n);
  }
  while (true) {
    const auto now = Clock::now();
    if (now >= m_read_deadline) {
      m_failed = true;
      return -1;
    }
    const short events = wait_for(m_fd, POLLIN, std::min<Clock::duration>(m_read_deadline - now, m_io_timeout));
    if (events == 0) {
      m_failed = true;
      return -1;
    }
    const ssize_t n = ::recv(m_fd, ptr, size, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      continue;
    }
    if (n <= 0) {
      m_failed = true;
    }
    return n;
  }
}

ssize_t FrontStream::write(const char* ptr, size_t size) {
  const auto deadline = Clock::now() + m_io_timeout;
  while (true) {
    const ssize_t n = ::send(m_fd, ptr, size, MSG_NOSIGNAL);
    if (n >= 0) {
      return n;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      m_failed = true;
      return -1;
    }
    const auto now = Clock::now();
    if (now >= deadline || (wait_for(m_fd, POLLOUT, deadline - now) & POLLOUT) == 0) {
      m_failed = true;  // the client does not read: give the worker back
      return -1;
    }
  }
}

void FrontStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  address_of(m_fd, true, ip, port);
}

void FrontStream::get_local_ip_and_port(std::string& ip, int& port) const {
  address_of(m_fd, false, ip, port);
}

}  // namespace vetrina::search
