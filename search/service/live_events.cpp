#include "search/service/live_events.h"

#include <chrono>
#include <string>

namespace vetrina::search {

void LiveEvents::answer(const httplib::Request& request, httplib::Response& response) {
  response.set_header("Cache-Control", "no-store");
  if (m_streams.fetch_add(1) >= m_max_streams) {
    m_streams.fetch_sub(1);
    response.status = 503;
    response.set_header("Retry-After", "5");
    response.set_content("too many live-reload connections\n", "text/plain; charset=utf-8");
    return;
  }
  // Gives the slot back when httplib drops the provider, however the stream ended.
  auto slot = std::shared_ptr<void>(nullptr, [this](void*) { m_streams.fetch_sub(1); });
  response.set_header("X-Accel-Buffering", "no");
  auto seen = std::make_shared<std::string>(request.get_param_value("since"));
  auto greeted = std::make_shared<bool>(false);
  std::shared_ptr<const LiveHooks> live = m_hooks;
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
            if (live->stopping() || m_server_stopping() || !sink.is_writable()) {
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

}  // namespace vetrina::search
