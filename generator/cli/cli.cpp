#include <cstdio>
#include <cstdlib>
#include <exception>

#include "generator/cli/cli_messages.h"
#include "generator/cli/command.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina::cli {

namespace {

void print_usage(std::FILE* stream) {
  std::fputs(_("usage: vetrina <command> [options]\n\n"
               "Builds the eTwinning Italia stories site from Markdown and YAML.\n\n"
               "commands:\n"),
             stream);
  for (const auto& command : commands()) {
    std::fprintf(stream, "  %-8s %s\n", command.name, command.summary);
  }
  std::fputs(_("\n'vetrina <command> --help' shows the options of a command.\n"
               "Exit codes: 0 ok, 1 content errors, 2 usage or internal error.\n"),
             stream);
}

}  // namespace

std::span<const Command> commands() {
  // Made at the first call, after i18n::init(), so the summaries are translated.
  static const Command k_commands[] = {
      {"build", _("build the site from content/ into public/"), run_build},
      {"check", _("validate content/ and report every error, writing nothing"), run_check},
      {"serve", _("serve the site and its search on http://127.0.0.1:8080/"), run_serve},
      {"new", _("create a new story: vetrina new story \"Titolo del progetto\""), run_new},
      {"report", _("usage report for editors from access logs: vetrina report --log FILE... --out DIR"), run_report},
      {"strip-metadata",
       _("remove GPS and personal metadata from JPEG photos in place: vetrina strip-metadata FOTO..."),
       run_strip_metadata},
  };
  return k_commands;
}

void add_path_flags(CLI::App& app, CommonFlags& flags) {
  app.add_option("--content", flags.build.content_dir, _("content folder"))->capture_default_str();
  app.add_option("--theme", flags.build.theme_dir, _("theme folder"))->capture_default_str();
  app.add_option("--out", flags.build.out_dir, _("output folder (replaced atomically)"))->capture_default_str();
  app.add_option("--index", flags.build.index_dir, _("search index folder (replaced atomically)"))
      ->capture_default_str();
  app.add_option("--cache", flags.build.cache_dir, _("cache of resized photos"))->capture_default_str();
}

void add_format_flag(CLI::App& app, CommonFlags& flags) {
  app.add_option("--format", flags.format,
                 _("diagnostics format (default: github when GITHUB_ACTIONS=true, else text)"))
      ->check(one_of({"text", "github", "json"}))
      ->capture_default_str();
}

void resolve_format(const CLI::App& app, CommonFlags& flags) {
  const char* actions = std::getenv("GITHUB_ACTIONS");
  if (app.count("--format") == 0 && actions != nullptr && std::string(actions) == "true") {
    flags.format = "github";
  }
}

std::optional<int> parse(CLI::App& app, const std::vector<std::string>& args) {
  localize(app);
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "vetrina %s: %s: %s\n%s\n", app.get_name().c_str(), _("error"),
                 usage_error_message(e, app).c_str(),
                 tr("Run 'vetrina {} --help' for the options.", app.get_name()).c_str());
    return 2;
  }
  return std::nullopt;
}

int run(int argc, const char* const* argv) {
  i18n::init(argc > 0 ? argv[0] : nullptr);
  try {
    if (argc < 2) {
      print_usage(stderr);
      return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
      print_usage(stdout);
      return 0;
    }
    if (name == "--version") {
      std::printf("vetrina %s\n", VETRINA_VERSION);
      return 0;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& command : commands()) {
      if (name == command.name) {
        return command.run(args);
      }
    }
    std::vector<std::string> names;
    for (const auto& command : commands()) {
      names.emplace_back(command.name);
    }
    std::fprintf(stderr, "vetrina: %s: %s\n%s\n", _("error"),
                 tr("unknown command '{}'{}", name, util::did_you_mean_suffix(name, names)).c_str(),
                 _("Run 'vetrina --help' for the list."));
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vetrina: %s: %s\n", _("error"), e.what());
    return 2;
  }
}

}  // namespace vetrina::cli
