#pragma once
// The editors' web interface at /admin/ (Decap CMS, docs/cms.md): a page
// that is never indexed (noindex, not in the sitemap), the config.yml of
// cms_config.h, and Decap's script with the chunks it loads later, served by
// the site itself (never from a CDN): every file of the theme's admin/
// folder, where `npm run cms-assets` copies them from npm. A site without
// content/admin.yaml has no /admin/.
// Functions of their inputs; thread-compatible.

#include <optional>
#include <string>

#include "generator/admin/cms_settings.h"
#include "generator/model/site.h"
#include "generator/output/output_writer.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Decap's main script: theme_dir/admin/decap-cms.js.
std::string decap_script_path(const std::string& theme_dir);

// The HTML of /admin/: loads config.yml and decap-cms.js from its own
// folder, tells robots not to index it.
std::string admin_page_html(const Site& site);

// The checks of `vetrina check` and `vetrina build`: content/admin.yaml's
// errors, and a warning at its first line when the theme has no script.
// nullopt without admin.yaml.
std::optional<CmsSettings> check_admin(const util::FileSystem& fs, const std::string& content_dir,
                                       const std::string& theme_dir, DiagnosticBag& diagnostics);

// Writes admin/index.html, admin/config.yml and every file of
// theme_dir/admin/ (Decap's script and chunks) into `out` when
// content/admin.yaml exists and has no error (check_admin reported them).
// Throws std::runtime_error when `out` cannot write.
void write_admin(const Site& site, const util::FileSystem& fs, const std::string& theme_dir, OutputSink& out);

}  // namespace vetrina
