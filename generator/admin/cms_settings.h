#pragma once
// The settings of the editors' web interface (/admin/, Decap CMS), read from
// content/admin.yaml: which Git host the CMS saves to in production and how.
// The file is optional: without it the site has no /admin/. Errors are
// located diagnostics, like every content file. Pure functions of their
// input; thread-compatible.

#include <optional>
#include <string>
#include <string_view>

#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// content/admin.yaml (docs/cms.md). Every field documents its default.
struct CmsSettings {
  std::string path;                // the file the settings come from (messages)
  std::string backend = "github";  // "github" or "git-gateway"
  std::string repo;                // "owner/name"; required by the github backend
  std::string branch = "main";     // the branch edits go to (through pull requests)
  bool editorial_workflow = true;  // each edit is a pull request, merged after CI
  std::string auth_url;            // github: the OAuth service (Decap's base_url); default Decap's own
  std::string auth_endpoint;       // github: its path (Decap's auth_endpoint); default Decap's own
};

// The settings in `text` (the contents of `path`); errors go to `diagnostics`
// with their line, and the defaults stand in for what is missing or wrong.
CmsSettings decode_cms_settings(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);

// content_dir/admin.yaml decoded, or nullopt when the file does not exist
// (no /admin/). A file that exists but cannot be read is an error.
std::optional<CmsSettings> load_cms_settings(const util::FileSystem& fs, const std::string& content_dir,
                                             DiagnosticBag& diagnostics);

}  // namespace vetrina
