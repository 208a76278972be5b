#include "generator/content/yaml_reader.h"

#include <algorithm>

#include <charconv>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

Location YamlSource::at(const YAML::Mark& mark) const {
  if (mark.is_null()) {
    return {path, first_line, 1};
  }
  return {path, first_line + mark.line, mark.column + 1};
}

Location YamlSource::at(const YAML::Node& node) const {
  try {
    return at(node.Mark());
  } catch (const YAML::Exception&) {
    return {path, first_line, 1};
  }
}

namespace {

std::size_t indentation_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') {
    ++n;
  }
  return n;
}

bool blank_or_comment(std::string_view line) {
  const auto t = util::trim(line);
  return t.empty() || t.front() == '#';
}

// The first byte of a typographic double quote (as word processors write
// them) in `line`, or npos.
std::size_t typographic_quote(std::string_view line, std::string& which) {
  for (const std::string_view q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB"}) {
    const auto at = line.find(q);
    if (at != std::string_view::npos) {
      which = std::string(q);
      return at;
    }
  }
  return std::string_view::npos;
}

// A web address not inside quotes in `line`, or npos.
std::size_t unquoted_address(std::string_view line) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    const auto at = line.find(scheme);
    if (at != std::string_view::npos && (at == 0 || (line[at - 1] != '"' && line[at - 1] != '\''))) {
      return at;
    }
  }
  return std::string_view::npos;
}

// yaml-cpp's messages are terse and name the symptom, not the mistake. Look
// at the text for what an editor most likely did, in this order: a Tab in the
// indentation, typographic quotes, an unquoted web address, a list not closed,
// indentation that does not line up with the line above.
Diagnostic explain_yaml_problem(std::string_view text, const YamlSource& source, const YAML::Mark& mark,
                                const std::string& msg) {
  const auto lines = util::split_lines(text);
  const std::size_t error_line = mark.is_null()
                                     ? 0
                                     : std::min<std::size_t>(static_cast<std::size_t>(std::max(0, mark.line)),
                                                             lines.empty() ? 0 : lines.size() - 1);
  auto at = [&](std::size_t line, std::size_t byte) {
    return Location{source.path, source.first_line + static_cast<int>(line), static_cast<int>(byte) + 1};
  };
  for (std::size_t i = 0; i < lines.size() && i <= error_line; ++i) {
    const auto line = lines[i];
    const auto first = line.find_first_not_of(" \t");
    const auto lead = line.substr(0, first == std::string_view::npos ? line.size() : first);
    auto tab = lead.find('\t');
    if (tab == std::string_view::npos && first != std::string_view::npos && line[first] == '-') {
      // "-<Tab>value": the Tab after the dash of a list item.
      const auto after = line.find_first_not_of(" \t", first + 1);
      const auto gap = line.substr(first + 1, after == std::string_view::npos ? 0 : after - first - 1);
      if (gap.find('\t') != std::string_view::npos) {
        tab = first + 1 + gap.find('\t');
      }
    }
    if (tab != std::string_view::npos) {
      return {at(i, tab), Severity::error,
              _("there is a Tab character here: lines are indented with spaces only; delete the Tab and type spaces, "
                "lined up with the lines around")};
    }
  }
  for (std::size_t i = error_line + 1; i-- > 0 && i + 2 > error_line;) {
    if (i >= lines.size()) {
      continue;
    }
    std::string quote;
    if (const auto q = typographic_quote(lines[i], quote); q != std::string_view::npos) {
      return {at(i, q), Severity::error,
              tr("the text is between typographic quotes {}...{} (as a word processor writes them): replace them "
                 "with straight double quotes \"...\", typed on the keyboard",
                 "\xE2\x80\x9C", "\xE2\x80\x9D")};
    }
    if (const auto u = unquoted_address(lines[i]); u != std::string_view::npos) {
      return {at(i, u), Severity::error,
              _("a web address must be written between double quotes, like \"https://www.youtube.com/watch?v=...\"")};
    }
  }
  const Location where = source.at(mark);
  if (msg.find("flow") != std::string::npos && msg.find("not found") != std::string::npos) {
    return {where, Severity::error,
            _("a list opened with '[' or a group opened with '{' is not closed: check that every '[' has its ']' and "
              "every '{' its '}' on the same line")};
  }
  const bool indentation_symptom =
      msg.find("end of map") != std::string::npos || msg.find("end of sequence") != std::string::npos ||
      msg.find("illegal map value") != std::string::npos || msg.find("bad indentation") != std::string::npos;
  if (indentation_symptom && error_line < lines.size()) {
    // The nearest line above that is not blank: its indentation is what this
    // line most likely should have had.
    std::size_t above = error_line;
    while (above > 0 && blank_or_comment(lines[above - 1])) {
      --above;
    }
    const auto here = lines[error_line];
    if (above > 0 && !blank_or_comment(here)) {
      const auto prev = lines[above - 1];
      const std::size_t want = indentation_of(prev);
      const std::size_t have = indentation_of(here);
      if (want != have) {
        return {at(error_line, have), Severity::error,
                tr("this line starts after {} spaces, but line {} above starts after {}: fields of the same group "
                   "start in the same column (a field inside a group starts 2 spaces further right)",
                   std::to_string(have), std::to_string(source.first_line + static_cast<int>(above) - 1),
                   std::to_string(want))};
      }
    }
  }
  if (msg.find("illegal map value") != std::string::npos) {
    return {where, Severity::error,
            tr("a value that contains ': ' must be written between double quotes (yaml: {})", msg)};
  }
  return {where, Severity::error,
          tr("the fields cannot be read here (yaml: {}): compare this line with the example "
             "in the guide",
             msg)};
}

}  // namespace

