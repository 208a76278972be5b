#include "generator/check/validator.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <unordered_map>
#include <set>

#include "generator/check/award_rules.h"
#include "generator/util/strings.h"

namespace vetrina {

const char* taxonomy_noun(TaxonomyId id) {
  switch (id) {
    case TaxonomyId::livello: return "level";
    case TaxonomyId::competenza: return "competence";
    case TaxonomyId::disciplina: return "subject";
    case TaxonomyId::tipo: return "project type";
    case TaxonomyId::regione: return "region";
    case TaxonomyId::paese: return "country";
    case TaxonomyId::tema: return "theme";
    case TaxonomyId::metodo: return "method";
    case TaxonomyId::strumento: return "tool";
    case TaxonomyId::premio: return "award";
  }
  return "value";
}

const std::vector<std::string>& reserved_page_slugs() {
  static const std::vector<std::string> k_reserved = {"esperienze", "premi", "numeri", "eventi", "cerca",
                                                      "media",      "api",   "assets", "feed.xml", "sitemap.xml"};
  return k_reserved;
}

namespace {

constexpr int k_first_etwinning_year = 2005;
constexpr std::size_t k_summary_limit = 300;

void check_terms(const Site& site, const Story& story, DiagnosticBag& diagnostics) {
  for (const auto& spec : taxonomy_specs()) {
    const Taxonomy& tax = site.taxonomy(spec.id);
    std::set<std::string> seen;
    for (const auto& term : story.terms_of(spec.id)) {
      const std::string noun = taxonomy_noun(spec.id);
      if (tax.find(term.value) == nullptr) {
        std::string message = "unknown " + noun + " '" + term.value + "'";
        const auto ids = tax.term_ids();
        const std::string hint = util::did_you_mean_suffix(term.value, ids);
        if (!hint.empty()) {
          message += hint;
        } else if (ids.size() <= 8 && !ids.empty()) {
          std::string list;
          for (const auto& id : ids) {
            list += (list.empty() ? "" : ", ") + id;
          }
          message += " (valid values: " + list + ")";
        } else {
          message += " (see the ids of '" + tax.id + "' in taxonomies.yaml)";
        }
        diagnostics.error(term.location, message);
      } else if (!seen.insert(term.value).second && spec.id != TaxonomyId::paese) {
        diagnostics.error(term.location, noun + " '" + term.value + "' is listed twice");
      }
    }
  }
}

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
                      "school_year '" + sy + "' must be two years like \"2018/2019\" (in quotes)");
  } else if (second != first + 1) {
    diagnostics.error(story.school_year.location, "school_year '" + sy + "' must be two consecutive years, e.g. \"" +
                                                      std::to_string(first) + "/" + std::to_string(first + 1) + "\"");
  } else if (first < k_first_etwinning_year - 1) {
    diagnostics.error(story.school_year.location,
                      "school_year '" + sy + "' is before eTwinning began (2005)");
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
                        "a European project (project_type: europeo) needs at least one partner school from another "
                        "eTwinning country");
    }
  } else if (type == "nazionale") {
    if (story.partners.empty() && story.sources.empty()) {
      diagnostics.error(story.project_type.location,
                        "a national project (project_type: nazionale) needs at least one partner school in Italy");
    }
    for (const auto& p : story.partners) {
      if (!p.country.value.empty() && p.country.value != "it") {
        diagnostics.error(p.country.location, "a national project has only Italian partners (country: IT); with a "
                                              "partner abroad use project_type: europeo");
      }
    }
    if (story.european_label) {
      diagnostics.error(story.european_label->location, "a European Quality Label needs partners from at least two "
                                                         "countries: a national project can hold only the national one");
    }
  } else if (type == "istituto") {
    if (!story.partners.empty()) {
      diagnostics.error(story.partners_location, "an institute project (project_type: istituto) involves teachers of "
                                                 "one school only: remove 'partners'");
    }
    if (story.national_label || story.european_label) {
      diagnostics.error(story.quality_labels_location, "institute projects (project_type: istituto) cannot hold "
                                                       "Quality Labels: remove 'quality_labels'");
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
      diagnostics.error(n.location, "Quality Label year " + std::to_string(n.value) + " is not a valid year");
    } else if (start > 0 && n.value < start) {
      diagnostics.error(n.location, "the national Quality Label (" + std::to_string(n.value) +
                                        ") cannot come before the project's school year (" +
                                        story.school_year.value + ")");
    }
  }
  if (story.european_label) {
    const auto& e = *story.european_label;
    if (e.value < k_first_etwinning_year || e.value > 2100) {
      diagnostics.error(e.location, "Quality Label year " + std::to_string(e.value) + " is not a valid year");
    } else if (!story.national_label) {
      diagnostics.error(e.location, "a European Quality Label needs the national Quality Label first: add "
                                    "'national: <year>'");
    } else if (e.value < story.national_label->value) {
      diagnostics.error(e.location, "the European Quality Label (" + std::to_string(e.value) +
                                        ") cannot come before the national one (" +
                                        std::to_string(story.national_label->value) + ")");
    }
  }
}

