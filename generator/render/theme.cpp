#include "generator/render/theme.h"

#include "generator/render/css_minifier.h"
#include "generator/util/hash.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <functional>
#include <optional>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// Where a stretch of an expanded template comes from: expanded bytes
// [at, at + length) are bytes [from, from + length) of the file `path`.
struct Segment {
  std::size_t at = 0;
  std::string path;
  std::size_t from = 0;
  std::size_t length = 0;
};

struct Expanded {
  std::string text;
  std::vector<Segment> segments;
};

struct Inliner {
  const util::FileSystem& fs;
  std::string partials_dir;
  DiagnosticBag& diagnostics;
  std::map<std::string, Expanded> cache;
  std::map<std::string, std::string> sources;  // path -> text, to locate errors

  // Replaces each {{> name}} in `text` (from `path`) with the partial's
  // text, recording where each stretch of the result comes from.
  Expanded inline_partials(const std::string& text, const std::string& path, std::vector<std::string>& stack) {
    sources.emplace(path, text);
    Expanded result;
    std::string& out = result.text;
    auto copy = [&](std::size_t from, std::size_t length) {
      length = std::min(length, text.size() - from);
      if (length > 0) {
        result.segments.push_back({out.size(), path, from, length});
        out.append(text, from, length);
      }
    };
    std::size_t pos = 0;
    while (true) {
      const auto open = text.find("{{>", pos);
      if (open == std::string::npos) {
        copy(pos, text.size() - pos);
        return result;
      }
      const auto close = text.find("}}", open);
      copy(pos, open - pos);
      if (close == std::string::npos) {
        copy(open, text.size() - open);
        return result;
      }
      const std::string name(util::trim(std::string_view(text).substr(open + 3, close - open - 3)));
      pos = close + 2;
      const Location where = locate(text, path, open);
      if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
        diagnostics.error(where, tr("partial '{}' includes itself", name));
        continue;
      }
      if ("partials/" + name == k_card_template) {
        // Cards are rendered on their own, once per story (views.h): a
        // list's entries hold only their `html`.
        diagnostics.error(where, _("the card partial is rendered by vetrina, once per story: write {{{html}}} where a "
                                   "list shows its cards"));
        continue;
      }
      const std::string partial_path = util::join_path(partials_dir, name + ".mustache");
      auto it = cache.find(name);
      if (it == cache.end()) {
        auto partial = fs.read_file(partial_path);
        if (!partial) {
          diagnostics.error(where, tr("partial '{}' not found ({})", name, partial_path));
          continue;
        }
        stack.push_back(name);
        Expanded expanded = inline_partials(*partial, partial_path, stack);
        stack.pop_back();
        it = cache.emplace(name, std::move(expanded)).first;
      }
      for (const auto& segment : it->second.segments) {
        result.segments.push_back({segment.at + out.size(), segment.path, segment.from, segment.length});
      }
      out += it->second.text;
    }
  }

  // The file, line and column of byte `offset` of an expanded template.
  Location source_of(const Expanded& expanded, std::size_t offset) const {
    for (const auto& segment : expanded.segments) {
      if (offset >= segment.at && offset < segment.at + segment.length) {
        return locate(sources.at(segment.path), segment.path, segment.from + (offset - segment.at));
      }
    }
    if (!expanded.segments.empty()) {  // past the end: the end of the last stretch
      const Segment& last = expanded.segments.back();
      return locate(sources.at(last.path), last.path, last.from + last.length);
    }
    return {};
  }

  static Location locate(const std::string& text, const std::string& path, std::size_t offset) {
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return {path, line, static_cast<int>(offset - line_start + 1)};
  }
};

// Theme files are trusted code, not content: only a generous size bound
// (fonts, images), not the 8 MB default for text.
const util::FileLimits k_static_limits{"", 256ULL * 1024 * 1024};

