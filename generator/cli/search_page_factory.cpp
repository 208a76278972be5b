#include "generator/cli/search_page_factory.h"

#include <stdexcept>
#include <utility>

#include "generator/content/content_loader.h"
#include "generator/render/renderer.h"
#include "generator/render/search_page.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina::cli {

search::SearchPageFactory search_page_factory(std::string content_dir, std::string theme_dir) {
  return [content_dir = std::move(content_dir),
          theme_dir = std::move(theme_dir)]() -> std::shared_ptr<const search::SearchPageRenderer> {
    const util::DiskFileSystem fs;
    DiagnosticBag diagnostics;
    LoadOptions options;
    options.config_only = true;
    Site site = load_content(fs, content_dir, options, diagnostics);
    std::optional<Theme> theme = Theme::load(fs, theme_dir, required_templates(), diagnostics);
    if (diagnostics.has_errors() || !theme) {
      throw std::runtime_error("cannot prepare the search page:\n" +
                               format_all(diagnostics.sorted(), DiagnosticFormat::text, &fs, false));
    }
    return std::make_shared<const search::SearchPage>(std::move(site), std::move(*theme));
  };
}

}  // namespace vetrina::cli
