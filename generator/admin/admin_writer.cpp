#include "generator/admin/admin_writer.h"

#include "generator/admin/cms_config.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// Decap's main script is about 3 MB; the limit leaves room for new versions.
constexpr std::uint64_t k_max_script_bytes = 64ULL * 1024 * 1024;

util::FileLimits script_limits(const std::string& theme_dir) {
  return util::FileLimits{theme_dir, k_max_script_bytes};
}

}  // namespace

std::string decap_script_path(const std::string& theme_dir) {
  return util::join_path(util::join_path(theme_dir, "admin"), "decap-cms.js");
}

std::string admin_page_html(const Site& site) {
  std::string html;
  html += "<!DOCTYPE html>\n";
  html += "<html lang=\"it\">\n";
  html += "<head>\n";
  html += "<meta charset=\"utf-8\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"robots\" content=\"noindex, nofollow\">\n";
  html += "<title>Redazione - " + util::html_escape(site.config.title) + "</title>\n";
  html += "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n";  // the theme's
  html += "<link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n";
  html += "</head>\n";
  html += "<body>\n";
  html += "<noscript>La redazione dal browser ha bisogno di JavaScript.</noscript>\n";
  html += "<script src=\"decap-cms.js\"></script>\n";
  html += "</body>\n";
  html += "</html>\n";
  return html;
}

std::optional<CmsSettings> check_admin(const util::FileSystem& fs, const std::string& content_dir,
                                       const std::string& theme_dir, DiagnosticBag& diagnostics) {
  auto settings = load_cms_settings(fs, content_dir, diagnostics);
  if (settings && !fs.check_file(decap_script_path(theme_dir), script_limits(theme_dir)).ok()) {
    diagnostics.warning(
        {settings->path, 1, 1},
        tr("/admin/ has no {}: run 'npm ci' and 'npm run cms-assets' at the repository's root (docs/cms.md)",
           decap_script_path(theme_dir)));
  }
  return settings;
}

void write_admin(const Site& site, const util::FileSystem& fs, const std::string& theme_dir, OutputSink& out) {
  DiagnosticBag reported;  // check_admin has reported these already
  const auto settings = load_cms_settings(fs, site.content_dir, reported);
  if (!settings || reported.has_errors()) {
    return;
  }
  out.write("admin/index.html", admin_page_html(site));
  out.write("admin/config.yml", cms_config_yaml(site, *settings));
  const std::string folder = util::join_path(theme_dir, "admin");
  for (const auto& entry : fs.list_directory(folder)) {
    if (entry.is_directory || entry.name == "index.html" || entry.name == "config.yml") {
      continue;
    }
    if (const auto file = fs.read_file(util::join_path(folder, entry.name), script_limits(theme_dir))) {
      out.write("admin/" + entry.name, *file);
    }
  }
}

}  // namespace vetrina
