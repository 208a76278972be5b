#pragma once
// A theme folder (themes/<name>/): Mustache templates in templates/, their
// partials in templates/partials/, and static files in static/ copied to the
// output as they are (stylesheets minified: css_minifier.h), and fonts/cover.ttf draws generated covers. Partials are
// inlined once at load ({{> name}} replaced by the partial's text, recursively), so each page template is parsed once
// per worker thread and never again while rendering. Theme is immutable after load; TemplateSet (the parsed templates)
// is per thread: kainjow's renderer is not safe to share between threads.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_mustache;
}

namespace vetrina {

struct StaticFile {
  std::string path;  // relative to the output root, e.g. "assets/style.css"
  std::string content;
};

class Theme {
 public:
  // Loads every template the generator needs (`required`), inlines partials
  // and checks that each parses. Errors are located at the theme file.
  static std::optional<Theme> load(const util::FileSystem& fs, const std::string& dir,
                                   const std::vector<std::string>& required, DiagnosticBag& diagnostics);

  const std::string& source(const std::string& name) const { return m_sources.at(name); }
  const std::vector<StaticFile>& static_files() const { return m_static_files; }
  // A short content hash of a static file, for cache-busting URLs ("" if absent).
  std::string fingerprint(const std::string& path) const;
  const std::map<std::string, std::string>& sources() const { return m_sources; }
  // The TrueType font of generated story covers (fonts/cover.ttf in the
  // theme folder), or "" when the theme has none: then stories without a
  // photo get no picture.
  const std::string& cover_font() const { return m_cover_font; }

 private:
  std::map<std::string, std::string> m_sources;  // template name -> text with partials inlined
  std::vector<StaticFile> m_static_files;
  std::string m_cover_font;
};

// The partial every list of stories renders its cards with, on its own,
// once per story (views.h Views::card_html): a required template of every
// theme, which no other template may include.
inline constexpr const char* k_card_template = "partials/card";

// The theme's templates parsed once, for use by one thread.
class TemplateSet {
 public:
  explicit TemplateSet(const Theme& theme);
  ~TemplateSet();
  TemplateSet(const TemplateSet&) = delete;
  TemplateSet& operator=(const TemplateSet&) = delete;
  kainjow::mustache::basic_mustache<std::string>& get(const std::string& name);

 private:
  std::map<std::string, std::unique_ptr<kainjow::mustache::basic_mustache<std::string>>> m_templates;
};

}  // namespace vetrina
