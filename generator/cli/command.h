#pragma once
// The subcommand table (ninja's tool table): each subcommand is a name, a
// one-line summary and a function taking its own arguments (argv without the
// program and subcommand names). One file per subcommand. Commands return the
// process exit code: 0 ok, 1 content errors, 2 usage or internal error.

#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "generator/build/builder.h"
#include "generator/util/diagnostics.h"

namespace vetrina::cli {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};

// Every command, in the order `vetrina --help` lists them.
std::span<const Command> commands();

// The whole CLI: dispatches argv[1] to a command; prints usage, versions and
// "did you mean" for unknown commands; turns exceptions into exit code 2.
int run(int argc, const char* const* argv);

int run_build(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);
int run_serve(const std::vector<std::string>& args);
int run_new(const std::vector<std::string>& args);
int run_report(const std::vector<std::string>& args);
int run_strip_metadata(const std::vector<std::string>& args);

// Flags every command shares (DESIGN.md: same names, same defaults).
struct CommonFlags {
  BuildOptions build;
  std::string format = "text";  // diagnostics: text | github | json
};
void add_path_flags(CLI::App& app, CommonFlags& flags);
void add_format_flag(CLI::App& app, CommonFlags& flags);
// After parsing: without an explicit --format, GitHub Actions (GITHUB_ACTIONS=true)
// gets annotations, everything else text.
void resolve_format(const CLI::App& app, CommonFlags& flags);

// Parses `args` with `app`; on --help prints it and returns 0, on a usage
// error prints it and returns 2; nullopt means "go on".
std::optional<int> parse(CLI::App& app, const std::vector<std::string>& args);

// Prints diagnostics in the chosen format (text and github on stderr with
// the source line; json on stdout). Returns 1 if there were errors, else 0.
int report(const DiagnosticBag& diagnostics, const std::string& format, const util::FileSystem& fs);

}  // namespace vetrina::cli
