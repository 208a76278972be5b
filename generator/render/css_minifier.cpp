#include "generator/render/css_minifier.h"

namespace vetrina {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// No space is needed after these...
bool ends_token(char c) {
  return c == '{' || c == '}' || c == ';' || c == ',' || c == '>' || c == '~' || c == ':' || c == '(';
}

// ...nor before these.
bool starts_token(char c) {
  return c == '{' || c == '}' || c == ';' || c == ',' || c == '>' || c == '~' || c == ')';
}

}  // namespace

std::string minify_css(std::string_view css) {
  std::string out;
  out.reserve(css.size());
  bool pending_space = false;
  std::size_t i = 0;
  while (i < css.size()) {
    const char c = css[i];
    if (c == '/' && i + 1 < css.size() && css[i + 1] == '*') {
      const std::size_t close = css.find("*/", i + 2);
      i = close == std::string_view::npos ? css.size() : close + 2;
      pending_space = true;  // "a/**/b" stays two tokens
      continue;
    }
    if (is_space(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (pending_space && !out.empty() && !ends_token(out.back()) && !starts_token(c)) {
      out += ' ';
    }
    pending_space = false;
    if (c == '"' || c == '\'') {
      std::size_t end = i + 1;
      while (end < css.size() && css[end] != c) {
        end += css[end] == '\\' ? std::size_t{2} : std::size_t{1};
      }
      end = end < css.size() ? end + 1 : css.size();
      out.append(css.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '}' && !out.empty() && out.back() == ';') {
      out.back() = '}';
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

}  // namespace vetrina
