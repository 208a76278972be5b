#include "generator/util/diagnostics.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

void DiagnosticBag::error(Location location, std::string message) {
  add({std::move(location), Severity::error, std::move(message)});
}

void DiagnosticBag::warning(Location location, std::string message) {
  add({std::move(location), Severity::warning, std::move(message)});
}

void DiagnosticBag::add(Diagnostic diagnostic) {
  const std::lock_guard lock(m_mutex);
  m_items.push_back(std::move(diagnostic));
}

void DiagnosticBag::merge(const DiagnosticBag& other) {
  for (auto& d : other.sorted()) {
    add(std::move(d));
  }
}

bool DiagnosticBag::has_errors() const {
  return error_count() > 0;
}

std::size_t DiagnosticBag::error_count() const {
  const std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(
      std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::vector<Diagnostic> DiagnosticBag::sorted() const {
  std::vector<Diagnostic> items;
  {
    const std::lock_guard lock(m_mutex);
    items = m_items;
  }
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.path, a.location.line, a.location.column, a.message, a.severity) <
           std::tie(b.location.path, b.location.line, b.location.column, b.message, b.severity);
  });
  items.erase(std::unique(items.begin(), items.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                            return a.location.path == b.location.path && a.location.line == b.location.line &&
                                   a.location.column == b.location.column && a.message == b.message &&
                                   a.severity == b.severity;
                          }),
              items.end());
  return items;
}

namespace {

const char* severity_name(Severity s) {
  return s == Severity::error ? "error" : "warning";
}

std::string location_prefix(const Location& loc) {
  std::string out = loc.path;
  if (loc.line > 0) {
    out += ":" + std::to_string(loc.line);
    if (loc.column > 0) {
      out += ":" + std::to_string(loc.column);
    }
  }
  return out;
}

// GitHub workflow commands need %, CR and LF escaped in the message, and also
// ':' and ',' in property values.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
        break;
    }
  }
  return out;
}

}  // namespace

