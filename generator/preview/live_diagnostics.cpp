#include "generator/preview/live_diagnostics.h"

namespace vetrina {

void LiveDiagnostics::forget(const std::string& folder) {
  for (auto* group : {&decode, &body, &media, &checks}) {
    group->erase(folder);
  }
}

void LiveDiagnostics::add_to(DiagnosticBag& bag) const {
  auto add = [&bag](const std::vector<Diagnostic>& diagnostics) {
    for (const auto& diagnostic : diagnostics) {
      bag.add(diagnostic);
    }
  };
  add(fixed);
  for (const auto* group : {&decode, &body, &media, &checks}) {
    for (const auto& [folder, diagnostics] : *group) {
      add(diagnostics);
    }
  }
  add(pages);
  add(menus);
}

void split_by_story(const std::vector<Diagnostic>& all, const std::string& stories_dir, DiagnosticsByFolder& by_folder,
                    std::vector<Diagnostic>& rest) {
  for (const auto& diagnostic : all) {
    const std::string& path = diagnostic.location.path;
    // "<stories_dir>/<folder>/...": the folder is up to the second slash.
    const bool inside = path.size() > stories_dir.size() + 1 && path.compare(0, stories_dir.size(), stories_dir) == 0 &&
                        path[stories_dir.size()] == '/';
    const auto slash = inside ? path.find('/', stories_dir.size() + 1) : std::string::npos;
    if (slash != std::string::npos) {
      by_folder[path.substr(0, slash)].push_back(diagnostic);
    } else {
      rest.push_back(diagnostic);
    }
  }
}

void replace_folder(DiagnosticsByFolder& group, const std::string& folder, const DiagnosticsByFolder& by_folder) {
  group.erase(folder);
  if (const auto it = by_folder.find(folder); it != by_folder.end()) {
    group[folder] = it->second;
  }
}

}  // namespace vetrina
