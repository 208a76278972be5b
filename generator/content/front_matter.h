#pragma once
// Splits a Markdown file into its YAML front matter and its body, keeping the
// line numbers of both so every later diagnostic points at the right line of
// the original file. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "generator/util/diagnostics.h"

namespace vetrina {

struct FrontMatter {
  std::string yaml;   // the text between the '---' lines
  int yaml_line = 2;  // 1-based file line of the first YAML line
  std::string body;   // everything after the closing line
  int body_line = 1;  // 1-based file line of the first body line
};

// The file must start with a '---' line (a UTF-8 BOM is skipped) and the front
// matter ends at the next '---' (or '...') line. On failure adds one located
// error to `diagnostics` and returns nullopt.
std::optional<FrontMatter> split_front_matter(std::string_view text, const std::string& path,
                                              DiagnosticBag& diagnostics);

}  // namespace vetrina