namespace {

// A source file split into lines once, for every diagnostic about it.
struct Source {
  std::string content;
  std::vector<std::string_view> lines;
};

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The message on one line: a CR or LF inside it (a YAML value, a URL) is shown
// as "\n", so no text after it can start a line of the log.
std::string one_line(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (const char c : message) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_one(const Diagnostic& diagnostic, const Source* source, bool color, bool gutter) {
  const Location& loc = diagnostic.location;
  const char* bold = color ? "\x1b[1m" : "";
  const char* red = color ? (diagnostic.severity == Severity::error ? "\x1b[1;31m" : "\x1b[1;35m") : "";
  const char* green = color ? "\x1b[1;32m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::string out;
  if (!loc.path.empty()) {
    out += bold + one_line(location_prefix(loc)) + ": " + reset;
  }
  out += red + std::string(diagnostic.severity == Severity::error ? _("error") : _("warning")) + ":" + reset + " " +
         one_line(diagnostic.message) + "\n";
  if (source == nullptr || loc.line <= 0 || static_cast<std::size_t>(loc.line) > source->lines.size()) {
    return out;
  }
  const std::string_view line = source->lines[static_cast<std::size_t>(loc.line - 1)];
  // A window of the line around the column (k_quote_width characters), so N
  // errors on one long line print N short quotes, not N copies of the line.
  const std::size_t byte_col =
      loc.column > 0 ? std::min<std::size_t>(static_cast<std::size_t>(loc.column - 1), line.size()) : 0;
  std::size_t begin = byte_col;
  std::size_t before_count = 0;
  while (begin > 0 && before_count < k_quote_width / 2) {
    --begin;
    if (!is_continuation(line[begin])) {
      ++before_count;
    }
  }
  while (begin > 0 && is_continuation(line[begin])) {
    --begin;
  }
  std::size_t end = byte_col;
  std::size_t count = before_count;
  while (end < line.size() && count < k_quote_width) {
    ++end;
    while (end < line.size() && is_continuation(line[end])) {
      ++end;
    }
    ++count;
  }
  const bool cut_before = begin > 0;
  const bool cut_after = end < line.size();
  // Quoted lines sit behind a gutter in CI logs: a content line starting with
  // "::" must never reach the start of a log line (GitHub workflow commands).
  const char* margin = gutter ? "  | " : "  ";
  out += margin + std::string(cut_before ? "\u2026" : "") + std::string(line.substr(begin, end - begin)) +
         (cut_after ? "\u2026" : "") + "\n";
  if (loc.column > 0) {
    // Columns count bytes; the caret lines up under multi-byte text by
    // counting code points before the column, keeping tabs as tabs.
    std::string pad = cut_before ? " " : "";
    const std::string_view before = line.substr(begin, byte_col - begin);
    for (const char c : before) {
      if (is_continuation(c)) {
        continue;
      }
      pad += c == '\t' ? '\t' : ' ';
    }
    out += margin + pad + green + "^" + reset + "\n";
  }
  return out;
}

// Fills `source` in place (its lines point into its content); false when
// the file cannot be read.
bool load_source(const util::FileSystem* fs, const std::string& path, Source& source) {
  source = Source{};
  if (fs == nullptr || path.empty()) {
    return false;
  }
  auto content = fs->read_file(path);
  if (!content) {
    return false;
  }
  source.content = std::move(*content);
  source.lines = util::split_lines(source.content);
  return true;
}

}  // namespace

std::string format_text(const Diagnostic& diagnostic, const util::FileSystem* fs, bool color) {
  Source source;
  const bool loaded = diagnostic.location.line > 0 && load_source(fs, diagnostic.location.path, source);
  return format_one(diagnostic, loaded ? &source : nullptr, color, false);
}

std::string format_github(const Diagnostic& diagnostic) {
  const Location& loc = diagnostic.location;
  std::string out = "::" + std::string(severity_name(diagnostic.severity));
  std::vector<std::string> props;
  if (!loc.path.empty()) {
    props.push_back("file=" + github_escape(loc.path, true));
  }
  if (loc.line > 0) {
    props.push_back("line=" + std::to_string(loc.line));
  }
  if (loc.column > 0) {
    props.push_back("col=" + std::to_string(loc.column));
  }
  for (std::size_t i = 0; i < props.size(); ++i) {
    out += (i == 0 ? " " : ",") + props[i];
  }
  out += "::" + github_escape(diagnostic.message, false) + "\n";
  return out;
}

std::string format_json(const std::vector<Diagnostic>& diagnostics) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    list.push_back({{"file", d.location.path},
                    {"line", d.location.line},
                    {"column", d.location.column},
                    {"severity", severity_name(d.severity)},
                    {"message", d.message}});
  }
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string format_all(const std::vector<Diagnostic>& diagnostics, DiagnosticFormat format, const util::FileSystem* fs,
                       bool color) {
  if (format == DiagnosticFormat::json) {
    return format_json(diagnostics);
  }
  std::string out;
  // Each file is read once (diagnostics come sorted by path), and at most
  // k_max_diagnostics_per_file of its diagnostics are shown, then one line
  // counting the rest: the output stays linear in the input.
  Source source;
  bool loaded = false;
  bool first = true;
  std::string source_path;
  std::size_t shown = 0;
  std::size_t hidden = 0;
  auto close_file = [&]() {
    if (hidden == 0) {
      return;
    }
    const std::string more = "\u2026 and " + std::to_string(hidden) + " more in this file (fix these and run again)";
    if (format == DiagnosticFormat::github) {
      out += "::notice file=" + github_escape(source_path, true) + "::" + github_escape(more, false) + "\n";
    } else {
      out += one_line(source_path) + ": " + more + "\n";
    }
    hidden = 0;
  };
  for (const auto& d : diagnostics) {
    if (first || d.location.path != source_path) {
      close_file();
      first = false;
      source_path = d.location.path;
      shown = 0;
      loaded = format != DiagnosticFormat::github && load_source(fs, source_path, source);
    }
    if (!source_path.empty() && shown >= k_max_diagnostics_per_file) {
      ++hidden;
      continue;
    }
    ++shown;
    if (format == DiagnosticFormat::github) {
      out += format_github(d);
    } else {
      out += format_one(d, loaded ? &source : nullptr, color, format == DiagnosticFormat::log);
    }
  }
  close_file();
  return out;
}

}  // namespace vetrina
