#pragma once
// Shared fixtures of the check suites (validator, term_rules, media_rules):
// load a site from memory, validate it, and compare every diagnostic as
// text; a table runner for cases of one story. Header-only; not a test
// suite of its own.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "generator/check/validator.h"
#include "generator/content/content_loader.h"
#include "tests/unit/test_support.h"

namespace vetrina::test {

inline const std::string k_story_folder = "content/stories/holidays-in-a-box";
inline const std::string k_p = k_story_folder + "/index.md:";

// Loads and validates `fs` ("content"); every diagnostic of both steps.
inline std::string check(const util::MemoryFileSystem& fs) {
  DiagnosticBag diagnostics;
  const Site site = load_content(fs, "content", {}, diagnostics);
  validate_site(site, fs, diagnostics);
  return diagnostics_text(diagnostics);
}

// The tiny site with one story (and two photos beside it).
inline std::string check_story(const StoryText& story) {
  auto fs = tiny_site();
  fs.add_file(k_story_folder + "/cover.jpg", "jpg");
  fs.add_file(k_story_folder + "/a.jpg", "jpg");
  add_story(fs, "holidays-in-a-box", story);
  return check(fs);
}

struct Case {
  std::string name;
  StoryText story;
  std::string expected;
};

inline void run(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(check_story(c.story) == c.expected);
  }
}

}  // namespace vetrina::test
