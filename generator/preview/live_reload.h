#pragma once
// The browser side of `vetrina serve --watch`: the version of the preview
// site, the error overlay, and the server hooks (search/server.h LiveHooks)
// that inject a small script into every HTML page served. The script listens
// on /__vetrina/events (Server-Sent Events) and reloads the page when the
// version moves on: after an edit was rebuilt, when the content turned
// broken, and when it was fixed. While the content has errors every page
// shows an overlay with the located messages (file:line:col, the source line
// and a caret, as `vetrina check` prints them) over the last good site.
// Nothing of this is ever written into an output folder.
// Thread-safe.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include "search/service/server.h"

namespace vetrina {

class LiveReload final : public search::LiveHooks {
 public:
  LiveReload();

  // A new state of the preview: `errors` is the text of the content errors
  // ("" when there are none). Moves the version on and wakes the event
  // streams, so every open page reloads.
  void publish(std::string errors);
  // Ends the event streams (the server is stopping).
  void stop();

  std::string decorate(std::string html) const override;
  std::string script() const override;
  std::string wait_change(const std::string& seen, std::chrono::milliseconds timeout) const override;
  bool stopping() const override;

  std::string version() const;

 private:
  std::string version_locked() const;

  mutable std::mutex m_mutex;
  mutable std::condition_variable m_changed;
  std::string m_boot;  // tells this server apart from a restarted one
  std::uint64_t m_generation = 0;
  std::string m_errors;
  bool m_stopping = false;
};

// The overlay shown over every page while the content has errors
// (`errors` as `vetrina check` prints them, without colours).
std::string error_overlay(const std::string& errors);

}  // namespace vetrina
