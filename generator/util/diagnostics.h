#pragma once
// Diagnostics: located errors about content, reported like a compiler's.
// A Location names a file and a 1-based line and column (0 = unknown).
// DiagnosticBag collects every error of a run (thread-safe add), so a build
// reports all problems at once and then fails. Formatting is pure: callers
// (the CLI) decide where the text goes; the library never prints.

#include <mutex>
#include <string>
#include <vector>

#include "generator/util/file_system.h"

namespace vetrina {

struct Location {
  std::string path;
  int line = 0;
  int column = 0;
  bool operator==(const Location&) const = default;
};

// A value read from content, with where it was written (for later checks).
template <typename T>
struct Located {
  T value{};
  Location location;
  bool operator==(const Located&) const = default;
};

enum class Severity { error, warning };

struct Diagnostic {
  Location location;
  Severity severity = Severity::error;
  std::string message;
};

class DiagnosticBag {
 public:
  DiagnosticBag() = default;
  DiagnosticBag(const DiagnosticBag&) = delete;
  DiagnosticBag& operator=(const DiagnosticBag&) = delete;

  void error(Location location, std::string message);
  void warning(Location location, std::string message);
  void add(Diagnostic diagnostic);
  void merge(const DiagnosticBag& other);

  bool has_errors() const;
  std::size_t error_count() const;
  // Sorted by path, line, column, message, then severity (repeats dropped):
  // the order is deterministic whatever order threads reported in.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex m_mutex;
  std::vector<Diagnostic> m_items;
};

// text: for a terminal. log: text whose quoted source lines sit behind a
// "  | " gutter, for CI logs (GitHub Actions reads a line starting with "::"
// as a workflow command, even indented). github: workflow commands.
enum class DiagnosticFormat { text, log, github, json };

// At most this many characters of a source line are quoted, around the column.
inline constexpr std::size_t k_quote_width = 120;
// At most this many diagnostics of one file are printed (text, log, github),
// then one line counts the others.
inline constexpr std::size_t k_max_diagnostics_per_file = 50;

// "path:line:col: error: message" (CR and LF in it shown as \r and \n), then a
// window of at most k_quote_width characters of the source line ("…" where it
// is cut) and a caret under the column, when the line can be read through `fs`.
std::string format_text(const Diagnostic& diagnostic, const util::FileSystem* fs, bool color);
// GitHub Actions workflow command: "::error file=...,line=...,col=...::message".
std::string format_github(const Diagnostic& diagnostic);
// A JSON array of {file, line, column, severity, message}.
std::string format_json(const std::vector<Diagnostic>& diagnostics);
// All diagnostics in one format, each ending with a newline (json: one
// document). Each file is read once; past k_max_diagnostics_per_file of one
// file, a closing "… and N more in this file" line replaces the rest.
std::string format_all(const std::vector<Diagnostic>& diagnostics, DiagnosticFormat format, const util::FileSystem* fs,
                       bool color);

}  // namespace vetrina
