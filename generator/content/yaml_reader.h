#pragma once
// Typed, located reading of YAML documents (yaml-cpp). Every yaml-cpp
// exception is caught here and becomes a diagnostic with file:line:col, so no
// exception from the YAML library crosses this module. A MapReader checks a
// mapping against its allowed keys (unknown key: error with "did you mean"),
// and reads each field with its location for later validation.

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "generator/util/diagnostics.h"

namespace vetrina {

// Where a YAML text lives: its file and the file line of its first line.
struct YamlSource {
  std::string path;
  int first_line = 1;
  Location at(const YAML::Node& node) const;
  Location at(const YAML::Mark& mark) const;
};

// Parses `text`; on a syntax error adds a located error and returns nullopt.
// An empty document yields a Null node.
std::optional<YAML::Node> parse_yaml(std::string_view text, const YamlSource& source, DiagnosticBag& diagnostics);

// The text of a scalar node (no tags, no conversion).
std::string scalar_text(const YAML::Node& node);

// The text MapReader::text read, or `fallback` when the field was absent or
// in error.
std::string value_or(const std::optional<Located<std::string>>& value, std::string fallback = {});

class MapReader {
 public:
  // `what` names the mapping in messages ("story", "school", "partner 2").
  // Reports a non-mapping node, and every key not in `allowed`.
  MapReader(const YAML::Node& node, const YamlSource& source, DiagnosticBag& diagnostics, std::string what,
            std::vector<std::string> allowed);

  bool is_map() const { return m_is_map; }
  Location location() const { return m_location; }
  bool has(const char* key) const;
  // The raw node of a key, or an undefined/null node when absent.
  YAML::Node node(const char* key) const;
  Location location_of(const char* key) const;

  // A non-empty scalar; required: missing -> "missing required field 'key'".
  std::optional<Located<std::string>> text(const char* key, bool required);
  std::optional<Located<long long>> integer(const char* key, bool required);
  std::optional<Located<bool>> boolean(const char* key);
  // A list of scalars (a single scalar is accepted as a one-item list).
  // With min_items > 0 an absent or shorter list is an error.
  std::vector<Located<std::string>> text_list(const char* key, std::size_t min_items);
  // A list of mappings; each item must be a mapping (else an error).
  std::vector<YAML::Node> map_list(const char* key);

 private:
  void missing(const char* key);
  YAML::Node m_node;
  const YamlSource& m_source;
  DiagnosticBag& m_diagnostics;
  std::string m_what;
  Location m_location;
  bool m_is_map = false;
};

}  // namespace vetrina
