#pragma once
// A small XML 1.0 well-formedness checker for the tests (no dependency on an
// XML tool being installed): one root element, tags balanced and properly
// nested, names well formed, attributes quoted and not repeated, '<' never in
// text or attribute values, '&' only as a known or numeric entity, comments
// closed, valid UTF-8. No DTD, no namespaces check, no CDATA (we never write
// them). Header-only; used by the unit and integration tests.

#include <string>
#include <string_view>
#include <vector>

#include "generator/util/strings.h"

namespace vetrina::test {

namespace xml_detail {

inline bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
inline bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// Checks the entity at text[i] == '&'; returns its length or 0.
inline std::size_t entity(std::string_view text, std::size_t i) {
  const auto semicolon = text.find(';', i);
  if (semicolon == std::string_view::npos || semicolon - i > 12) {
    return 0;
  }
  const std::string_view name = text.substr(i + 1, semicolon - i - 1);
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") {
    return semicolon - i + 1;
  }
  if (name.size() >= 2 && name[0] == '#') {
    const bool hex = name[1] == 'x';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) {
      return 0;
    }
    for (const char c : digits) {
      const bool ok = (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return 0;
      }
    }
    return semicolon - i + 1;
  }
  return 0;
}

}  // namespace xml_detail

// "" when `text` is a well-formed XML document (or fragment with one root),
// else what is wrong and at which byte offset.
inline std::string xml_error(std::string_view text) {
  using namespace xml_detail;
  if (!util::is_valid_utf8(text)) {
    return "not valid UTF-8";
  }
  std::vector<std::string> open;
  bool seen_root = false;
  std::size_t i = 0;
  auto at = [&](const std::string& what) { return what + " at offset " + std::to_string(i); };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '&') {
      const std::size_t length = entity(text, i);
      if (length == 0) {
        return at("bare '&'");
      }
      i += length;
      continue;
    }
    if (c != '<') {
      if (open.empty() && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return at("text outside the root element");
      }
      if (c == '>' && i >= 2 && text.substr(i - 2, 2) == "]]") {
        return at("']]>' in text");
      }
      ++i;
      continue;
    }
    if (text.substr(i, 4) == "<!--") {
      const auto end = text.find("-->", i + 4);
      if (end == std::string_view::npos) {
        return at("unclosed comment");
      }
      if (text.substr(i + 4, end - i - 4).find("--") != std::string_view::npos) {
        return at("'--' inside a comment");
      }
      i = end + 3;
      continue;
    }
    if (text.substr(i, 2) == "<?") {
      const auto end = text.find("?>", i + 2);
      if (end == std::string_view::npos) {
        return at("unclosed processing instruction");
      }
      i = end + 2;
      continue;
    }
    const bool closing = i + 1 < text.size() && text[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    if (j >= text.size() || !name_start(text[j])) {
      return at("'<' not starting a tag");
    }
    const std::size_t name_begin = j;
    while (j < text.size() && name_char(text[j])) {
      ++j;
    }
    const std::string name(text.substr(name_begin, j - name_begin));
    if (closing) {
      while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r')) {
        ++j;
      }
      if (j >= text.size() || text[j] != '>') {
        return at("malformed end tag </" + name);
      }
      if (open.empty() || open.back() != name) {
        return at("end tag </" + name + "> does not close " + (open.empty() ? "anything" : "<" + open.back() + ">"));
      }
      open.pop_back();
      i = j + 1;
      continue;
    }
    if (open.empty() && seen_root) {
      return at("second root element <" + name + ">");
    }
    std::vector<std::string> attributes;
    for (;;) {
      const std::size_t before = j;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r')) {
        ++j;
      }
      if (j >= text.size()) {
        return at("unclosed tag <" + name);
      }
      if (text[j] == '>' || text.substr(j, 2) == "/>") {
        break;
      }
      if (j == before || !name_start(text[j])) {
        return at("malformed attribute in <" + name + ">");
      }
      const std::size_t attribute_begin = j;
      while (j < text.size() && name_char(text[j])) {
        ++j;
      }
      const std::string attribute(text.substr(attribute_begin, j - attribute_begin));
      for (const auto& seen : attributes) {
        if (seen == attribute) {
          return at("attribute '" + attribute + "' twice in <" + name + ">");
        }
      }
      attributes.push_back(attribute);
      if (j + 1 >= text.size() || text[j] != '=' || (text[j + 1] != '"' && text[j + 1] != '\'')) {
        return at("attribute '" + attribute + "' without a quoted value");
      }
      const char quote = text[j + 1];
      const auto end = text.find(quote, j + 2);
      if (end == std::string_view::npos) {
        return at("unclosed attribute value");
      }
      for (std::size_t k = j + 2; k < end; ++k) {
        if (text[k] == '<') {
          return at("'<' in the value of '" + attribute + "'");
        }
        if (text[k] == '&') {
          const std::size_t length = entity(text, k);
          if (length == 0) {
            return at("bare '&' in the value of '" + attribute + "'");
          }
          k += length - 1;
        }
      }
      j = end + 1;
    }
    seen_root = true;
    if (text[j] == '/') {
      i = j + 2;  // self-closing
    } else {
      open.push_back(name);
      i = j + 1;
    }
  }
  if (!open.empty()) {
    return "unclosed element <" + open.back() + "> at the end";
  }
  return seen_root ? "" : "no root element";
}

}  // namespace vetrina::test
