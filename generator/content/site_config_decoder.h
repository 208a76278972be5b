#pragma once
// Decodes content/site.yaml into a SiteConfig (DESIGN.md "Content"): every
// field with its documented default, bounds checked, menus with their
// links' locations. Problems become located diagnostics; decoding goes on.
// Pure; thread-safe.

#include <string>
#include <string_view>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// `path` names the file in diagnostics ("content/site.yaml"). Fields in
// error keep their defaults.
SiteConfig decode_site_config(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);

}  // namespace vetrina
