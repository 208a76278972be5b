#include "generator/content/page_decoder.h"

#include "generator/content/front_matter.h"
#include "generator/content/yaml_reader.h"
#include "generator/util/file_system.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

std::optional<Page> decode_page(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  Page page;
  page.source_path = path;
  std::string stem = util::last_component(path);
  if (stem.ends_with(".md")) {
    stem.resize(stem.size() - 3);
  }
  page.slug = util::slugify(stem);
  page.slug_location = {path, 1, 1};
  if (page.slug.empty()) {
    diagnostics.error(page.slug_location, tr("the file name '{}' gives an empty address: use letters or digits", stem));
    return std::nullopt;
  }
  const std::string unified = util::lone_cr_to_lf(text);
  auto fm = split_front_matter(unified, path, diagnostics);
  if (!fm) {
    return std::nullopt;
  }
  page.body = std::move(fm->body);
  page.body_line = fm->body_line;
  const YamlSource source{path, fm->yaml_line};
  const auto root = parse_yaml(fm->yaml, source, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  MapReader r(*root, source, diagnostics, _("page"), {"title", "description", "draft"});
  page.title = value_or(r.text("title", true));
  page.description = value_or(r.text("description", false));
  if (auto draft = r.boolean("draft")) {
    page.draft = draft->value;
  }
  return page;
}

}  // namespace vetrina
