#include "generator/check/validator.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "generator/check/award_rules.h"
#include "generator/check/media_rules.h"
#include "generator/check/term_rules.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"

namespace vetrina {

const std::vector<std::string>& reserved_page_slugs() {
  static const std::vector<std::string> k_reserved = {"esperienze", "premi", "numeri", "eventi",   "cerca",
                                                      "media",      "api",   "assets", "feed.xml", "sitemap.xml"};
  return k_reserved;
}

const ScaffoldPlaceholders& scaffold_placeholders() {
  static const ScaffoldPlaceholders k_placeholders{
      "Da scrivere: in due o tre frasi, che cosa hanno fatto le classi e che cosa hanno imparato.",
      "Nome della scuola",
      "Città",
      "Nome Cognome",
      "Scuola partner",
      "Città partner",
      {"Un paragrafo di introduzione: dove, chi, perché.", "Primo obiettivo", "Secondo obiettivo",
       "Che cosa hanno fatto le classi, in ordine.", "Che cosa è rimasto: prodotti, competenze, ricadute sulla scuola.",
       "Come hanno lavorato: gruppi, strumenti, valutazione."}};
  return k_placeholders;
}

namespace {

constexpr int k_first_etwinning_year = 2005;

// A story about to be published that still holds the text `vetrina new`
// wrote: one error per field, at the field (or the body line).
void check_placeholders(const Story& story, DiagnosticBag& diagnostics) {
  if (story.draft) {
    return;
  }
  const auto& p = scaffold_placeholders();
  const Location file{story.source_path, 0, 0};
  auto refuse = [&](const Location& where, const std::string& field) {
    diagnostics.error(where, tr("'{}' still holds the example text of 'vetrina new': write the real text, or keep "
                                "'draft: true' until the story is ready",
                                field));
  };
  if (story.summary.value == p.summary) {
    refuse(story.summary.location, "summary");
  }
  if (story.school_name == p.school || story.city == p.city) {
    refuse(story.school_location.path.empty() ? file : story.school_location, "school");
  }
  for (const auto& teacher : story.teachers) {
    if (teacher == p.teacher) {
      refuse(story.teachers_location.path.empty() ? file : story.teachers_location, "teachers");
      break;
    }
  }
  for (const auto& partner : story.partners) {
    if (partner.school == p.partner || partner.city == p.partner_city) {
      refuse(story.partners_location.path.empty() ? file : story.partners_location, "partners");
      break;
    }
  }
  const std::string body = story.body.str();
  const auto lines = util::split_lines(body);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = util::trim(lines[i]);
    if (line.starts_with("- ")) {
      line.remove_prefix(2);
    }
    for (const char* placeholder : p.body_lines) {
      if (line == placeholder) {
        diagnostics.error({story.source_path, story.body_line + static_cast<int>(i), 1},
                          _("this line of the text is still the example of 'vetrina new': replace it with the story, "
                            "or keep 'draft: true' until the story is ready"));
        return;
      }
    }
  }
}
constexpr std::size_t k_summary_limit = 300;

void check_school_year(const Story& story, DiagnosticBag& diagnostics) {
  const std::string& sy = story.school_year.value;
  if (sy.empty()) {
    return;
  }
  auto year = [](std::string_view s) {
    int y = 0;
    for (const char c : s) {
      if (c < '0' || c > '9') {
        return -1;
      }
      y = y * 10 + (c - '0');
    }
    return y;
  };
  const bool shaped = sy.size() == 9 && sy[4] == '/';
  const int first = shaped ? year(std::string_view(sy).substr(0, 4)) : -1;
  const int second = shaped ? year(std::string_view(sy).substr(5, 4)) : -1;
  if (first < 0 || second < 0) {
    diagnostics.error(story.school_year.location,
                      tr("school_year '{}' must be two years like \"2018/2019\" (in quotes)", sy));
  } else if (second != first + 1) {
    diagnostics.error(story.school_year.location, tr("school_year '{}' must be two consecutive years, e.g. \"{}/{}\"",
                                                     sy, std::to_string(first), std::to_string(first + 1)));
  } else if (first < k_first_etwinning_year - 1) {
    diagnostics.error(story.school_year.location, tr("school_year '{}' is before eTwinning began (2005)", sy));
  }
}

int school_year_start(const Story& story) {
  const std::string& sy = story.school_year.value;
  if (sy.size() != 9) {
    return 0;
  }
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (sy[i] < '0' || sy[i] > '9') {
      return 0;
    }
    y = y * 10 + (sy[i] - '0');
  }
  return y;
}