std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlSource& source, DiagnosticBag& diagnostics) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    diagnostics.add(explain_yaml_problem(text, source, e.mark, e.msg));
  } catch (const YAML::Exception& e) {
    diagnostics.add(explain_yaml_problem(text, source, e.mark, e.msg));
  }
  return std::nullopt;
}

std::string scalar_text(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar()) {
    return {};
  }
  return node.Scalar();
}

std::string value_or(const std::optional<Located<std::string>>& value, std::string fallback) {
  return value ? value->value : std::move(fallback);
}

MapReader::MapReader(const YAML::Node& node, const YamlSource& source, DiagnosticBag& diagnostics, std::string what,
                     std::vector<std::string> allowed)
    : m_node(node), m_source(source), m_diagnostics(diagnostics), m_what(std::move(what)) {
  m_location = source.at(node);
  if (node.IsNull() || !node.IsDefined()) {
    m_node = YAML::Node(YAML::NodeType::Map);
    m_is_map = true;
    return;
  }
  if (!node.IsMap()) {
    diagnostics.error(m_location, tr("{} must be a set of 'key: value' fields", m_what));
    return;
  }
  m_is_map = true;
  std::vector<std::string> seen;
  for (const auto& kv : node) {
    const std::string key = scalar_text(kv.first);
    // yaml-cpp keeps the first of two equal keys without a word: an editor
    // who pasted a new value above the old one would never know.
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      diagnostics.error(source.at(kv.first),
                        tr("field '{}' appears twice in {}: keep only one (the first one is used now)", key, m_what));
      continue;
    }
    seen.push_back(key);
    bool known = false;
    for (const auto& a : allowed) {
      known = known || a == key;
    }
    if (!known) {
      diagnostics.error(source.at(kv.first),
                        tr("unknown field '{}' in {}{}", key, m_what, util::did_you_mean_suffix(key, allowed)));
    }
  }
}

bool MapReader::has(const char* key) const {
  if (!m_is_map) {
    return false;
  }
  const YAML::Node value = m_node[key];
  return value.IsDefined() && !value.IsNull();
}

YAML::Node MapReader::node(const char* key) const {
  if (!m_is_map) {
    return YAML::Node();
  }
  return m_node[key];
}

Location MapReader::location_of(const char* key) const {
  if (!m_is_map) {
    return m_location;
  }
  for (const auto& kv : m_node) {
    if (scalar_text(kv.first) == key) {
      return m_source.at(kv.second.IsNull() ? kv.first : kv.second);
    }
  }
  return m_location;
}

