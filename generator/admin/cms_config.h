#pragma once
// The configuration of Decap CMS (/admin/config.yml): the story and page
// collections with one form field per front matter field of
// docs/content-format.md, taxonomy fields as select lists whose options are
// the ids of content/taxonomies.yaml with their Italian labels (a new term
// appears in the CMS with the next build, and an editor cannot mistype an
// id), the backend of content/admin.yaml, and the local backend of
// `npx decap-server`. The form's words are the site's language (Italian),
// like the theme's, whatever language the tool speaks. Pure; thread-safe.

#include <string>

#include "generator/admin/cms_settings.h"
#include "generator/model/site.h"

namespace vetrina {

// The text of config.yml for `site` (its taxonomies and base_url) and the
// settings of admin.yaml. Deterministic: the same inputs give the same bytes.
std::string cms_config_yaml(const Site& site, const CmsSettings& settings);

}  // namespace vetrina
