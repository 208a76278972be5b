#pragma once
// Decodes a plain page, content/pages/<name>.md (front matter: title,
// description, draft; then Markdown). Problems become located diagnostics.
// Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// The slug comes from the file name of `path`; nullopt when it is empty or
// the front matter cannot be read.
std::optional<Page> decode_page(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);

}  // namespace vetrina
