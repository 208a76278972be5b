#pragma once
// The diagnostics the live preview keeps between updates, grouped by where
// they come from, so that an edit recomputes only its own: what a story's
// files gave (decoding, its body, its photos, validate_story) is kept per
// story folder and replaced when that story is read again; the rest (site
// files, theme, plain pages, menus) is replaced by the step that makes it.
// Plain data owned by LiveSite; not thread-safe (one thread applies changes).

#include <map>
#include <string>
#include <vector>

#include "generator/util/diagnostics.h"

namespace vetrina {

// Diagnostics by story folder ("content/stories/a").
using DiagnosticsByFolder = std::map<std::string, std::vector<Diagnostic>>;

struct LiveDiagnostics {
  std::vector<Diagnostic> fixed;  // site.yaml, taxonomies, awards, pages, theme: from the last full reload
  DiagnosticsByFolder decode;     // story folder -> diagnostics
  DiagnosticsByFolder body;
  DiagnosticsByFolder media;
  DiagnosticsByFolder checks;     // validate_story
  std::vector<Diagnostic> pages;  // bodies of plain pages (rendered on every update)
  std::vector<Diagnostic> menus;  // menu links: again whenever the page plan changes

  // Drops what a story folder's own files gave (it is read again or gone).
  void forget(const std::string& folder);
  // Adds every kept diagnostic to `bag`.
  void add_to(DiagnosticBag& bag) const;
};

// Splits diagnostics into those of story folders (by folder: the path up to
// the second '/' after `stories_dir`) and the rest.
void split_by_story(const std::vector<Diagnostic>& all, const std::string& stories_dir, DiagnosticsByFolder& by_folder,
                    std::vector<Diagnostic>& rest);

// Replaces the diagnostics of `folder` in `group` by those `by_folder` has for it.
void replace_folder(DiagnosticsByFolder& group, const std::string& folder, const DiagnosticsByFolder& by_folder);

}  // namespace vetrina
