#include "generator/content/front_matter.h"

#include <cctype>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

bool is_fence(std::string_view line, bool closing) {
  const std::string_view t = util::trim(line);
  return t == "---" || (closing && t == "...");
}

// A line that cannot belong to the fields: not blank, not indented, not a
// list item or comment, and not "name: ..." (the text of the story, a title).
bool looks_like_body(std::string_view line) {
  if (util::trim(line).empty()) {
    return false;
  }
  const char c = line.front();
  if (c == ' ' || c == '\t' || c == '-' || c == '#') {
    return false;
  }
  std::size_t i = 0;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) != 0 || line[i] == '_')) {
    ++i;
  }
  return i == 0 || i >= line.size() || line[i] != ':';
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
                      _("missing fields: the file must start with a line '---', then the fields, then '---'"));
    return std::nullopt;
  }
  FrontMatter result;
  const std::size_t yaml_start = pos;
  int last_field_line = 1;
  int body_line = 0;
  while (true) {
    const std::size_t line_start = pos;
    if (!next_line(line)) {
      if (body_line > 0) {
        diagnostics.error({path, body_line, 1},
                          tr("the fields opened by '---' on line 1 are not closed: add a line with only '---' above "
                             "this line, after the last field (line {})",
                             std::to_string(last_field_line)));
      } else {
        diagnostics.error({path, last_field_line, 1},
                          _("the fields opened by '---' on line 1 are not closed: add a line with only '---' after "
                            "this last field"));
      }
      return std::nullopt;
    }
    ++line_number;
    if (body_line == 0 && looks_like_body(line)) {
      body_line = line_number;
    } else if (body_line == 0 && !util::trim(line).empty()) {
      last_field_line = line_number;
    }
    if (is_fence(line, true)) {
      result.yaml = std::string(text.substr(yaml_start, line_start - yaml_start));
      result.body_line = line_number + 1;
      result.body = pos < text.size() ? std::string(text.substr(pos)) : std::string();
      return result;
    }
  }
}

}  // namespace vetrina
