#include "generator/render/theme.h"

#include "generator/util/hash.h"

#include <kainjow/mustache.hpp>

#include <cstdio>
#include <functional>
#include <optional>

#include "generator/util/strings.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace {

struct Inliner {
  const util::FileSystem& fs;
  std::string partials_dir;
  DiagnosticBag& diagnostics;
  std::map<std::string, std::string> cache;

  // Replaces each {{> name}} in `text` (from `path`) with the partial's text.
  std::string inline_partials(const std::string& text, const std::string& path, std::vector<std::string>& stack) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
      const auto open = text.find("{{>", pos);
      if (open == std::string::npos) {
        out.append(text, pos, std::string::npos);
        return out;
      }
      const auto close = text.find("}}", open);
      out.append(text, pos, open - pos);
      if (close == std::string::npos) {
        out.append(text, open, std::string::npos);
        return out;
      }
      const std::string name(util::trim(std::string_view(text).substr(open + 3, close - open - 3)));
      pos = close + 2;
      const Location where = locate(text, path, open);
      if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
        diagnostics.error(where, tr("partial '{}' includes itself", name));
        continue;
      }
      const std::string partial_path = util::join_path(partials_dir, name + ".mustache");
      auto it = cache.find(name);
      if (it == cache.end()) {
        std::string error;
        auto partial = fs.read_file(partial_path, &error);
        if (!partial) {
          diagnostics.error(where, tr("partial '{}' not found ({})", name, partial_path));
          continue;
        }
        stack.push_back(name);
        std::string expanded = inline_partials(*partial, partial_path, stack);
        stack.pop_back();
        it = cache.emplace(name, std::move(expanded)).first;
      }
      out += it->second;
    }
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

void collect_static(const util::FileSystem& fs, const std::string& root, const std::string& rel,
                    std::vector<StaticFile>& out) {
  for (const auto& entry : fs.list_directory(util::join_path(root, rel))) {
    if (entry.name.starts_with(".")) {
      continue;
    }
    const std::string child = rel.empty() ? entry.name : rel + "/" + entry.name;
    if (entry.is_directory) {
      collect_static(fs, root, child, out);
    } else if (auto content = fs.read_file(util::join_path(root, child), nullptr)) {
      out.push_back({child, std::move(*content)});
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
  Inliner inliner{fs, util::join_path(templates_dir, "partials"), diagnostics, {}};
  for (const auto& name : required) {
    const std::string path = util::join_path(templates_dir, name + ".mustache");
    std::string error;
    auto text = fs.read_file(path, &error);
    if (!text) {
      diagnostics.error({path, 0, 0}, tr("template missing from the theme ({})", error));
      continue;
    }
    std::vector<std::string> stack;
    std::string expanded = inliner.inline_partials(*text, path, stack);
    kainjow::mustache::mustache parsed(expanded);
    if (!parsed.is_valid()) {
      diagnostics.error({path, 0, 0}, tr("template does not parse: {}", parsed.error_message()));
      continue;
    }
    theme.m_sources.emplace(name, std::move(expanded));
  }
  collect_static(fs, util::join_path(dir, "static"), "", theme.m_static_files);
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

TemplateSet::TemplateSet(const Theme& theme) {
  for (const auto& [name, source] : theme.sources()) {
    m_templates.emplace(name, std::make_unique<kainjow::mustache::mustache>(source));
  }
}

TemplateSet::~TemplateSet() = default;

kainjow::mustache::basic_mustache<std::string>& TemplateSet::get(const std::string& name) {
  return *m_templates.at(name);
}

}  // namespace vetrina
