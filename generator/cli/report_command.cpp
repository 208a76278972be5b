// `vetrina report --log FILE... --out DIR`: the usage report of
// generator/report/usage_report.h, written into its own folder (never the site's).

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "generator/cli/command.h"
#include "generator/content/content_loader.h"
#include "generator/report/access_log.h"
#include "generator/report/usage_report.h"
#include "generator/util/file_system.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "search/service/usage_file.h"

namespace vetrina::cli {

namespace {

namespace fs = std::filesystem;

bool is_inside(const fs::path& inner, const fs::path& outer) {
  const fs::path a = fs::weakly_canonical(inner);
  const fs::path b = fs::weakly_canonical(outer);
  auto mismatch = std::mismatch(b.begin(), b.end(), a.begin(), a.end());
  return mismatch.first == b.end();
}

int fail(const std::string& message) {
  std::fprintf(stderr, "vetrina report: %s: %s\n", _("error"), message.c_str());
  return 2;
}

}  // namespace

int run_report(const std::vector<std::string>& args) {
  CLI::App app{_("Write an Italian usage report (page views by story and taxonomy, searches, searches without "
                 "results, entry pages, referrers, devices) from nginx access logs and the search service's "
                 "statistics. No IP address or user agent is kept. See docs/usage-report.md."),
               "report"};
  std::vector<std::string> logs;
  std::string out_dir;
  std::string stats_dir;
  std::string content_dir = "content";
  std::string site_out = "public";
  app.add_option("--log", logs, _("access log in combined format, plain or gzip (repeat, or several after --log)"))
      ->required()
      ->expected(1, -1);
  app.add_option("--out", out_dir, _("folder of the report (replaced; never inside the site's output)"))->required();
  app.add_option("--stats", stats_dir, _("folder of the search service's statistics (serve --stats-dir)"));
  app.add_option("--content", content_dir, _("content folder (stories and taxonomies)"))->capture_default_str();
  app.add_option("--site-out", site_out, _("the site's output folder, which the report must stay out of"))
      ->capture_default_str();
  if (auto code = parse(app, args)) {
    return *code;
  }
  if (is_inside(out_dir, site_out) || is_inside(site_out, out_dir)) {
    return fail(
        tr("--out {} is inside the site's output {} (or contains it): the report is for editors, not for the "
           "public site",
           out_dir, site_out));
  }
  if (fs::exists(out_dir) && !fs::is_empty(out_dir) && !fs::exists(fs::path(out_dir) / "riepilogo.csv")) {
    return fail(tr("--out {} exists and is not an earlier report: refusing to replace it", out_dir));
  }

  const util::DiskFileSystem disk;
  DiagnosticBag diagnostics;
  LoadOptions load;
  load.jobs = util::default_jobs();
  Site site = load_content(disk, content_dir, load, diagnostics);
  if (diagnostics.has_errors()) {
    return report(diagnostics, "text", disk);
  }

  UsageReport usage(site);
  std::vector<std::string> sources;
  for (const auto& path : logs) {
    LogReader reader;
    if (const Status opened = reader.open(path); !opened) {
      return fail(opened.message());
    }
    std::string_view line;
    while (reader.next(line)) {
      usage.add_log_line(line);
    }
    if (!reader.status()) {
      return fail(reader.status().message());
    }
    sources.push_back(path);
  }
  if (!stats_dir.empty()) {
    if (!fs::is_directory(stats_dir)) {
      return fail(tr("--stats {} is not a folder", stats_dir));
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(stats_dir)) {
      if (search::usage_file_day(entry.path().filename().string())) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const auto text = util::read_whole_file(file.string());
      if (!text) {
        return fail(file.string() + ": " + _("cannot read it"));
      }
      const Result<search::UsageDay> day = search::parse_usage_file(*text);
      if (!day) {
        return fail(file.string() + ": " + day.error());
      }
      usage.add_usage_day(*day);
      sources.push_back(file.string());
    }
  }

  // Staged beside the target, then swapped: a failure leaves the old report.
  const std::vector<ReportFile> files = usage.render(sources);
  const fs::path target = fs::absolute(out_dir).lexically_normal();
  const fs::path staged = target.string() + ".tmp-" + std::to_string(::getpid());
  const fs::path old = target.string() + ".old-" + std::to_string(::getpid());
  fs::remove_all(staged);
  for (const auto& file : files) {
    util::write_file_atomically((staged / file.path).string(), file.content);
  }
  if (fs::exists(target)) {
    fs::rename(target, old);
  }
  fs::rename(staged, target);
  fs::remove_all(old);
  const ReportTotals& totals = usage.totals();
  std::printf("%s\n",
              tr("report: {} ({} lines, {} page views, {} bot requests left out, {} malformed lines)",
                 (target / "index.html").string(), std::to_string(totals.lines), std::to_string(totals.page_views),
                 std::to_string(totals.bots), std::to_string(totals.malformed))
                  .c_str());
  return 0;
}

}  // namespace vetrina::cli
