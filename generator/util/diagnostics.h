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
};

// A value read from content, with where it was written (for later checks).
template <typename T>
struct Located {
  T value{};
  Location location;
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
  // Sorted by path, line, column, then message: the order is deterministic
  // whatever order threads reported in.
  std::vector<Diagnostic> sorted() const;

 private:
  mutable std::mutex m_mutex;
  std::vector<Diagnostic> m_items;
};

enum class DiagnosticFormat { text, github, json };

// "path:line:col: error: message", then the source line and a caret under the
// column when the line can be read through `fs`.
std::string format_text(const Diagnostic& diagnostic, const util::FileSystem* fs, bool color);
// GitHub Actions workflow command: "::error file=...,line=...,col=...::message".
std::string format_github(const Diagnostic& diagnostic);
// A JSON array of {file, line, column, severity, message}.
std::string format_json(const std::vector<Diagnostic>& diagnostics);
// All diagnostics in one format, each ending with a newline (json: one document).
std::string format_all(const std::vector<Diagnostic>& diagnostics, DiagnosticFormat format,
                       const util::FileSystem* fs, bool color);

}  // namespace vetrina