void MapReader::missing(const char* key) {
  m_diagnostics.error(m_location, tr("missing required field '{}' in {}", std::string(key), m_what));
}

std::optional<Located<std::string>> MapReader::text(const char* key, bool required) {
  if (!has(key)) {
    if (required && m_is_map) {
      missing(key);
    }
    return std::nullopt;
  }
  const YAML::Node value = node(key);
  const Location loc = m_source.at(value);
  if (!value.IsScalar()) {
    m_diagnostics.error(loc, tr("field '{}' must be a single value, not a list or a group", std::string(key)));
    return std::nullopt;
  }
  std::string text(util::trim(value.Scalar()));
  if (text.empty()) {
    if (required) {
      m_diagnostics.error(loc, tr("field '{}' is empty", std::string(key)));
    }
    return std::nullopt;
  }
  if (!util::is_valid_utf8(text)) {
    m_diagnostics.error(loc, tr("field '{}' is not valid UTF-8 text (save the file as UTF-8)", std::string(key)));
    return std::nullopt;
  }
  return Located<std::string>{std::move(text), loc};
}

std::optional<Located<long long>> MapReader::integer(const char* key, bool required) {
  auto t = text(key, required);
  if (!t) {
    return std::nullopt;
  }
  long long value = 0;
  const std::string& s = t->value;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    m_diagnostics.error(t->location, tr("field '{}' must be a whole number, not '{}'", std::string(key), s));
    return std::nullopt;
  }
  return Located<long long>{value, t->location};
}

std::optional<Located<bool>> MapReader::boolean(const char* key) {
  auto t = text(key, false);
  if (!t) {
    return std::nullopt;
  }
  const std::string v = util::to_lower_ascii(t->value);
  if (v == "true" || v == "yes" || v == "si" || v == "sì") {
    return Located<bool>{true, t->location};
  }
  if (v == "false" || v == "no") {
    return Located<bool>{false, t->location};
  }
  m_diagnostics.error(t->location, tr("field '{}' must be true or false, not '{}'", std::string(key), t->value));
  return std::nullopt;
}

std::vector<Located<std::string>> MapReader::text_list(const char* key, std::size_t min_items) {
  std::vector<Located<std::string>> items;
  if (!has(key)) {
    if (min_items > 0 && m_is_map) {
      missing(key);
    }
    return items;
  }
  const YAML::Node value = node(key);
  if (value.IsScalar()) {
    if (auto t = text(key, false)) {
      items.push_back(std::move(*t));
    }
  } else if (value.IsSequence()) {
    for (const auto& item : value) {
      const Location loc = m_source.at(item);
      if (!item.IsScalar() || util::trim(item.Scalar()).empty()) {
        m_diagnostics.error(loc, tr("every item of '{}' must be a single value", std::string(key)));
        continue;
      }
      items.push_back({std::string(util::trim(item.Scalar())), loc});
    }
  } else {
    m_diagnostics.error(m_source.at(value), tr("field '{}' must be a list like [a, b]", std::string(key)));
    return items;
  }
  if (items.size() < min_items) {
    m_diagnostics.error(m_source.at(value), tr("field '{}' needs at least {}", std::string(key),
                                               i18n::plural("{} value", "{} values", min_items)));
  }
  return items;
}

std::vector<YAML::Node> MapReader::map_list(const char* key) {
  std::vector<YAML::Node> items;
  if (!has(key)) {
    return items;
  }
  const YAML::Node value = node(key);
  if (!value.IsSequence()) {
    m_diagnostics.error(m_source.at(value), tr("field '{}' must be a list of items", std::string(key)));
    return items;
  }
  for (const auto& item : value) {
    if (!item.IsMap()) {
      m_diagnostics.error(m_source.at(item),
                          tr("every item of '{}' must be a group of fields like {a: ..., b: ...}", std::string(key)));
      continue;
    }
    items.push_back(item);
  }
  return items;
}

}  // namespace vetrina