void check_project_type(const Story& story, DiagnosticBag& diagnostics) {
  const std::string& type = story.project_type.value;
  if (type == "europeo") {
    const bool foreign = std::any_of(story.partners.begin(), story.partners.end(), [](const Partner& p) {
      return !p.country.value.empty() && p.country.value != "it";
    });
    // A sourced story may leave out partners its sources do not name.
    if (!foreign && !(story.partners.empty() && !story.sources.empty())) {
      diagnostics.error(story.partners.empty() ? story.project_type.location : story.partners_location,
                        _("a European project (project_type: europeo) needs at least one partner school from another "
                          "eTwinning country"));
    }
  } else if (type == "nazionale") {
    if (story.partners.empty() && story.sources.empty()) {
      diagnostics.error(story.project_type.location,
                        _("a national project (project_type: nazionale) needs at least one partner school in Italy"));
    }
    for (const auto& p : story.partners) {
      if (!p.country.value.empty() && p.country.value != "it") {
        diagnostics.error(p.country.location, _("a national project has only Italian partners (country: IT); with a "
                                                "partner abroad use project_type: europeo"));
      }
    }
    if (story.european_label) {
      diagnostics.error(story.european_label->location,
                        _("a European Quality Label needs partners from at least two countries: a national project can "
                          "hold only the national one"));
    }
  } else if (type == "istituto") {
    if (!story.partners.empty()) {
      diagnostics.error(
          story.partners_location,
          _("an institute project (project_type: istituto) involves teachers of one school only: remove 'partners'"));
    }
    if (story.national_label || story.european_label) {
      diagnostics.error(
          story.quality_labels_location,
          _("institute projects (project_type: istituto) cannot hold Quality Labels: remove 'quality_labels'"));
    }
  }
}

void check_quality_labels(const Story& story, DiagnosticBag& diagnostics) {
  if (story.project_type.value == "istituto") {
    return;  // reported by check_project_type
  }
  const int start = school_year_start(story);
  if (story.national_label) {
    const auto& n = *story.national_label;
    if (n.value < k_first_etwinning_year || n.value > 2100) {
      diagnostics.error(n.location, tr("Quality Label year {} is not a valid year", std::to_string(n.value)));
    } else if (start > 0 && n.value < start) {
      diagnostics.error(n.location,
                        tr("the national Quality Label ({}) cannot come before the project's school year ({})",
                           std::to_string(n.value), story.school_year.value));
    }
  }
  if (story.european_label) {
    const auto& e = *story.european_label;
    if (e.value < k_first_etwinning_year || e.value > 2100) {
      diagnostics.error(e.location, tr("Quality Label year {} is not a valid year", std::to_string(e.value)));
    } else if (!story.national_label) {
      diagnostics.error(e.location,
                        _("a European Quality Label needs the national Quality Label first: add 'national: <year>'"));
    } else if (e.value < story.national_label->value) {
      diagnostics.error(e.location, tr("the European Quality Label ({}) cannot come before the national one ({})",
                                       std::to_string(e.value), std::to_string(story.national_label->value)));
    }
  }
}

void check_story(const Site& site, const Story& story, const util::FileSystem& fs, DiagnosticBag& diagnostics) {
  check_story_terms(site, story, diagnostics);
  check_school_year(story, diagnostics);
  check_project_type(story, diagnostics);
  check_quality_labels(story, diagnostics);
  check_placeholders(story, diagnostics);
  const std::size_t length = util::utf8_length(story.summary.value);
  if (length > k_summary_limit) {
    diagnostics.error(story.summary.location,
                      tr("summary is {} characters long; the limit is 300", std::to_string(length)));
  }
  if (story.summary.value.find('<') != std::string::npos) {
    diagnostics.error(story.summary.location, _("summary must be plain text: remove the '<' (HTML is not allowed)"));
  }
  const std::string& twinspace = story.twinspace.value;
  if (!twinspace.empty() && !twinspace.starts_with("https://") && !twinspace.starts_with("http://")) {
    diagnostics.error(story.twinspace.location, _("twinspace must be an address starting with https://"));
  }
  if (story.example.value && !story.sources.empty()) {
    diagnostics.error(story.sources_location,
                      _("an invented example (example: true) cannot cite sources: a story is either about a real "
                        "project, with its sources, or an example, without them"));
  }
  check_story_media(site, story, fs, diagnostics);
}

}  // namespace

