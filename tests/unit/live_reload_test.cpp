#include "generator/preview/live_reload.h"

#include <doctest/doctest.h>

#include <thread>

using vetrina::LiveReload;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("live_reload") {
  TEST_CASE("pages get the reload script with the current version before </body>") {
    LiveReload live;
    const std::string page = live.decorate("<html><body><p>Ciao</p></BODY></html>");
    CHECK(page == "<html><body><p>Ciao</p><script src=\"/__vetrina/live.js\" data-version=\"" + live.version() +
                      "\" defer></script>\n</BODY></html>");
    CHECK(contains(live.decorate("<p>senza body</p>"), "<p>senza body</p><script src=\"/__vetrina/live.js\""));
    CHECK(contains(live.script(), "new EventSource('/__vetrina/events?since='"));
  }

  TEST_CASE("while there are errors every page shows them, escaped, until a clean state is published") {
    LiveReload live;
    live.publish("content/stories/a/index.md:3:5: error: <b>bad</b> & worse\n  summary: [x\n      ^\n");
    const std::string page = live.decorate("<body>x</body>");
    CHECK(contains(page, "id=\"vetrina-errori\""));
    CHECK(contains(page, "Error in the content"));
    CHECK(contains(page, "content/stories/a/index.md:3:5: error: &lt;b&gt;bad&lt;/b&gt; &amp; worse\n"));
    CHECK(contains(page, "      ^\n</pre>"));
    live.publish("");
    CHECK_FALSE(contains(live.decorate("<body>x</body>"), "vetrina-errori"));
  }

  TEST_CASE("binary garbage quoted from a broken file reaches the page as replacement characters") {
    const std::string overlay =
        vetrina::error_overlay(std::string("a.md:1:1: error: x\n  \x00\xff\xfe ok \xC3\xA0\n", 31));
    CHECK(contains(overlay, "  \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ok \xC3\xA0\n</pre>"));
  }

  TEST_CASE("wait_change returns when a new state is published, or at its timeout") {
    LiveReload live;
    const std::string seen = live.version();
    CHECK(live.wait_change(seen, 10ms) == seen);
    std::thread publisher([&live] {
      std::this_thread::sleep_for(20ms);
      live.publish("");
    });
    const std::string next = live.wait_change(seen, 30s);
    publisher.join();
    CHECK(next != seen);
    CHECK(next == live.version());
    CHECK(live.wait_change("another server's version", 30s) == live.version());
  }

  TEST_CASE("stop ends every wait at once") {
    LiveReload live;
    std::thread stopper([&live] { live.stop(); });
    live.wait_change(live.version(), 30s);
    stopper.join();
    CHECK(live.stopping());
  }
}
