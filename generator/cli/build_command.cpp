#include <chrono>
#include <cstdio>

#include "generator/cli/cli_messages.h"
#include "generator/cli/command.h"
#include "generator/cli/status_printer.h"
#include "generator/util/i18n.h"

namespace vetrina::cli {

int run_build(const std::vector<std::string>& args) {
  CLI::App app{_("Build the site: content/ -> public/. On any content error nothing is written."), "build"};
  CommonFlags flags;
  add_path_flags(app, flags);
  add_format_flag(app, flags);
  app.add_flag("--drafts", flags.build.include_drafts, _("include stories and pages marked draft: true"));
  app.add_flag("--production", flags.build.production,
               _("refuse to publish invented examples: a story or award file marked example: true, or a story "
                 "without sources, is an error (CI on main)"));
  app.add_option("--jobs,-j", flags.build.jobs, _("worker threads (0 = one per core)"))
      ->check(whole_number(0, 256))
      ->capture_default_str();
  app.add_option("--index-shards", flags.build.index_shards,
                 _("also split the index into N shards <index>-shard-<i> for xapian-tcpsrv (see docs/deploy.md)"))
      ->check(whole_number(0, 64));
  bool timings = false;
  app.add_flag("--timings", timings, _("print how long each phase took (on stderr)"));
  if (auto code = parse(app, args)) {
    return *code;
  }
  resolve_format(app, flags);

  const auto start = std::chrono::steady_clock::now();
  const util::DiskFileSystem fs;
  DiagnosticBag diagnostics;
  StatusPrinter status(stderr, StatusPrinter::is_smart_terminal(stderr));
  status.set_timings(timings);
  const auto summary = build_site(fs, flags.build, diagnostics, status);
  const int code = report(diagnostics, flags.format, fs);
  if (!summary) {
    std::fprintf(stderr, "%s\n", tr("vetrina build: nothing written; {} is unchanged", flags.build.out_dir).c_str());
    return code == 0 ? 1 : code;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto n = [](std::size_t v) { return std::to_string(v); };
  char time[32];
  std::snprintf(time, sizeof time, "%.2f", seconds);
  std::printf("%s\n",
              tr("built {}: {} stories ({} from the cache), {} pages ({} rendered), {} files ({} written, the "
                 "rest unchanged), {} photos ({} resized, {} from the cache); index {}: {} documents ({}); in {} s",
                 flags.build.out_dir, n(summary->stories), n(summary->stories_from_cache), n(summary->pages),
                 n(summary->pages_rendered), n(summary->files), n(summary->files_changed), n(summary->photos),
                 n(summary->photos_decoded), n(summary->photos - summary->photos_decoded), flags.build.index_dir,
                 n(summary->indexed), summary->index_action, time)
                  .c_str());
  return 0;
}

}  // namespace vetrina::cli
