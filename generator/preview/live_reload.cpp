#include "generator/preview/live_reload.h"

#include <unistd.h>

#include <chrono>
#include <random>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// Before the last "</body>" (any case), or at the end.
void insert_before_body_end(std::string& html, const std::string& text) {
  const std::string lower = util::to_lower_ascii(html);
  const auto at = lower.rfind("</body>");
  html.insert(at == std::string::npos ? html.size() : at, text);
}

// The error text as HTML-safe text: source lines of a broken file may hold
// anything (binary garbage, control characters, invalid UTF-8).
std::string printable(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? std::string("\xEF\xBF\xBD") : std::string(1, text[i]);
      ++i;
      continue;
    }
    std::size_t length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (length == 1 || i + length > text.size() || !util::is_valid_utf8(std::string_view(text).substr(i, length))) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text, i, length);
    i += length;
  }
  return util::html_escape(out);
}

}  // namespace

std::string error_overlay(const std::string& errors) {
  // Every page of the preview carries the overlay: bounded whatever the
  // errors quote (the caller also limits their number).
  constexpr std::size_t k_max_bytes = 256 * 1024;
  std::string shown = errors;
  if (shown.size() > k_max_bytes) {
    const auto line_end = shown.rfind('\n', k_max_bytes);
    shown.resize(line_end == std::string::npos ? k_max_bytes : line_end + 1);
    shown += std::string("… ") + _("(text cut short: `vetrina check` shows every error)") + "\n";
  }
  return "<div id=\"vetrina-errori\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;"
         "background:rgba(24,24,27,.96);color:#fafafa;font:16px/1.5 system-ui,sans-serif;padding:2rem\">"
         "<h2 style=\"margin:0 0 .5rem;color:#fca5a5;font-size:1.4rem\">" +
         util::html_escape(_("Error in the content")) + "</h2><p style=\"margin:0 0 1rem\">" +
         util::html_escape(_("The preview shows the last version of the site without errors. Correct the place shown "
                             "below and save the file: the page updates by itself. The editors' guide "
                             "(docs/guida-redazione.md) explains every message.")) +
         "</p>"
         "<pre style=\"white-space:pre-wrap;margin:0;padding:1rem;background:#000;color:#fafafa;border-radius:6px;"
         "font:14px/1.45 ui-monospace,monospace\">" +
         printable(shown) + "</pre></div>\n";
}

LiveReload::LiveReload() {
  std::random_device random;
  m_boot = std::to_string(::getpid()) + "." + std::to_string(random() % 1000000);
}

void LiveReload::publish(std::string errors) {
  {
    const std::lock_guard lock(m_mutex);
    m_errors = std::move(errors);
    ++m_generation;
  }
  m_changed.notify_all();
}

void LiveReload::stop() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
}

std::string LiveReload::version_locked() const {
  return m_boot + "-" + std::to_string(m_generation);
}

std::string LiveReload::version() const {
  const std::lock_guard lock(m_mutex);
  return version_locked();
}

bool LiveReload::stopping() const {
  const std::lock_guard lock(m_mutex);
  return m_stopping;
}

std::string LiveReload::wait_change(const std::string& seen, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_mutex);
  m_changed.wait_for(lock, timeout, [&] { return m_stopping || version_locked() != seen; });
  return version_locked();
}

std::string LiveReload::decorate(std::string html) const {
  std::string errors;
  std::string version;
  {
    const std::lock_guard lock(m_mutex);
    errors = m_errors;
    version = version_locked();
  }
  std::string added;
  if (!errors.empty()) {
    added += error_overlay(errors);
  }
  added += "<script src=\"/__vetrina/live.js\" data-version=\"" + util::html_escape(version) + "\" defer></script>\n";
  insert_before_body_end(html, added);
  return html;
}

std::string LiveReload::script() const {
  return R"js(// vetrina serve --watch: reloads the page when the preview changes.
(function () {
  var me = document.currentScript;
  var version = me ? me.getAttribute('data-version') : '';
  if (!window.EventSource) { return; }
  var events = new EventSource('/__vetrina/events?since=' + encodeURIComponent(version));
  events.addEventListener('reload', function () {
    events.close();
    window.location.reload();
  });
})();
)js";
}

}  // namespace vetrina
