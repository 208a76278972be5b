#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "generator/cli/cli_messages.h"
#include "generator/cli/command.h"
#include "generator/cli/search_page_factory.h"
#include "generator/cli/service_log_printer.h"
#include "generator/cli/status_printer.h"
#include "generator/preview/file_watcher.h"
#include "generator/preview/live_reload.h"
#include "generator/preview/live_site.h"
#include "generator/util/i18n.h"
#include "search/service/server.h"

namespace vetrina::cli {

namespace {

// Errors shown in the preview's overlay (all of them go to the terminal).
constexpr std::size_t k_overlay_errors = 50;

search::Server* g_server = nullptr;
FileWatcher* g_watcher = nullptr;

extern "C" void stop_on_signal(int) {
  if (g_watcher != nullptr) {
    g_watcher->stop();  // the watch loop stops the server
  } else if (g_server != nullptr) {
    g_server->stop();
  }
}

// Prints the address once the server listens.
std::thread announce(const search::Server& server, const search::ServerOptions& options, const std::string& extra) {
  return std::thread([&server, &options, extra] {
    while (!server.is_running() && server.bound_port() >= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (server.bound_port() > 0) {
      std::printf("%s\n", tr("serving {} on http://{}:{}/ ({}Ctrl+C to stop)", options.public_dir, options.host,
                             std::to_string(server.bound_port()), extra)
                              .c_str());
      std::fflush(stdout);
    }
  });
}

// One line on stderr per update of the live preview, and the errors;
// with --timings also where the time went.
void report_update(const LiveResult& result, const LiveSite& site, bool timings) {
  const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(result.took).count();
  if (!result.errors.empty()) {
    std::fputs(site.error_text().c_str(), stderr);
    std::fprintf(stderr, "%s\n",
                 tr("preview: {}; the pages show the error over the last good version ({} ms)",
                    i18n::plural("{} error", "{} errors", result.errors.size()), std::to_string(ms))
                     .c_str());
  } else if (result.changed) {
    std::fprintf(stderr, "%s\n",
                 tr("preview updated in {} ms: {}{}, {}, {}, {}", std::to_string(ms),
                    result.full ? _("the whole site read again, ") : "",
                    i18n::plural("{} page rebuilt", "{} pages rebuilt", result.pages_rendered),
                    i18n::plural("{} file written", "{} files written", result.files_written),
                    i18n::plural("{} file removed", "{} files removed", result.files_removed),
                    i18n::plural("{} document in the index", "{} documents in the index", result.documents))
                     .c_str());
  }
  if (timings && (result.changed || !result.errors.empty())) {
    std::string line = " ";
    for (const auto& [phase, took] : result.phases) {
      char part[64];
      std::snprintf(part, sizeof part, " %s %.1f ms", phase, static_cast<double>(took.count()) / 1000.0);
      line += part;
    }
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

int run_watch(const CommonFlags& flags, search::ServerOptions options, const std::string& preview_dir, bool timings) {
  BuildOptions build = flags.build;
  build.out_dir = preview_dir + "/public";
  build.index_dir = preview_dir + "/index";
  StatusPrinter status(stderr, StatusPrinter::is_smart_terminal(stderr));
  LiveSite site(build, status);
  FileWatcher watcher;
  std::string error;
  for (const std::string& root : {build.content_dir, build.theme_dir}) {
    if (const Status watched = watcher.add(root); !watched) {
      std::fprintf(stderr, "vetrina serve: %s: %s\n", _("error"), watched.message().c_str());
      return 2;
    }
  }
  auto live = std::make_shared<LiveReload>();
  report_update(site.start(), site, timings);
  live->publish(site.error_text(k_overlay_errors));

  options.public_dir = build.out_dir;
  options.index_dir = build.index_dir;
  options.live = live;
  options.access_log = false;  // the editor's terminal shows the preview's own messages
  search::Server server(options);
  g_server = &server;
  g_watcher = &watcher;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::atomic<bool> run_returned{false};
  std::thread loop([&] {
    while (true) {
      const FileChanges changes = watcher.wait(std::chrono::milliseconds(30));
      if (changes.stopped) {
        break;
      }
      // Bad content never stops the preview: errors are shown, I/O failures too.
      try {
        const LiveResult result = site.apply(changes);
        if (result.changed) {
          live->publish(site.error_text(k_overlay_errors));
        }
        report_update(result, site, timings);
        site.persist();
      } catch (const std::exception& e) {
        const std::string message = std::string("vetrina: ") + _("error") + ": " + e.what() + "\n";
        std::fputs(message.c_str(), stderr);
        live->publish(message);
      }
    }
    live->stop();
    while (!run_returned && !server.is_running() && server.bound_port() >= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server.stop();
  });
  std::thread announcer =
      announce(server, options, tr("live preview of {} and {}; ", build.content_dir, build.theme_dir));
  const Status served = server.run();
  run_returned = true;
  watcher.stop();
  loop.join();
  announcer.join();
  g_watcher = nullptr;
  g_server = nullptr;
  if (!served) {
    std::fprintf(stderr, "vetrina serve: %s: %s\n", _("error"), served.message().c_str());
    return 2;
  }
  return 0;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  CLI::App app{_("Serve the built site (public/) over HTTP, as it will be published."), "serve"};
  CommonFlags flags;
  add_path_flags(app, flags);
  search::ServerOptions options;
  app.add_option("--host", options.host, _("address to listen on"))->capture_default_str();
  app.add_option("--port", options.port, _("port (0 = any free port)"))
      ->check(whole_number(0, 65535))
      ->capture_default_str();
  bool watch = false;
  app.add_flag("--watch", watch,
               _("live preview: watch --content and --theme, rebuild only what an edit affects (drafts included) into "
                 "--preview, and reload open pages; content errors show over the page. public/ is not touched"));
  std::string preview_dir = ".vetrina/preview";
  app.add_option("--preview", preview_dir, _("with --watch: folder of the preview site and its index"))
      ->capture_default_str();
  app.add_option("--jobs,-j", flags.build.jobs, _("with --watch: worker threads (0 = one per core)"))
      ->check(whole_number(0, 256));
  app.add_option("--stats-dir", options.stats_dir,
                 _("count searches and opened results as daily aggregates in this folder (no IP, no cookie, no user "
                   "agent; see docs/usage-report.md); off when not given"))
      ->excludes("--watch");
  app.add_option("--stats-keep-days", options.stats_keep_days, _("with --stats-dir: days of statistics files kept"))
      ->check(whole_number(1, 3660))
      ->capture_default_str();
  bool timings = false;
  app.add_flag("--timings", timings, _("with --watch: after each update, how long each phase took (on stderr)"));
  if (auto code = parse(app, args)) {
    return *code;
  }
  options.public_dir = flags.build.out_dir;
  options.index_dir = flags.build.index_dir;
  options.search_page = search_page_factory(flags.build.content_dir, flags.build.theme_dir);
  options.log = std::make_shared<ServiceLogPrinter>(stderr);
  if (watch) {
    return run_watch(flags, options, preview_dir, timings);
  }
  search::Server server(options);
  g_server = &server;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::thread announcer = announce(server, options, "");
  const Status served = server.run();
  announcer.join();
  g_server = nullptr;
  if (!served) {
    std::fprintf(stderr, "vetrina serve: %s: %s\n", _("error"), served.message().c_str());
    return 2;
  }
  return 0;
}

}  // namespace vetrina::cli
