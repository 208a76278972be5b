#include "generator/admin/cms_settings.h"

#include "generator/content/yaml_reader.h"
#include "generator/util/i18n.h"

namespace vetrina {

namespace {

bool is_repo_name(const std::string& repo) {
  const auto slash = repo.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == repo.size() ||
      repo.find('/', slash + 1) != std::string::npos) {
    return false;
  }
  for (const char c : repo) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == '/';
    if (!ok) {
      return false;
    }
  }
  return true;
}

}  // namespace

CmsSettings decode_cms_settings(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  CmsSettings settings;
  settings.path = path;
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return settings;
  }
  MapReader reader(*root, source, diagnostics, "admin.yaml",
                   {"backend", "repo", "branch", "editorial_workflow", "auth_url", "auth_endpoint"});
  if (!reader.is_map()) {
    return settings;
  }
  if (auto backend = reader.text("backend", true)) {
    if (backend->value != "github" && backend->value != "git-gateway") {
      diagnostics.error(backend->location, tr("backend must be 'github' or 'git-gateway', not '{}'", backend->value));
    } else {
      settings.backend = backend->value;
    }
  }
  if (auto repo = reader.text("repo", settings.backend == "github")) {
    if (!is_repo_name(repo->value)) {
      diagnostics.error(repo->location,
                        tr("repo must name a GitHub repository as owner/name (for example indire/esperienze), not "
                           "'{}'",
                           repo->value));
    } else {
      settings.repo = repo->value;
    }
  }
  if (auto branch = reader.text("branch", false)) {
    if (branch->value.find_first_of(" \t:~^?*[\\") != std::string::npos) {
      diagnostics.error(branch->location, tr("'{}' is not a valid branch name", branch->value));
    } else {
      settings.branch = branch->value;
    }
  }
  if (auto workflow = reader.boolean("editorial_workflow")) {
    settings.editorial_workflow = workflow->value;
  }
  if (auto url = reader.text("auth_url", false)) {
    if (!url->value.starts_with("https://")) {
      diagnostics.error(url->location, _("auth_url must be an address starting with https://"));
    } else {
      settings.auth_url = url->value;
    }
  }
  if (auto endpoint = reader.text("auth_endpoint", false)) {
    settings.auth_endpoint = endpoint->value;
  }
  return settings;
}

std::optional<CmsSettings> load_cms_settings(const util::FileSystem& fs, const std::string& content_dir,
                                             DiagnosticBag& diagnostics) {
  const std::string path = util::join_path(content_dir, "admin.yaml");
  const util::FileLimits limits{content_dir, util::k_default_max_file_bytes};
  const util::FileCheck check = fs.check_file(path, limits);
  if (check.refusal == util::FileRefusal::missing) {
    return std::nullopt;
  }
  const auto text = fs.read_file(path, limits);
  if (!text) {
    diagnostics.error({path, 0, 0}, tr("admin.yaml cannot be read: {}", text.error()));
    return std::nullopt;
  }
  return decode_cms_settings(*text, path, diagnostics);
}

}  // namespace vetrina
