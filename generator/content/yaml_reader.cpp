#include "generator/content/yaml_reader.h"

#include <algorithm>

#include <charconv>

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

std::string describe_yaml_problem(const std::string& msg) {
  // yaml-cpp's messages are terse; say what an editor most likely did.
  if (msg.find("illegal map value") != std::string::npos) {
    return "invalid YAML: '" + msg + "' (a value containing ': ' must be written between double quotes)";
  }
  if (msg.find("end of map") != std::string::npos || msg.find("end of sequence") != std::string::npos) {
    return "invalid YAML: " + msg + " (check the brackets and the indentation)";
  }
  return "invalid YAML: " + msg;
}

}  // namespace

std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlSource& source, DiagnosticBag& diagnostics) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    diagnostics.error(source.at(e.mark), describe_yaml_problem(e.msg));
  } catch (const YAML::Exception& e) {
    diagnostics.error(source.at(e.mark), describe_yaml_problem(e.msg));
  }
  return std::nullopt;
}

std::string scalar_text(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar()) {
    return {};
  }
  return node.Scalar();
}

MapReader::MapReader(const YAML::Node& node, const YamlSource& source, DiagnosticBag& diagnostics,
                     std::string what, std::vector<std::string> allowed)
    : m_node(node), m_source(source), m_diagnostics(diagnostics), m_what(std::move(what)) {
  m_location = source.at(node);
  if (node.IsNull() || !node.IsDefined()) {
    m_node = YAML::Node(YAML::NodeType::Map);
    m_is_map = true;
    return;
  }
  if (!node.IsMap()) {
    diagnostics.error(m_location, m_what + " must be a set of 'key: value' fields");
    return;
  }
  m_is_map = true;
  std::vector<std::string> seen;
  for (const auto& kv : node) {
    const std::string key = scalar_text(kv.first);
    // yaml-cpp keeps the first of two equal keys without a word: an editor
    // who pasted a new value above the old one would never know.
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      diagnostics.error(source.at(kv.first), "field '" + key + "' appears twice in " + m_what +
                                                 ": keep only one (the first one is used now)");
      continue;
    }
    seen.push_back(key);
    bool known = false;
    for (const auto& a : allowed) {
      known = known || a == key;
    }
    if (!known) {
      diagnostics.error(source.at(kv.first),
                        "unknown field '" + key + "' in " + m_what + util::did_you_mean_suffix(key, allowed));
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
  m_diagnostics.error(m_location, "missing required field '" + std::string(key) + "' in " + m_what);
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
    m_diagnostics.error(loc, "field '" + std::string(key) + "' must be a single value, not a list or a group");
    return std::nullopt;
  }
  std::string text(util::trim(value.Scalar()));
  if (text.empty()) {
    if (required) {
      m_diagnostics.error(loc, "field '" + std::string(key) + "' is empty");
    }
    return std::nullopt;
  }
  if (!util::is_valid_utf8(text)) {
    m_diagnostics.error(loc, "field '" + std::string(key) + "' is not valid UTF-8 text (save the file as UTF-8)");
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
    m_diagnostics.error(t->location, "field '" + std::string(key) + "' must be a whole number, not '" + s + "'");
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
  m_diagnostics.error(t->location, "field '" + std::string(key) + "' must be true or false, not '" + t->value + "'");
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
        m_diagnostics.error(loc, "every item of '" + std::string(key) + "' must be a single value");
        continue;
      }
      items.push_back({std::string(util::trim(item.Scalar())), loc});
    }
  } else {
    m_diagnostics.error(m_source.at(value), "field '" + std::string(key) + "' must be a list like [a, b]");
    return items;
  }
  if (items.size() < min_items) {
    m_diagnostics.error(m_source.at(value), "field '" + std::string(key) + "' needs at least " +
                                                std::to_string(min_items) + (min_items == 1 ? " value" : " values"));
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
    m_diagnostics.error(m_source.at(value), "field '" + std::string(key) + "' must be a list of items");
    return items;
  }
  for (const auto& item : value) {
    if (!item.IsMap()) {
      m_diagnostics.error(m_source.at(item),
                          "every item of '" + std::string(key) + "' must be a group of fields like {a: ..., b: ...}");
      continue;
    }
    items.push_back(item);
  }
  return items;
}

}  // namespace vetrina