// A file of the story's folder that will be published: a regular file whose
// real path is inside the folder, within the size limit. Reports and returns
// false otherwise. `limit_key` names the site.yaml setting of the limit.
bool check_publishable(const Story& story, const std::string& what, const std::string& name, const Location& where,
                       std::uint64_t max_bytes, const char* limit_key, const util::FileSystem& fs,
                       DiagnosticBag& diagnostics) {
  const util::FileLimits limits{story.folder, max_bytes};
  const util::FileCheck check = fs.check_file(util::join_path(story.folder, name), limits);
  if (check.refusal == util::FileRefusal::missing) {
    diagnostics.error(where, what + " '" + name + "' not found in " + story.folder);
    return false;
  }
  if (!check.ok()) {
    diagnostics.error(where, what + " '" + name + "' cannot be published: " + util::describe(check, limits) +
                                 (check.refusal == util::FileRefusal::too_large
                                      ? std::string(" (") + limit_key + " in site.yaml)"
                                      : std::string()));
    return false;
  }
  return true;
}

void check_image(const Site& site, const Story& story, const ImageRef& image, const util::FileSystem& fs,
                 DiagnosticBag& diagnostics) {
  const std::string& src = image.src.value;
  if (image.alt.empty()) {
    diagnostics.error(image.location, "image '" + src + "' needs 'alt': a short description of the photo for people "
                                      "who cannot see it");
  }
  if (image.minors && !image.consent) {
    diagnostics.error(image.location, "image '" + src + "' shows minors (minors: true) but has no consent: add "
                                      "'consent: true' only once the families' liberatoria is on file");
  }
  if (src.starts_with("/") || src.find("..") != std::string::npos || src.find('\\') != std::string::npos ||
      src.find("://") != std::string::npos) {
    diagnostics.error(image.src.location, "image '" + src + "' must be a file inside the story's folder, e.g. "
                                          "'foto.jpg'");
  } else {
    check_publishable(story, "image", src, image.src.location, site.config.image_limits.max_bytes,
                      "image_limits.max_bytes", fs, diagnostics);
  }
}

// A file named in front matter: inside the story's folder, existing.
bool check_local_file(const Story& story, const std::string& what, const std::string& name, const Location& where,
                      std::uint64_t max_bytes, const char* limit_key, const util::FileSystem& fs,
                      DiagnosticBag& diagnostics) {
  if (name.starts_with("/") || name.find("..") != std::string::npos || name.find('\\') != std::string::npos ||
      name.find("://") != std::string::npos) {
    diagnostics.error(where, what + " '" + name + "' must be a file inside the story's folder");
    return false;
  }
  return check_publishable(story, what, name, where, max_bytes, limit_key, fs, diagnostics);
}

void check_video(const Site& site, const Story& story, const VideoRef& video, const util::FileSystem& fs,
                 DiagnosticBag& diagnostics) {
  if (video.minors && !video.consent) {
    diagnostics.error(video.location, "video '" + video.title + "' shows minors (minors: true) but has no consent: add "
                                      "'consent: true' only once the families' liberatoria is on file");
  }
  if (!video.src.empty()) {
    const std::string lower = util::to_lower_ascii(video.src);
    if (!lower.ends_with(".mp4") && !lower.ends_with(".webm")) {
      diagnostics.error(video.location, "video '" + video.src + "' must be an .mp4 or .webm file");
    } else {
      check_local_file(story, "video", video.src, video.location, site.config.file_limits.max_file_bytes,
                       "file_limits.max_file_bytes", fs, diagnostics);
    }
  }
  if (!video.poster.empty()) {
    check_local_file(story, "poster", video.poster, video.location, site.config.image_limits.max_bytes,
                     "image_limits.max_bytes", fs, diagnostics);
  }
}

