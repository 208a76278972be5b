#pragma once
// Decodes one story's index.md (front matter and Markdown body, DESIGN.md
// "Content") into a Story: every field with its location, the taxonomy
// terms it names, photos, videos, interviews and sources. Problems (YAML
// syntax, unknown keys with "did you mean", wrong types, impossible dates)
// become located diagnostics; decoding goes on. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// `folder` is the story's folder path; its last component gives the slug.
// nullopt only when there is no story to speak of (an empty slug, a front
// matter that cannot be read); a story with errors is returned, so its
// slug keeps taking part in duplicate and link checks.
std::optional<Story> decode_story(std::string_view text, const std::string& folder, DiagnosticBag& diagnostics);

}  // namespace vetrina
