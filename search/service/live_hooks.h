#pragma once
// The seam between the search service and the live preview: what
// `vetrina serve --watch` adds to the served site (generator/preview
// implements it; the service answers with it, see live_events.h and
// server.h). An interface only.

#include <chrono>
#include <string>

namespace vetrina::search {

// What `vetrina serve --watch` adds to the served site (live preview,
// generator/preview/live_reload.h implements it). With hooks, the server also answers
// /__vetrina/events (Server-Sent Events: "reload" when the site's version
// moves past the `since` parameter) and /__vetrina/live.js, passes every HTML
// page through decorate(), and tells browsers not to cache pages.
// Implementations are called from many threads at once.
class LiveHooks {
 public:
  virtual ~LiveHooks() = default;
  // An HTML page about to be sent, with the live-reload script (and, while
  // the content has errors, the error overlay) added.
  virtual std::string decorate(std::string html) const = 0;
  // The body of /__vetrina/live.js.
  virtual std::string script() const = 0;
  // Blocks until the site's version differs from `seen`, `timeout` passed or
  // stopping() became true; returns the version then.
  virtual std::string wait_change(const std::string& seen, std::chrono::milliseconds timeout) const = 0;
  virtual bool stopping() const = 0;
};

}  // namespace vetrina::search
