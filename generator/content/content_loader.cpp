#include "generator/content/content_loader.h"

#include "generator/content/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "generator/content/award_loader.h"
#include "generator/content/front_matter.h"
#include "generator/content/stats_loader.h"
#include "generator/model/awards.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "generator/util/safe_url.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

std::string last_component(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string value_or(const std::optional<Located<std::string>>& v, std::string fallback = {}) {
  return v ? v->value : std::move(fallback);
}

std::vector<MenuItem> decode_menu(MapReader& menus, const char* key, const YamlSource& source,
                                  DiagnosticBag& diagnostics) {
  std::vector<MenuItem> items;
  for (const auto& node : menus.map_list(key)) {
    MapReader item(node, source, diagnostics, std::string("menu item of '") + key + "'", {"label", "url"});
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

std::array<Taxonomy, k_taxonomy_count> decode_taxonomies(std::string_view text, const std::string& path,
                                                         DiagnosticBag& diagnostics) {
  std::array<Taxonomy, k_taxonomy_count> taxonomies;
  const auto& specs = taxonomy_specs();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < k_taxonomy_count; ++i) {
    taxonomies[i].id = specs[i].name;
    taxonomies[i].field = specs[i].field;
    taxonomies[i].label = taxonomies[i].plural = taxonomies[i].segment = taxonomies[i].param = specs[i].name;
    names.emplace_back(specs[i].name);
  }
  const YamlSource source{path, 1};
  const auto root = parse_yaml(text, source, diagnostics);
  if (!root) {
    return taxonomies;
  }
  MapReader reader(*root, source, diagnostics, "taxonomies.yaml", names);
  if (!reader.is_map()) {
    return taxonomies;
  }
  std::set<std::string> segments;
  for (std::size_t i = 0; i < k_taxonomy_count; ++i) {
    Taxonomy& tax = taxonomies[i];
    const bool required = i < 6;  // livello..paese are fixed by DESIGN.md; tema, metodo, strumento optional
    if (!reader.has(specs[i].name)) {
      if (required) {
        diagnostics.error({path, 1, 1},
                          tr("taxonomy '{}' is missing (it holds the values of '{}')", tax.id, tax.field));
      }
      continue;
    }
    MapReader t(reader.node(specs[i].name), source, diagnostics, "taxonomy '" + tax.id + "'",
                {"label", "plural", "description", "segment", "param", "terms"});
    tax.label = value_or(t.text("label", true), tax.label);
    tax.plural = value_or(t.text("plural", true), tax.plural);
    tax.description = value_or(t.text("description", false));
    for (const char* key : {"segment", "param"}) {
      if (auto v = t.text(key, false)) {
        if (!util::is_slug(v->value)) {
          diagnostics.error(v->location, tr("{} must be lowercase letters, digits and hyphens (try '{}')",
                                            std::string(key), util::slugify(v->value)));
        } else {
          (std::string_view(key) == "segment" ? tax.segment : tax.param) = v->value;
        }
      }
    }
    if (!segments.insert(tax.segment).second) {
      diagnostics.error(t.location_of("segment"), tr("segment '{}' is used by two taxonomies", tax.segment));
    }
    const auto terms = t.map_list("terms");
    if (terms.empty() && t.is_map()) {
      diagnostics.error(t.location(), tr("taxonomy '{}' needs a list of terms", tax.id));
    }
    for (const auto& node : terms) {
      MapReader term(node, source, diagnostics, "term of '" + tax.id + "'",
                     {"id", "label", "description", "aliases", "cities"});
      auto id = term.text("id", true);
      auto label = term.text("label", true);
      if (!id || !label) {
        continue;
      }
      if (!util::is_slug(id->value)) {
        diagnostics.error(id->location, tr("term id '{}' must be lowercase letters, digits and hyphens (try '{}')",
                                           id->value, util::slugify(id->value)));
        continue;
      }
      if (id->value.size() > k_max_id_bytes) {
        diagnostics.error(id->location, tr("term id of {} characters; the limit is {}: shorten it",
                                           std::to_string(id->value.size()), std::to_string(k_max_id_bytes)));
        continue;
      }
      if (tax.term_index.count(id->value) != 0) {
        diagnostics.error(id->location, tr("term '{}' appears twice in taxonomy '{}'", id->value, tax.id));
        continue;
      }
      if (specs[i].id == TaxonomyId::premio && std::none_of(award_terms().begin(), award_terms().end(),
                                                            [&](const Term& known) { return known.id == id->value; })) {
        std::string ids;
        for (const auto& known : award_terms()) {
          ids += (ids.empty() ? "" : ", ") + known.id;
        }
        diagnostics.error(id->location, tr("the terms of 'premio' come from the award files and are fixed: {}", ids));
        continue;
      }
      Term entry{id->value, label->value, value_or(term.text("description", false)), {}, {}};
      for (const auto& alias : term.text_list("aliases", 0)) {
        entry.aliases.push_back(alias.value);
      }
      if (term.has("cities")) {
        const YAML::Node cities = term.node("cities");
        if (specs[i].id != TaxonomyId::paese || !cities.IsMap()) {
          diagnostics.error(term.location_of("cities"),
                            _("'cities' belongs to the terms of 'paese' and maps a city's local name to its Italian "
                              "name (cities: {Sevilla: Siviglia})"));
        } else {
          for (const auto& city : cities) {
            entry.cities.emplace_back(scalar_text(city.first), scalar_text(city.second));
          }
        }
      }
      tax.term_index.emplace(id->value, tax.terms.size());
      tax.terms.push_back(std::move(entry));
    }
  }
  // "premio" is computed (awards.h): its terms exist even when the file does not list them.
  Taxonomy& awards = taxonomies[static_cast<std::size_t>(TaxonomyId::premio)];
  if (!reader.has("premio")) {
    awards.label = "Riconoscimento";
    awards.plural = "Riconoscimenti";
    awards.description = "Premi nazionali ed europei, menzioni speciali e Certificati di Qualità.";
  }
  for (const auto& term : award_terms()) {
    if (awards.find(term.id) == nullptr) {
      awards.term_index.emplace(term.id, awards.terms.size());
      awards.terms.push_back(term);
    }
  }
  return taxonomies;
}

namespace {

std::optional<ImageRef> decode_image(const YAML::Node& node, const YamlSource& source, DiagnosticBag& diagnostics,
                                     const std::string& what) {
  MapReader r(node, source, diagnostics, what, {"src", "alt", "credit", "minors", "consent"});
  if (!r.is_map()) {
    return std::nullopt;
  }
  ImageRef image;
  image.location = r.location();
  auto src = r.text("src", true);
  if (!src) {
    return std::nullopt;
  }
  image.src = *src;
  image.alt = value_or(r.text("alt", false));
  image.credit = value_or(r.text("credit", false));
  if (auto m = r.boolean("minors")) {
    image.minors = m->value;
  } else if (!r.has("minors")) {
    diagnostics.error(image.location,
                      tr("{} '{}' has no 'minors' field: write 'minors: true' if the photo shows pupils "
                         "(it then needs 'consent: true' too) or 'minors: false' if it does not; no "
                         "photo is published without this answer",
                         what, image.src.value));
  }
  if (auto c = r.boolean("consent")) {
    image.consent = c->value;
  }
  return image;
}

}  // namespace

namespace {

bool is_web_address(const std::string& text) {
  return util::starts_with(text, "https://") || util::starts_with(text, "http://");
}

// `sources:` is a list; each item is a web address, or {title, where} (a
// document and the page, slide or line) and/or {title, url}.
void decode_sources(MapReader& r, const YamlSource& source, DiagnosticBag& diagnostics, Story& story) {
  if (!r.has("sources")) {
    return;
  }
  story.sources_location = r.location_of("sources");
  const YAML::Node list = r.node("sources");
  if (!list.IsSequence()) {
    diagnostics.error(story.sources_location,
                      _("field 'sources' must be a list like [{title: \"...\", where: \"p. 12\"}, https://...]"));
    return;
  }
  int number = 0;
  for (const auto& item : list) {
    ++number;
    Source entry;
    entry.location = source.at(item);
    if (item.IsScalar()) {
      const std::string url(util::trim(item.Scalar()));
      if (!is_web_address(url)) {
        diagnostics.error(entry.location,
                          tr("source {} must be a web address (https://...) or {title: \"...\", where: \"p. 12\"}",
                             std::to_string(number)));
        continue;
      }
      entry.url = url;
      story.sources.push_back(std::move(entry));
      continue;
    }
    MapReader s(item, source, diagnostics, "source " + std::to_string(number), {"title", "where", "url"});
    if (!s.is_map()) {
      continue;
    }
    entry.title = value_or(s.text("title", true));
    entry.where = value_or(s.text("where", false));
    if (auto url = s.text("url", false)) {
      if (!is_web_address(url->value)) {
        diagnostics.error(url->location,
                          tr("url of source {} must start with https:// or http://", std::to_string(number)));
      }
      entry.url = url->value;
    }
    if (entry.where.empty() && entry.url.empty()) {
      diagnostics.error(entry.location, tr("source {} needs 'where' (the page, slide or line of the document) or 'url'",
                                           std::to_string(number)));
    }
    story.sources.push_back(std::move(entry));
  }
}

}  // namespace

std::optional<Story> decode_story(std::string_view text, const std::string& folder, DiagnosticBag& diagnostics) {
  Story story;
  story.folder = folder;
  story.source_path = util::join_path(folder, "index.md");
  story.slug = util::slugify(last_component(folder));
  story.slug_location = {story.source_path, 1, 1};
  const std::string& path = story.source_path;
  if (story.slug.empty()) {
    diagnostics.error(story.slug_location,
                      tr("the folder name '{}' gives an empty address: use letters or digits", last_component(folder)));
    return std::nullopt;
  }
  const std::string unified = util::lone_cr_to_lf(text);  // CR-only files: lines as the editor sees them
  auto fm = split_front_matter(unified, path, diagnostics);
  if (!fm) {
    return std::nullopt;
  }
  story.body = std::move(fm->body);
  story.body_line = fm->body_line;
  const YamlSource source{path, fm->yaml_line};
  const auto root = parse_yaml(fm->yaml, source, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  MapReader r(*root, source, diagnostics, "story",
              {"title",  "summary", "date",   "school_year", "project_type", "levels",   "competences",    "subjects",
               "themes", "methods", "tools",  "school",      "teachers",     "partners", "quality_labels", "twinspace",
               "cover",  "gallery", "videos", "interviews",  "draft",        "example",  "sources"});
  if (!r.is_map()) {
    return std::nullopt;
  }
  const Location whole = r.location();
  auto req = [&](const char* key) {
    auto v = r.text(key, true);
    return v ? *v : Located<std::string>{{}, whole};
  };
  story.title = req("title");
  story.summary = req("summary");
  decode_sources(r, source, diagnostics, story);
  // A story about a real project says only what its sources say: the school,
  // the school year and the project type may be left out when the sources do
  // not document them. Every other story needs them.
  const bool sourced = !story.sources.empty();
  auto req_unless_sourced = [&](const char* key) {
    auto v = r.text(key, !sourced);
    return v ? *v : Located<std::string>{{}, whole};
  };
  story.school_year = req_unless_sourced("school_year");
  story.project_type = req_unless_sourced("project_type");
  if (auto d = r.text("date", true)) {
    if (auto parsed = parse_date(d->value)) {
      story.date = {*parsed, d->location};
    } else {
      diagnostics.error(d->location,
                        tr("date '{}' is not a real date: write it as YYYY-MM-DD, e.g. 2019-05-10", d->value));
    }
  }
  if (auto draft = r.boolean("draft")) {
    story.draft = draft->value;
  }
  if (auto example = r.boolean("example")) {
    story.example = *example;
  }
  if (auto twinspace = r.text("twinspace", false)) {
    story.twinspace = *twinspace;
  }
  for (const auto& t : r.text_list("teachers", 0)) {
    story.teachers.push_back(t.value);
  }

  auto& terms = story.terms;
  auto slot = [&](TaxonomyId id) -> std::vector<Located<std::string>>& { return terms[static_cast<std::size_t>(id)]; };
  slot(TaxonomyId::livello) = r.text_list("levels", 1);
  slot(TaxonomyId::competenza) = r.text_list("competences", 1);
  slot(TaxonomyId::disciplina) = r.text_list("subjects", 1);
  slot(TaxonomyId::tema) = r.text_list("themes", 0);
  slot(TaxonomyId::metodo) = r.text_list("methods", 0);
  slot(TaxonomyId::strumento) = r.text_list("tools", 0);
  if (!story.project_type.value.empty()) {
    slot(TaxonomyId::tipo).push_back(story.project_type);
  }

  if (!r.has("school")) {
    if (!sourced) {
      diagnostics.error(
          whole, _("missing required field 'school' (write school: {name: \"...\", city: \"...\", region: ...})"));
    }
  } else {
    MapReader school(r.node("school"), source, diagnostics, "school", {"name", "city", "region"});
    if (school.is_map()) {
      story.school_name = value_or(school.text("name", true));
      story.city = value_or(school.text("city", true));
      if (auto region = school.text("region", true)) {
        story.region = *region;
        slot(TaxonomyId::regione).push_back(*region);
      }
    }
  }

  story.partners_location = r.location_of("partners");
  std::set<std::string> countries;
  int partner_number = 0;
  for (const auto& node : r.map_list("partners")) {
    ++partner_number;
    MapReader p(node, source, diagnostics, "partner " + std::to_string(partner_number), {"school", "city", "country"});
    Partner partner;
    partner.school = value_or(p.text("school", true));
    partner.city = value_or(p.text("city", false));
    if (auto country = p.text("country", true)) {
      partner.country = {util::to_lower_ascii(country->value), country->location};
      if (partner.country.value != "it" && countries.insert(partner.country.value).second) {
        slot(TaxonomyId::paese).push_back(partner.country);
      }
    }
    story.partners.push_back(std::move(partner));
  }

  if (r.has("quality_labels")) {
    story.quality_labels_location = r.location_of("quality_labels");
    MapReader ql(r.node("quality_labels"), source, diagnostics, "quality_labels", {"national", "european"});
    if (auto n = ql.integer("national", false)) {
      story.national_label = *n;
    }
    if (auto e = ql.integer("european", false)) {
      story.european_label = *e;
    }
  }

  if (r.has("cover")) {
    story.cover = decode_image(r.node("cover"), source, diagnostics, _("cover"));
  }
  int gallery_number = 0;
  for (const auto& node : r.map_list("gallery")) {
    if (auto image =
            decode_image(node, source, diagnostics, tr("gallery image {}", std::to_string(++gallery_number)))) {
      story.gallery.push_back(std::move(*image));
    }
  }
  int video_number = 0;
  for (const auto& node : r.map_list("videos")) {
    MapReader v(node, source, diagnostics, "video " + std::to_string(++video_number),
                {"youtube", "src", "poster", "title", "minors", "consent"});
    VideoRef video;
    video.location = v.location();
    video.youtube = value_or(v.text("youtube", false));
    video.src = value_or(v.text("src", false));
    video.poster = value_or(v.text("poster", false));
    video.title = value_or(v.text("title", true));
    if (auto minors = v.boolean("minors")) {
      video.minors = minors->value;
    } else if (!v.has("minors")) {
      diagnostics.error(video.location, tr("video {} has no 'minors' field: write 'minors: true' if the video or its "
                                           "poster shows pupils (it then needs 'consent: true' too) or 'minors: false' "
                                           "if it does not; no video is published without this answer",
                                           std::to_string(video_number)));
    }
    if (auto consent = v.boolean("consent")) {
      video.consent = consent->value;
    }
    if (video.youtube.empty() == video.src.empty()) {
      diagnostics.error(video.location,
                        _("a video needs exactly one of 'youtube' (the video id) or 'src' (a local .mp4 file)"));
    } else if (!video.youtube.empty()) {
      const bool id_like =
          video.youtube.size() == 11 && std::all_of(video.youtube.begin(), video.youtube.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
          });
      if (!id_like) {
        diagnostics.error(
            v.location_of("youtube"),
            tr("youtube must be the video's 11-character id (the part after 'v=' in its address), not '{}'",
               video.youtube));
      }
    }
    story.videos.push_back(std::move(video));
  }
  int interview_number = 0;
  for (const auto& node : r.map_list("interviews")) {
    MapReader v(node, source, diagnostics, "interview " + std::to_string(++interview_number),
                {"role", "name", "quote"});
    Interview interview;
    interview.location = v.location();
    if (auto role = v.text("role", true)) {
      static const std::vector<std::string> k_roles = {"docente", "dirigente", "alunno", "genitore"};
      if (std::find(k_roles.begin(), k_roles.end(), role->value) == k_roles.end()) {
        diagnostics.error(role->location,
                          tr("unknown interview role '{}': use docente, dirigente, alunno or genitore{}", role->value,
                             util::did_you_mean_suffix(role->value, k_roles)));
      }
      interview.role = role->value;
    }
    interview.name = value_or(v.text("name", false));  // optional: pupils may stay anonymous
    interview.quote = value_or(v.text("quote", true));
    story.interviews.push_back(std::move(interview));
  }
  // A story with decoding errors is still returned: its errors are reported,
  // and its slug keeps taking part in duplicate and link checks.
  return story;
}

std::optional<Page> decode_page(std::string_view text, const std::string& path, DiagnosticBag& diagnostics) {
  Page page;
  page.source_path = path;
  std::string stem = last_component(path);
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
  MapReader r(*root, source, diagnostics, "page", {"title", "description", "draft"});
  page.title = value_or(r.text("title", true));
  page.description = value_or(r.text("description", false));
  if (auto draft = r.boolean("draft")) {
    page.draft = draft->value;
  }
  return page;
}

std::optional<Story> load_story(const util::FileSystem& fs, const std::string& folder, StoryDecodeCache* cache,
                                DiagnosticBag& diagnostics, bool& failed, std::uint64_t max_bytes) {
  failed = false;
  const std::string index_path = util::join_path(folder, "index.md");
  std::string error;
  const util::FileLimits limits{folder, max_bytes};
  auto text = fs.read_file(index_path, limits, &error);
  if (!text) {
    const util::FileCheck check = fs.check_file(index_path, limits);
    if (check.refusal == util::FileRefusal::missing) {
      diagnostics.error({index_path, 0, 0}, tr("the story folder has no index.md ({})", error));
    } else {
      diagnostics.error(
          {index_path, 0, 0},
          tr("index.md cannot be read: {}{}", error,
             check.refusal == util::FileRefusal::too_large ? _(" (file_limits.max_text_bytes in site.yaml)") : ""));
      failed = true;
    }
    return std::nullopt;
  }
  if (cache != nullptr) {
    if (auto story = cache->find(folder, *text)) {
      return story;
    }
  }
  if (!util::is_valid_utf8(*text)) {
    int line = 1;
    std::size_t good = 0;
    while (good < text->size() && util::is_valid_utf8(std::string_view(*text).substr(0, good + 1))) {
      line += (*text)[good] == '\n' ? 1 : 0;
      ++good;
    }
    diagnostics.error({index_path, line, 1},
                      _("the file is not UTF-8 text: save it as UTF-8 (accented letters would show as \xEF\xBF\xBD)"));
    failed = true;
    return std::nullopt;
  }
  DiagnosticBag local;
  auto story = decode_story(*text, folder, local);
  failed = local.has_errors() || !story;
  if (cache != nullptr && story && local.sorted().empty()) {
    cache->store(folder, *text, *story);
  }
  diagnostics.merge(local);
  return story;
}

Site load_content(const util::FileSystem& fs, const std::string& content_dir, const LoadOptions& options,
                  DiagnosticBag& diagnostics) {
  Site site;
  site.content_dir = content_dir;
  if (!fs.is_directory(content_dir)) {
    diagnostics.error({content_dir, 0, 0}, _("content folder not found (give another with --content)"));
    return site;
  }
  // Every file of the content stays inside the content folder (symlinks included).
  auto read = [&](const std::string& path, bool required,
                  std::uint64_t max_bytes = util::k_default_max_file_bytes) -> std::optional<std::string> {
    std::string error;
    auto text = fs.read_file(path, {content_dir, max_bytes}, &error);
    if (!text && required) {
      diagnostics.error({path, 0, 0}, error == _("no such file")
                                          ? tr("{} (every site needs it: see docs/content-format.md)", error)
                                          : tr("cannot read file: {}", error));
    }
    return text;
  };
  const std::string site_path = util::join_path(content_dir, "site.yaml");
  if (auto text = read(site_path, true)) {
    site.config = decode_site_config(*text, site_path, diagnostics);
  }
  const std::string tax_path = util::join_path(content_dir, "taxonomies.yaml");
  if (auto text = read(tax_path, true)) {
    site.taxonomies = decode_taxonomies(*text, tax_path, diagnostics);
  } else {
    site.taxonomies = decode_taxonomies("", tax_path, diagnostics);
  }

  if (options.config_only) {
    return site;
  }
  site.stats = load_stats(fs, content_dir, diagnostics);
  // Stories: one folder each, parsed in parallel into fixed slots.
  const std::string stories_dir = util::join_path(content_dir, "stories");
  std::vector<std::string> folders;
  for (const auto& entry : fs.list_directory(stories_dir)) {
    if (entry.name.starts_with(".")) {
      continue;
    }
    const std::string path = util::join_path(stories_dir, entry.name);
    if (!entry.is_directory) {
      if (entry.name.ends_with(".md") && entry.name != "README.md") {
        diagnostics.error({path, 0, 0},
                          tr("a story must be a folder with an index.md inside: move this file to {}/index.md",
                             util::join_path(stories_dir, util::slugify(entry.name.substr(0, entry.name.size() - 3)))));
      }
      continue;
    }
    if (!fs.is_within(path, stories_dir)) {
      diagnostics.error({path, 0, 0}, tr("the story folder is a symbolic link leading outside {}: move the story "
                                         "itself into {}",
                                         stories_dir, stories_dir));
      site.broken_slugs.push_back(util::slugify(entry.name));
      continue;
    }
    folders.push_back(path);
  }
  std::vector<std::optional<Story>> loaded(folders.size());
  std::vector<char> failed(folders.size(), 0);
  util::parallel_for(folders.size(), options.jobs, [&](std::size_t i) {
    bool story_failed = false;
    loaded[i] =
        load_story(fs, folders[i], options.cache, diagnostics, story_failed, site.config.file_limits.max_text_bytes);
    failed[i] = story_failed ? 1 : 0;
  });
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    auto& story = loaded[i];
    if (failed[i]) {
      site.broken_slugs.push_back(util::slugify(last_component(folders[i])));
    }
    if (story && (!story->draft || options.include_drafts)) {
      site.stories.push_back(std::move(*story));
    } else if (story && !failed[i]) {
      site.draft_slugs.push_back(story->slug);
    }
  }

  const std::string pages_dir = util::join_path(content_dir, "pages");
  for (const auto& entry : fs.list_directory(pages_dir)) {
    if (entry.is_directory || !entry.name.ends_with(".md") || entry.name.starts_with(".")) {
      continue;
    }
    const std::string path = util::join_path(pages_dir, entry.name);
    if (auto text = read(path, true, site.config.file_limits.max_text_bytes)) {
      if (auto page = decode_page(*text, path, diagnostics); page && (!page->draft || options.include_drafts)) {
        site.pages.push_back(std::move(*page));
      }
    }
  }
  load_awards_and_events(fs, content_dir, site, diagnostics);
  attach_awards(site);
  site.index();
  return site;
}

}  // namespace vetrina
