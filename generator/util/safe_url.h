#pragma once
// The one check every address from content or configuration goes through
// before it reaches a page (links in story bodies, site.yaml menus): whether
// a browser would run it as script or open a local file. The scheme is read
// as a browser reads it (WHATWG URL: leading control characters and spaces
// dropped, tabs and newlines removed anywhere, case ignored), so
// "  JaVa\tScRipt:alert(1)" is caught like "javascript:alert(1)".
// Pure functions, thread-safe.

#include <string>
#include <string_view>

namespace vetrina {

// The scheme of `url` as a browser reads it, lowercased ("https", "mailto"),
// or "" for a relative address ("/chi-siamo/", "relazione.pdf", "#top").
std::string url_scheme(std::string_view url);

// Whether `url` must not be published: its scheme is javascript:, vbscript:,
// file: or data: (the schemes cmark-gfm's safe mode removes from bodies).
bool is_unsafe_url(std::string_view url);

}  // namespace vetrina