void check_story(const Site& site, const Story& story, const util::FileSystem& fs, DiagnosticBag& diagnostics) {
  check_terms(site, story, diagnostics);
  check_school_year(story, diagnostics);
  check_project_type(story, diagnostics);
  check_quality_labels(story, diagnostics);
  const std::size_t length = util::utf8_length(story.summary.value);
  if (length > k_summary_limit) {
    diagnostics.error(story.summary.location, "summary is " + std::to_string(length) +
                                                  " characters long; the limit is 300");
  }
  if (story.summary.value.find('<') != std::string::npos) {
    diagnostics.error(story.summary.location, "summary must be plain text: remove the '<' (HTML is not allowed)");
  }
  const std::string& twinspace = story.twinspace.value;
  if (!twinspace.empty() && !twinspace.starts_with("https://") && !twinspace.starts_with("http://")) {
    diagnostics.error(story.twinspace.location, "twinspace must be an address starting with https://");
  }
  if (story.example.value && !story.sources.empty()) {
    diagnostics.error(story.sources_location,
                      "an invented example (example: true) cannot cite sources: a story is either about a real "
                      "project, with its sources, or an example, without them");
  }
  if (story.cover) {
    check_image(site, story, *story.cover, fs, diagnostics);
  }
  for (const auto& image : story.gallery) {
    check_image(site, story, image, fs, diagnostics);
  }
  for (const auto& video : story.videos) {
    check_video(site, story, video, fs, diagnostics);
  }
}

}  // namespace

void validate_site(const Site& site, const util::FileSystem& fs, DiagnosticBag& diagnostics) {
  for (const auto& story : site.stories) {
    check_story(site, story, fs, diagnostics);
  }
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
      diagnostics.error(story.slug_location, "the address /esperienze/" + story.slug +
                                                 "/ belongs to the site itself (lists of stories): rename the folder");
    }
    if (story.slug.size() > k_max_id_bytes) {
      diagnostics.error(story.slug_location, "the folder name gives an address of " +
                                                 std::to_string(story.slug.size()) + " characters; the limit is " +
                                                 std::to_string(k_max_id_bytes) + ": shorten the folder name");
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
    diagnostics.error(story->slug_location, "duplicate slug '" + story->slug + "': " + original->folder +
                                                " already gives the address /esperienze/" + story->slug +
                                                "/; rename one of the two folders");
  }
  validate_awards(site, diagnostics);
  for (const auto& featured : site.config.featured) {
    if (site.find_story(featured.value) == nullptr) {
      const std::vector<std::string> slugs = site.sorted_slugs();
      diagnostics.error(featured.location, "featured story '" + featured.value + "' is not published (missing or a "
                                           "draft)" + util::did_you_mean_suffix(featured.value, slugs) +
                                           ": 'featured' lists folder names under content/stories/");
    }
  }
  std::map<std::string, const Page*> pages;
  for (const auto& page : site.pages) {
    const auto& reserved = reserved_page_slugs();
    if (std::find(reserved.begin(), reserved.end(), page.slug) != reserved.end()) {
      diagnostics.error(page.slug_location, "the page address /" + page.slug +
                                                "/ belongs to the site itself: rename the file");
    }
    auto [it, inserted] = pages.emplace(page.slug, &page);
    if (!inserted) {
      diagnostics.error(page.slug_location, "duplicate slug '" + page.slug + "': " + it->second->source_path +
                                                " already gives the address /" + page.slug + "/; rename one of them");
    }
  }
}

void validate_production(const Site& site, DiagnosticBag& diagnostics) {
  for (const auto& story : site.stories) {
    if (story.example.value) {
      diagnostics.error(story.example.location,
                        "story '" + story.slug + "' is an invented example (example: true) and --production does not "
                        "publish examples: build without --production to see it, or remove it before publishing");
    } else if (story.sources.empty()) {
      diagnostics.error(story.slug_location,
                        "story '" + story.slug + "' cites no sources and --production publishes only stories about "
                        "real projects: add 'sources: [{title: \"...\", where: \"p. 12\"}]' or mark it "
                        "'example: true'");
    }
  }
  for (const auto& award : site.awards) {
    if (award.example.value) {
      diagnostics.error(award.example.location,
                        "the prizes of " + std::to_string(award.year) + " are examples (example: true) and "
                        "--production does not publish examples: replace them with the real prizes or remove the file");
    }
  }
}

}  // namespace vetrina