void collect_static(const util::FileSystem& fs, const std::string& root, const std::string& rel,
                    std::vector<StaticFile>& out) {
  for (const auto& entry : fs.list_directory(util::join_path(root, rel))) {
    if (entry.name.starts_with(".")) {
      continue;
    }
    const std::string child = rel.empty() ? entry.name : rel + "/" + entry.name;
    if (entry.is_directory) {
      collect_static(fs, root, child, out);
    } else if (auto content = fs.read_file(util::join_path(root, child), k_static_limits)) {
      // Stylesheets are served minified (css_minifier.h); their URLs' fingerprints follow.
      out.push_back({child, child.ends_with(".css") ? minify_css(*content) : std::move(*content)});
    }
  }
}

}  // namespace

std::optional<Theme> Theme::load(const util::FileSystem& fs, const std::string& dir,
                                 const std::vector<std::string>& required, DiagnosticBag& diagnostics) {
  if (!fs.is_directory(dir)) {
    diagnostics.error({dir, 0, 0}, _("theme folder not found (give another with --theme)"));
    return std::nullopt;
  }
  const std::size_t errors_before = diagnostics.error_count();
  Theme theme;
  const std::string templates_dir = util::join_path(dir, "templates");
  Inliner inliner{fs, util::join_path(templates_dir, "partials"), diagnostics, {}, {}};
  for (const auto& name : required) {
    const std::string path = util::join_path(templates_dir, name + ".mustache");
    auto text = fs.read_file(path);
    if (!text) {
      diagnostics.error({path, 0, 0}, tr("template missing from the theme ({})", text.error()));
      continue;
    }
    std::vector<std::string> stack;
    Expanded expanded = inliner.inline_partials(*text, path, stack);
    kainjow::mustache::mustache parsed(expanded.text);
    if (!parsed.is_valid()) {
      // kainjow reports "... at <byte offset>" in the expanded text: the
      // offset becomes the file (template or partial), line and column.
      std::string message = parsed.error_message();
      Location where{path, 0, 0};
      const auto at = message.rfind(" at ");
      if (at != std::string::npos) {
        std::size_t offset = 0;
        const char* first = message.data() + at + 4;
        const char* last = message.data() + message.size();
        const auto [end, ec] = std::from_chars(first, last, offset);
        if (ec == std::errc() && end == last) {
          where = inliner.source_of(expanded, offset);
          message.resize(at);
        }
      }
      diagnostics.error(where, tr("template does not parse: {}", message));
      continue;
    }
    theme.m_sources.emplace(name, std::move(expanded.text));
  }
  collect_static(fs, util::join_path(dir, "static"), "", theme.m_static_files);
  if (auto font = fs.read_file(util::join_path(dir, "fonts/cover.ttf"))) {
    theme.m_cover_font = std::move(*font);
  }
  if (diagnostics.error_count() != errors_before) {
    return std::nullopt;
  }
  return theme;
}

std::string Theme::fingerprint(const std::string& path) const {
  for (const auto& file : m_static_files) {
    if (file.path == path) {
      return util::content_hash(file.content).substr(0, 10);
    }
  }
  return {};
}

namespace {

// kainjow's html_escape, entity for entity ("&apos;" included, so pages
// keep their bytes), copying the text between them in one piece instead
// of a character at a time: every {{value}} of every page goes through it.
std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  util::append_html_escaped(text, out, "&apos;");
  return out;
}

}  // namespace

TemplateSet::TemplateSet(const Theme& theme) {
  for (const auto& [name, source] : theme.sources()) {
    auto parsed = std::make_unique<kainjow::mustache::mustache>(source);
    parsed->set_custom_escape(escape_html);  // partials and sections take the template's
    m_templates.emplace(name, std::move(parsed));
  }
}

TemplateSet::~TemplateSet() = default;

kainjow::mustache::basic_mustache<std::string>& TemplateSet::get(const std::string& name) {
  return *m_templates.at(name);
}

}  // namespace vetrina
