#include "generator/util/safe_url.h"

#include <array>

namespace vetrina {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string url_scheme(std::string_view url) {
  // Leading C0 controls and spaces go; tabs, CR and LF go anywhere.
  std::size_t start = 0;
  while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) {
    ++start;
  }
  std::string scheme;
  for (std::size_t i = start; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '\t' || c == '\n' || c == '\r') {
      continue;
    }
    if (c == ':') {
      return scheme;  // empty when the address starts with ':' (relative)
    }
    const bool valid = scheme.empty() ? is_alpha(c) : is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
    if (!valid) {
      return "";  // "/a:b", "foto 1:2.jpg": a relative address
    }
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return "";
}

bool is_unsafe_url(std::string_view url) {
  static constexpr std::array<std::string_view, 4> k_unsafe = {"javascript", "vbscript", "file", "data"};
  const std::string scheme = url_scheme(url);
  for (const auto unsafe : k_unsafe) {
    if (scheme == unsafe) {
      return true;
    }
  }
  return false;
}

}  // namespace vetrina
