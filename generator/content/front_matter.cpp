#include "generator/content/front_matter.h"

#include "generator/util/strings.h"

namespace vetrina {

namespace {

bool is_fence(std::string_view line, bool closing) {
  const std::string_view t = util::trim(line);
  return t == "---" || (closing && t == "...");
}

}  // namespace

std::optional<FrontMatter> split_front_matter(std::string_view text, const std::string& path,
                                              DiagnosticBag& diagnostics) {
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  std::size_t pos = 0;
  int line_number = 1;
  auto next_line = [&](std::string_view& line) {
    if (pos > text.size() || (pos == text.size() && line_number > 1 && !text.empty() && text.back() == '\n')) {
      return false;
    }
    const auto nl = text.find('\n', pos);
    line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    return true;
  };

  std::string_view line;
  if (!next_line(line) || !is_fence(line, false)) {
    diagnostics.error({path, 1, 1},
                      "missing front matter: the file must start with a line '---', then the fields, then '---'");
    return std::nullopt;
  }
  FrontMatter result;
  const std::size_t yaml_start = pos;
  while (true) {
    const std::size_t line_start = pos;
    if (!next_line(line)) {
      diagnostics.error({path, 1, 1}, "front matter is not closed: add a line '---' after the last field");
      return std::nullopt;
    }
    ++line_number;
    if (is_fence(line, true)) {
      result.yaml = std::string(text.substr(yaml_start, line_start - yaml_start));
      result.body_line = line_number + 1;
      result.body = pos < text.size() ? std::string(text.substr(pos)) : std::string();
      return result;
    }
  }
}

}  // namespace vetrina
