#include <chrono>
#include <csignal>
#include <thread>
#include <cstdio>

#include "generator/cli/command.h"
#include "search/server.h"

namespace vetrina::cli {

namespace {

search::Server* g_server = nullptr;

extern "C" void stop_on_signal(int) {
  if (g_server != nullptr) {
    g_server->stop();
  }
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
  CLI::App app{"Serve the built site (public/) over HTTP, as it will be published.", "serve"};
  CommonFlags flags;
  add_path_flags(app, flags);
  search::ServerOptions options;
  app.add_option("--host", options.host, "address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "port (0 = any free port)")->check(CLI::Range(0, 65535))->capture_default_str();
  if (auto code = parse(app, args)) {
    return *code;
  }
  options.public_dir = flags.build.out_dir;
  options.index_dir = flags.build.index_dir;
  options.content_dir = flags.build.content_dir;
  options.theme_dir = flags.build.theme_dir;
  search::Server server(options);
  g_server = &server;
  std::signal(SIGINT, stop_on_signal);
  std::signal(SIGTERM, stop_on_signal);
  std::thread announce([&server, &options] {
    while (!server.is_running() && server.bound_port() >= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (server.bound_port() > 0) {
      std::printf("serving %s on http://%s:%d/ (Ctrl+C to stop)\n", options.public_dir.c_str(), options.host.c_str(),
                  server.bound_port());
      std::fflush(stdout);
    }
  });
  std::string error;
  const bool ok = server.run(&error);
  announce.join();
  g_server = nullptr;
  if (!ok && !error.empty()) {
    std::fprintf(stderr, "vetrina serve: error: %s\n", error.c_str());
    return 2;
  }
  return 0;
}

}  // namespace vetrina::cli
