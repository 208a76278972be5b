#include "generator/util/diagnostics.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "generator/util/strings.h"
#include "generator/util/i18n.h"

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

bool DiagnosticBag::has_errors() const { return error_count() > 0; }

std::size_t DiagnosticBag::error_count() const {
  const std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(std::count_if(m_items.begin(), m_items.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::vector<Diagnostic> DiagnosticBag::sorted() const {
  std::vector<Diagnostic> items;
  {
    const std::lock_guard lock(m_mutex);
    items = m_items;
  }
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.path, a.location.line, a.location.column, a.message) <
           std::tie(b.location.path, b.location.line, b.location.column, b.message);
  });
  items.erase(std::unique(items.begin(), items.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                            return a.location.path == b.location.path && a.location.line == b.location.line &&
                                   a.location.column == b.location.column && a.message == b.message;
                          }),
              items.end());
  return items;
}

namespace {

const char* severity_name(Severity s) { return s == Severity::error ? "error" : "warning"; }

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
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c; break;
    }
  }
  return out;
}

}  // namespace

std::string format_text(const Diagnostic& diagnostic, const util::FileSystem* fs, bool color) {
  const Location& loc = diagnostic.location;
  const char* bold = color ? "\x1b[1m" : "";
  const char* red = color ? (diagnostic.severity == Severity::error ? "\x1b[1;31m" : "\x1b[1;35m") : "";
  const char* green = color ? "\x1b[1;32m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::string out;
  if (!loc.path.empty()) {
    out += bold + location_prefix(loc) + ": " + reset;
  }
  out += red + std::string(diagnostic.severity == Severity::error ? _("error") : _("warning")) + ":" + reset + " " + diagnostic.message + "\n";
  if (fs == nullptr || loc.line <= 0 || loc.path.empty()) {
    return out;
  }
  const auto content = fs->read_file(loc.path, nullptr);
  if (!content) {
    return out;
  }
  const auto lines = util::split_lines(*content);
  if (static_cast<std::size_t>(loc.line) > lines.size()) {
    return out;
  }
  const std::string_view line = lines[static_cast<std::size_t>(loc.line - 1)];
  out += "  " + std::string(line) + "\n";
  if (loc.column > 0) {
    // Columns count bytes; the caret lines up under multi-byte text by
    // counting code points before the column, keeping tabs as tabs.
    const std::size_t byte_col = std::min<std::size_t>(static_cast<std::size_t>(loc.column - 1), line.size());
    std::string pad;
    const std::string_view before = line.substr(0, byte_col);
    for (std::size_t i = 0; i < before.size(); ++i) {
      const auto u = static_cast<unsigned char>(before[i]);
      if ((u & 0xC0) == 0x80) {
        continue;
      }
      pad += before[i] == '\t' ? '\t' : ' ';
    }
    out += "  " + pad + green + "^" + reset + "\n";
  }
  return out;
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

std::string format_all(const std::vector<Diagnostic>& diagnostics, DiagnosticFormat format,
                       const util::FileSystem* fs, bool color) {
  if (format == DiagnosticFormat::json) {
    return format_json(diagnostics);
  }
  std::string out;
  for (const auto& d : diagnostics) {
    out += format == DiagnosticFormat::github ? format_github(d) : format_text(d, fs, color);
  }
  return out;
}

}  // namespace vetrina
