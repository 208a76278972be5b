#include "generator/content/site_config_decoder.h"

#include <algorithm>
#include <charconv>

#include "generator/content/yaml_reader.h"
#include "generator/util/i18n.h"
#include "generator/util/safe_url.h"

namespace vetrina {

namespace {

std::vector<MenuItem> decode_menu(MapReader& menus, const char* key, const YamlSource& source,
                                  DiagnosticBag& diagnostics) {
  std::vector<MenuItem> items;
  int number = 0;
  for (const auto& node : menus.map_list(key)) {
    MapReader item(node, source, diagnostics, tr("item {} of menu '{}'", std::to_string(++number), key),
                   {"label", "url"});
    auto label = item.text("label", true);
    auto url = item.text("url", true);
    if (url && is_unsafe_url(url->value)) {
      diagnostics.error(url->location, tr("menu link '{}...' cannot be published: addresses starting with "
                                          "javascript:, vbscript:, file: or data: are removed for the visitors' "
                                          "safety; use an https:// address or an address of the site",
                                          url->value.substr(0, url->value.find(':') + 1)));
    } else if (label && url) {
      items.push_back({label->value, url->value, url->location});
    }
  }
  return items;
}

}  // namespace

SiteConfig decode_site_config(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  SiteConfig config;
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return config;
  }
  MapReader reader(*root, source, diagnostics, "site.yaml",
                   {"title", "description", "intro", "base_url", "language", "publisher", "per_page", "feed_items",
                    "image_widths", "image_limits", "file_limits", "menus", "featured", "contact_email"});
  config.title = value_or(reader.text("title", true));
  config.description = value_or(reader.text("description", true));
  config.intro = value_or(reader.text("intro", false));
  config.publisher = value_or(reader.text("publisher", true));
  if (auto email = reader.text("contact_email", false)) {
    const auto at = email->value.find('@');
    if (at == std::string::npos || at == 0 || email->value.find('.', at) == std::string::npos ||
        email->value.find_first_of(" <>\"") != std::string::npos) {
      diagnostics.error(email->location, _("contact_email must be an e-mail address such as etwinning@indire.it"));
    } else {
      config.contact_email = email->value;
    }
  }
  config.language = value_or(reader.text("language", false), config.language);
  if (auto base = reader.text("base_url", true)) {
    std::string url = base->value;
    while (url.ends_with('/')) {
      url.pop_back();
    }
    if (!url.starts_with("https://") && !url.starts_with("http://")) {
      diagnostics.error(base->location, _("base_url must be an absolute address starting with https://"));
    }
    config.base_url = url;
  }
  auto bounded = [&](const char* key, int& field, int lo, int hi) {
    if (auto v = reader.integer(key, false)) {
      if (v->value < lo || v->value > hi) {
        diagnostics.error(v->location,
                          tr("{} must be between {} and {}", std::string(key), std::to_string(lo), std::to_string(hi)));
      } else {
        field = static_cast<int>(v->value);
      }
    }
  };
  bounded("per_page", config.per_page, 1, 100);
  bounded("feed_items", config.feed_items, 1, 1000);
  if (reader.has("image_widths")) {
    std::vector<int> widths;
    for (const auto& w : reader.text_list("image_widths", 1)) {
      int value = 0;
      const auto [ptr, ec] = std::from_chars(w.value.data(), w.value.data() + w.value.size(), value);
      if (ec != std::errc() || ptr != w.value.data() + w.value.size() || value < 16 || value > 8000) {
        diagnostics.error(w.location,
                          tr("image width must be a number of pixels between 16 and 8000, not '{}'", w.value));
        continue;
      }
      widths.push_back(value);
    }
    std::sort(widths.begin(), widths.end());
    widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
    if (!widths.empty()) {
      config.image_widths = widths;
    }
  }
  if (reader.has("image_limits")) {
    MapReader limits(reader.node("image_limits"), source, diagnostics, "image_limits", {"max_bytes", "max_pixels"});
    if (auto v = limits.integer("max_bytes", false)) {
      if (v->value < 1024 || v->value > 200LL * 1024 * 1024) {
        diagnostics.error(v->location, _("max_bytes must be between 1024 and 209715200 (200 MB)"));
      } else {
        config.image_limits.max_bytes = static_cast<std::uint64_t>(v->value);
      }
    }
    if (auto v = limits.integer("max_pixels", false)) {
      if (v->value < 10000 || v->value > 400'000'000LL) {
        diagnostics.error(v->location, _("max_pixels must be between 10000 and 400000000"));
      } else {
        config.image_limits.max_pixels = static_cast<std::uint64_t>(v->value);
      }
    }
  }
  if (reader.has("file_limits")) {
    MapReader limits(reader.node("file_limits"), source, diagnostics, "file_limits",
                     {"max_text_bytes", "max_file_bytes"});
    auto bytes = [&](const char* key, std::uint64_t& field, long long hi, const char* readable) {
      if (auto v = limits.integer(key, false)) {
        if (v->value < 1024 || v->value > hi) {
          diagnostics.error(v->location,
                            tr("{} must be between 1024 and {} ({})", std::string(key), std::to_string(hi), readable));
        } else {
          field = static_cast<std::uint64_t>(v->value);
        }
      }
    };
    bytes("max_text_bytes", config.file_limits.max_text_bytes, 64LL * 1024 * 1024, "64 MB");
    bytes("max_file_bytes", config.file_limits.max_file_bytes, 4LL * 1024 * 1024 * 1024, "4 GB");
  }
  config.featured = reader.text_list("featured", 0);
  if (reader.has("menus")) {
    MapReader menus(reader.node("menus"), source, diagnostics, "menus", {"main", "footer"});
    config.main_menu = decode_menu(menus, "main", source, diagnostics);
    config.footer_menu = decode_menu(menus, "footer", source, diagnostics);
  }
  return config;
}

}  // namespace vetrina
