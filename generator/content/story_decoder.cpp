#include "generator/content/story_decoder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "generator/content/dates.h"
#include "generator/content/front_matter.h"
#include "generator/content/yaml_reader.h"
#include "generator/util/file_system.h"
#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina {

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
    MapReader s(item, source, diagnostics, tr("source {}", std::to_string(number)), {"title", "where", "url"});
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
  story.slug = util::slugify(util::last_component(folder));
  story.slug_location = {story.source_path, 1, 1};
  const std::string& path = story.source_path;
  if (story.slug.empty()) {
    diagnostics.error(story.slug_location, tr("the folder name '{}' gives an empty address: use letters or digits",
                                              util::last_component(folder)));
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
  MapReader r(*root, source, diagnostics, _("story"),
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
  story.teachers_location = r.location_of("teachers");
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
    story.school_location = r.location_of("school");
    MapReader school(r.node("school"), source, diagnostics, _("school"), {"name", "city", "region"});
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
    MapReader p(node, source, diagnostics, tr("partner {}", std::to_string(partner_number)),
                {"school", "city", "country"});
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
    MapReader v(node, source, diagnostics, tr("video {}", std::to_string(++video_number)),
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
    MapReader v(node, source, diagnostics, tr("interview {}", std::to_string(++interview_number)),
                {"role", "name", "quote", "section"});
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
    if (auto section = v.text("section", false)) {
      interview.section = std::move(*section);  // checked against the body's headings by the Markdown pass
    }
    story.interviews.push_back(std::move(interview));
  }
  // A story with decoding errors is still returned: its errors are reported,
  // and its slug keeps taking part in duplicate and link checks.
  return story;
}

}  // namespace vetrina
