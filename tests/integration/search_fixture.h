#pragma once
// The real content/ loaded and indexed into temporary folders, shared by the
// search integration tests. Each fixture removes its folders when destroyed.

#include <filesystem>
#include <string>

#include "generator/content/content_loader.h"
#include "generator/render/markdown_pass.h"
#include "generator/render/renderer.h"
#include "search/index/indexer.h"

namespace vetrina::testing {

// A unique empty folder under the system temp dir, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vetrina-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }
  std::string sub(const std::string& name) const { return m_path + "/" + name; }

 private:
  std::string m_path;
};

// The real site, loaded and with bodies rendered (as a build does).
inline Site load_real_site() {
  const util::DiskFileSystem fs;
  DiagnosticBag diagnostics;
  LoadOptions options;
  Site site = load_content(fs, std::string(VETRINA_SOURCE_DIR) + "/content", options, diagnostics);
  render_bodies(site, fs, 2, diagnostics);
  if (diagnostics.has_errors()) {
    throw std::runtime_error("the real content has errors: run 'vetrina check'");
  }
  return site;
}

// A copy of `site` keeping the stories whose position satisfies `keep`.
template <typename Keep>
Site subset(const Site& site, Keep keep) {
  Site part;
  part.config = site.config;
  part.taxonomies = site.taxonomies;
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    if (keep(i)) {
      part.stories.push_back(site.stories[i]);
    }
  }
  part.index();
  return part;
}

}  // namespace vetrina::testing
