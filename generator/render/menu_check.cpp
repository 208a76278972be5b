#include "generator/render/menu_check.h"

#include <set>
#include <string>
#include <vector>

#include "generator/render/renderer.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

void check_menu_links(const Site& site, DiagnosticBag& diagnostics) {
  const std::vector<std::string> urls = site_urls(site);
  const std::set<std::string> known(urls.begin(), urls.end());
  for (const auto* menu : {&site.config.main_menu, &site.config.footer_menu}) {
    for (const auto& item : *menu) {
      if (item.url.empty() || item.url[0] != '/' || util::starts_with(item.url, "//")) {
        continue;  // external addresses are the editor's to choose
      }
      const std::string path = item.url.substr(0, item.url.find_first_of("?#"));  // without fragment or query
      if (known.count(path) == 0) {
        diagnostics.error(item.location, tr("menu link '{}' points to no page of the site{}", item.url,
                                            util::did_you_mean_suffix(path, urls)));
      }
    }
  }
}

}  // namespace vetrina
