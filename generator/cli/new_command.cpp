#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "generator/cli/cli_messages.h"
#include "generator/cli/command.h"
#include "generator/cli/scaffold.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina::cli {

namespace {

Date today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace

int run_new(const std::vector<std::string>& args) {
  CLI::App app{_("Create a new story (draft) with every field, commented in Italian. Never overwrites."), "new"};
  CommonFlags flags;
  add_path_flags(app, flags);
  std::string kind;
  std::string title;
  app.add_option("kind", kind, _("what to create: story"))->required()->check(one_of({"story"}));
  app.add_option("title", title, _("the story's title, e.g. \"L'orto di Città Alta\""))->required();
  if (auto code = parse(app, args)) {
    return *code;
  }
  const std::string slug = util::slugify(title);
  if (slug.empty() || !util::is_valid_utf8(title)) {
    std::fprintf(stderr, "vetrina new: %s: %s\n", _("error"), _("the title must contain letters or digits"));
    return 2;
  }
  const std::string stories = util::join_path(flags.build.content_dir, "stories");
  const std::string folder = util::join_path(stories, slug);
  const std::string file = util::join_path(folder, "index.md");
  if (::mkdir(stories.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "vetrina new: %s: %s\n", _("error"),
                 tr("cannot create {}: {}", stories, std::strerror(errno)).c_str());
    return 2;
  }
  if (::mkdir(folder.c_str(), 0755) != 0) {
    if (errno == EEXIST) {
      std::fprintf(stderr, "vetrina new: %s: %s\n", _("error"),
                   tr("{} already exists: edit it, or choose another title", folder).c_str());
    } else {
      std::fprintf(stderr, "vetrina new: %s: %s\n", _("error"),
                   tr("cannot create {}: {}", folder, std::strerror(errno)).c_str());
    }
    return 2;
  }
  // O_EXCL: never overwrite, even if the folder appeared meanwhile.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  const std::string text = story_scaffold(title, today());
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) || ::close(fd) != 0) {
    std::fprintf(stderr, "vetrina new: %s: %s\n", _("error"),
                 tr("cannot write {}: {}", file, std::strerror(errno)).c_str());
    return 2;
  }
  std::printf("%s\n", file.c_str());
  std::fputs(_("Created a draft story: fill in its fields, check it with 'vetrina check --drafts',\n"
               "preview it with 'vetrina serve --watch', and set 'draft: false' to publish it.\n"),
             stderr);
  return 0;
}

}  // namespace vetrina::cli
