#include <cstdio>

#include "generator/cli/command.h"
#include "generator/cli/status_printer.h"
#include "generator/content/story_cache.h"
#include "generator/media/photo_metadata.h"
#include "generator/render/renderer.h"
#include "generator/render/theme.h"
#include "generator/util/i18n.h"

namespace vetrina::cli {

int run_check(const std::vector<std::string>& args) {
  CLI::App app{_("Validate the content and the theme and report every error; write nothing."), "check"};
  CommonFlags flags;
  add_path_flags(app, flags);
  add_format_flag(app, flags);
  app.add_flag("--drafts", flags.build.include_drafts, _("also check stories and pages marked draft: true"));
  app.add_flag("--production", flags.build.production,
               _("refuse to publish invented examples: a story or award file marked example: true, or a story "
                 "without sources, is an error (CI on main)"));
  if (auto code = parse(app, args)) {
    return *code;
  }
  resolve_format(app, flags);
  flags.build.write_cache = false;  // check writes nothing, not even the photo cache
  const util::DiskFileSystem fs;
  DiagnosticBag diagnostics;
  NullStatus status;
  StoryCache stories(story_cache_path(flags.build), true);  // read only: stories seen by a build are not decoded again
  const Site site = check_site(fs, flags.build, diagnostics, status, nullptr, &stories);
  Theme::load(fs, flags.build.theme_dir, required_templates(), diagnostics);
  warn_photo_metadata(flags.build.content_dir, diagnostics);
  const int code = report(diagnostics, flags.format, fs);
  if (code == 0 && flags.format == "text") {
    std::printf(
        "%s\n",
        tr("ok: {} stories, {} pages", std::to_string(site.stories.size()), std::to_string(site.pages.size())).c_str());
  }
  return code;
}

}  // namespace vetrina::cli