void validate_site(const Site& site, const util::FileSystem& fs, DiagnosticBag& diagnostics, unsigned jobs) {
  util::parallel_for(site.stories.size(), jobs,
                     [&](std::size_t i) { check_story(site, site.stories[i], fs, diagnostics); });
  validate_site_wide(site, diagnostics);
}

void validate_story(const Site& site, const Story& story, const util::FileSystem& fs, DiagnosticBag& diagnostics) {
  check_story(site, story, fs, diagnostics);
}

void validate_site_wide(const Site& site, DiagnosticBag& diagnostics) {
  std::vector<std::string> story_reserved = {"pagina"};
  for (const auto& taxonomy : site.taxonomies) {
    story_reserved.push_back(taxonomy.segment);
  }
  // A duplicate slug is reported on the later path (a stable message), naming
  // the first. Found with a hash map: serve --watch runs this on every edit.
  std::unordered_map<std::string_view, const Story*> first;
  first.reserve(site.stories.size());
  std::vector<const Story*> later;
  for (const auto& story : site.stories) {
    if (std::find(story_reserved.begin(), story_reserved.end(), story.slug) != story_reserved.end()) {
      diagnostics.error(
          story.slug_location,
          tr("the address /esperienze/{}/ belongs to the site itself (lists of stories): rename the folder",
             story.slug));
    }
    if (story.slug.size() > k_max_id_bytes) {
      diagnostics.error(
          story.slug_location,
          tr("the folder name gives an address of {} characters; the limit is {}: shorten the folder name",
             std::to_string(story.slug.size()), std::to_string(k_max_id_bytes)));
    }
    auto [it, inserted] = first.emplace(story.slug, &story);
    if (!inserted) {
      later.push_back(&story);
      if (story.source_path < it->second->source_path) {
        std::swap(later.back(), it->second);
      }
    }
  }
  for (const Story* story : later) {
    const Story* original = first.at(story->slug);
    diagnostics.error(
        story->slug_location,
        tr("duplicate slug '{}': {} already gives the address /esperienze/{}/; rename one of the two folders",
           story->slug, original->folder, story->slug));
  }
  validate_awards(site, diagnostics);
  for (const auto& featured : site.config.featured) {
    // A story whose own file has errors is reported there, as links to it are.
    const auto& broken = site.broken_slugs;
    if (site.find_story(featured.value) == nullptr &&
        std::find(broken.begin(), broken.end(), featured.value) == broken.end()) {
      const std::vector<std::string> slugs = site.sorted_slugs();
      diagnostics.error(featured.location, tr("featured story '{}' is not published (missing or a draft){}: 'featured' "
                                              "lists folder names under content/stories/",
                                              featured.value, util::did_you_mean_suffix(featured.value, slugs)));
    }
  }
  std::map<std::string, const Page*> pages;
  for (const auto& page : site.pages) {
    const auto& reserved = reserved_page_slugs();
    if (std::find(reserved.begin(), reserved.end(), page.slug) != reserved.end()) {
      diagnostics.error(page.slug_location,
                        tr("the page address /{}/ belongs to the site itself: rename the file", page.slug));
    }
    auto [it, inserted] = pages.emplace(page.slug, &page);
    if (!inserted) {
      diagnostics.error(page.slug_location,
                        tr("duplicate slug '{}': {} already gives the address /{}/; rename one of them", page.slug,
                           it->second->source_path, page.slug));
    }
  }
}

void validate_production(const Site& site, DiagnosticBag& diagnostics) {
  for (const auto& story : site.stories) {
    if (story.example.value) {
      diagnostics.error(story.example.location,
                        tr("story '{}' is an invented example (example: true) and --production does not publish "
                           "examples: build without --production to see it, or remove it before publishing",
                           story.slug));
    } else if (story.sources.empty()) {
      diagnostics.error(story.slug_location,
                        tr("story '{}' cites no sources and --production publishes only stories about real "
                           "projects: add 'sources:' with the document and its page, or mark it 'example: true'",
                           story.slug));
    }
  }
  for (const auto& award : site.awards) {
    if (award.example.value) {
      diagnostics.error(
          award.example.location,
          tr("the prizes of {} are examples (example: true) and --production does not publish examples: replace "
             "them with the real prizes or remove the file",
             std::to_string(award.year)));
    }
  }
}

}  // namespace vetrina
