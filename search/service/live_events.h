#pragma once
// /__vetrina/events of the live preview: a Server-Sent Events stream per open
// page that sends "event: reload" when the site's version (LiveHooks,
// live_hooks.h) moves past the page's `since` parameter, and a ping every 15
// seconds. Each open stream holds a worker of the service, so at most
// `max_streams` are open at once (more get 503 and simply do not reload by
// themselves). answer() is called from many threads at once.

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>

#include "search/service/live_hooks.h"

namespace vetrina::search {

class LiveEvents {
 public:
  // `server_stopping` says when the server stops: open streams then end
  // within a second, as they do when their client goes away.
  LiveEvents(std::shared_ptr<const LiveHooks> hooks, std::size_t max_streams, std::function<bool()> server_stopping)
      : m_hooks(std::move(hooks)), m_max_streams(max_streams), m_server_stopping(std::move(server_stopping)) {}
  LiveEvents(const LiveEvents&) = delete;
  LiveEvents& operator=(const LiveEvents&) = delete;

  // Starts the stream of one page (or answers 503). The answer refers to
  // this object until httplib drops it: it must outlive the server's workers.
  void answer(const httplib::Request& request, httplib::Response& response);

 private:
  std::shared_ptr<const LiveHooks> m_hooks;
  std::size_t m_max_streams;
  std::function<bool()> m_server_stopping;
  std::atomic<std::size_t> m_streams{0};
};

}  // namespace vetrina::search
