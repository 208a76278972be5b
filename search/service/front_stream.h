#pragma once
// One connection's bytes for cpp-httplib while a worker answers a request of
// the HTTP front (http_front.h): first what the front already read (the head,
// maybe more), then the socket, each read waiting at most until the
// request's deadline; each write waits at most io_timeout. The descriptor
// stays the front's. Belongs to the worker thread that answers the request.

#include <httplib.h>

#include <chrono>
#include <string>

namespace vetrina::search {

class FrontStream final : public httplib::Stream {
 public:
  FrontStream(int fd, std::string buffered, std::chrono::steady_clock::time_point read_deadline,
              std::chrono::milliseconds io_timeout)
      : m_fd(fd), m_buffer(std::move(buffered)), m_read_deadline(read_deadline), m_io_timeout(io_timeout) {}

  bool is_readable() const override;
  // False once the peer closed its side: a long answer (the live preview's
  // event stream) then stops at once.
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return m_fd; }

  // A read or write failed or timed out: the connection cannot be kept.
  bool failed() const { return m_failed; }
  // What was read but not used: the start of the next request.
  std::string rest() const { return m_buffer.substr(std::min(m_pos, m_buffer.size())); }

 private:
  int m_fd;
  std::string m_buffer;
  std::size_t m_pos = 0;
  std::chrono::steady_clock::time_point m_read_deadline;
  std::chrono::milliseconds m_io_timeout;
  bool m_failed = false;
};

}  // namespace vetrina::search
