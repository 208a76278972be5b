// The story page's view (Views::story, Views::story_json_ld): everything a
// story shows, its facts sheet, share links, related stories and neighbours.
#include "generator/render/views.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "generator/model/awards.h"
#include "generator/render/image_view.h"
#include "generator/render/related_stories.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

// Taxonomies shown on a story page as groups of links, in this order.
constexpr TaxonomyId k_story_groups[] = {TaxonomyId::livello, TaxonomyId::competenza, TaxonomyId::disciplina,
                                         TaxonomyId::tema,    TaxonomyId::metodo,     TaxonomyId::strumento};

const char* role_label(const std::string& role) {
  if (role == "docente") {
    return "Docente";
  }
  if (role == "dirigente") {
    return "Dirigente scolastico";
  }
  if (role == "alunno") {
    return "Alunno";
  }
  if (role == "genitore") {
    return "Genitore";
  }
  return "";
}

data voice(const Interview& interview) {
  data entry;
  entry.set("role", role_label(interview.role));
  set_if(entry, "name", interview.name);
  entry.set("quote", interview.quote);
  return entry;
}

// The body cut where voices go: [{html, voices}] in order; each voice with a
// placed section follows the HTML of that section (voices at the same place
// keep their order in the front matter).
data body_parts(const Story& story, const std::string& body_html) {
  std::vector<const Interview*> placed;
  for (const auto& interview : story.interviews) {
    if (interview.body_offset && *interview.body_offset <= body_html.size()) {
      placed.push_back(&interview);
    }
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const Interview* a, const Interview* b) { return *a->body_offset < *b->body_offset; });
  data parts{data::type::list};
  std::size_t from = 0;
  for (std::size_t i = 0; i < placed.size();) {
    const std::size_t at = *placed[i]->body_offset;
    data part;
    part.set("html", body_html.substr(from, at - from));
    data voices{data::type::list};
    for (; i < placed.size() && *placed[i]->body_offset == at; ++i) {
      voices.push_back(voice(*placed[i]));
    }
    part.set("voices", voices);
    parts.push_back(part);
    from = at;
  }
  data rest;
  rest.set("html", body_html.substr(from));
  parts.push_back(rest);
  return parts;
}

data text_list(const std::vector<std::string>& items) {
  data list{data::type::list};
  for (const auto& item : items) {
    list.push_back(data{"name", item});
  }
  return list;
}

// Share icons (inline SVG, 24x24, fill currentColor): constants of ours, the
// only raw HTML besides bodies and JSON-LD.
constexpr const char* k_icon_email =
    "<svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M2 "
    "5h20v14H2zm2 2v.5l8 5 8-5V7zm16 2.9-8 5-8-5V17h16z\"/></svg>";
constexpr const char* k_icon_whatsapp =
    "<svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M12 "
    "2a10 10 0 0 0-8.6 15.1L2 22l5-1.3A10 10 0 1 0 12 2zm0 2a8 8 0 1 1-4.1 14.9l-.3-.2-3 .8.8-2.9-.2-.3A8 8 0 0 1 12 "
    "4zm-3.3 3.6c-.2 0-.6.1-.8.4-.3.3-1 1-1 2.4s1 2.8 1.2 3c.1.2 2 3.1 4.9 4.3 2.4.9 2.9.8 3.4.7.6-.1 1.7-.7 "
    "2-1.4.2-.7.2-1.2.2-1.4-.1-.1-.3-.2-.6-.4l-2-.9c-.3-.1-.5-.2-.7.1l-.9 "
    "1.1c-.2.2-.3.2-.6.1-.3-.2-1.2-.5-2.3-1.4-.9-.8-1."
    "4-1.7-1.6-2-.2-.3 0-.4.1-.6l.4-.5.3-.5v-.5l-.9-2.2c-.2-.6-.5-.5-.7-.5z\"/></svg>";
constexpr const char* k_icon_facebook =
    "<svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M13.5 "
    "22v-8h2.7l.4-3.2h-3.1v-2c0-.9.3-1.5 1.6-1.5h1.7V4.4c-.3 0-1.3-.1-2.4-.1-2.4 0-4.1 1.5-4.1 "
    "4.2v2.3H7.6V14h2.7v8z\"/></svg>";
constexpr const char* k_icon_linkedin =
    "<svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M3 "
    "9h4v12H3zm2-6.5a2.3 2.3 0 1 1 0 4.6 2.3 2.3 0 0 1 0-4.6zM9 9h3.8v1.7c.5-1 1.8-2 3.8-2 4 0 4.4 2.6 4.4 "
    "6V21h-4v-5.6c0-"
    "1.3 0-3-1.9-3s-2.1 1.4-2.1 2.9V21H9z\"/></svg>";
constexpr const char* k_icon_x =
    "<svg viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M17.8 "
    "3h3.1l-6.8 7.7L22 21h-6.2l-4.9-6.4L5.3 21H2.2l7.2-8.3L1.8 3h6.4l4.4 5.8zm-1.1 16.2h1.7L7.4 4.7H5.5z\"/></svg>";

}  // namespace

data Views::term_links(const Story& story, TaxonomyId id) const {
  const Taxonomy& taxonomy = m_site.taxonomy(id);
  data list{data::type::list};
  for (const auto& term : story.terms_of(id)) {
    data entry;
    entry.set("label", term_label(taxonomy, term.value));
    entry.set("url", term_url(taxonomy, term.value));
    list.push_back(entry);
  }
  return list;
}

data Views::story(const Story& story) const {
  data view;
  view.set("title", story.title.value);
  view.set("summary", story.summary.value);
  if (story.example.value) {
    view.set("example", std::string(k_example_notice));
  }
  if (!story.sources.empty()) {
    data sources{data::type::list};
    for (const auto& source : story.sources) {
      data entry;
      set_if(entry, "title", source.title.empty() ? source.url : source.title);
      set_if(entry, "where", source.where);
      set_if(entry, "url", source.url);
      sources.push_back(entry);
    }
    view.set("sources", sources);
    view.set("has_sources", true);
  }
  view.set("date_iso", story.date.value.iso());
  view.set("date_label", italian_date(story.date.value));
  set_if(view, "school_year", story.school_year.value);
  // The line above the title: type and school year, when the story gives them.
  view.set("has_kicker", !story.project_type.value.empty() || !story.school_year.value.empty());
  set_if(view, "school", story.school_name);
  set_if(view, "city", story.city);

  const Taxonomy& regions = m_site.taxonomy(TaxonomyId::regione);
  if (!story.region.value.empty()) {
    data region;
    region.set("label", term_label(regions, story.region.value));
    region.set("url", term_url(regions, story.region.value));
    view.set("region", region);
  }
  const Taxonomy& types = m_site.taxonomy(TaxonomyId::tipo);
  if (!story.project_type.value.empty()) {
    data type;
    type.set("label", term_label(types, story.project_type.value));
    type.set("url", term_url(types, story.project_type.value));
    view.set("type", type);
  }

  if (!story.teachers.empty()) {
    view.set("teachers", text_list(story.teachers));
    view.set("has_teachers", true);
  }

  view.set("levels", term_links(story, TaxonomyId::livello));
  std::string place = story.city;
  if (!story.region.value.empty()) {
    place += (place.empty() ? "" : ", ") + term_label(regions, story.region.value);
  }
  set_if(view, "place", place);

  data groups{data::type::list};
  for (const TaxonomyId id : k_story_groups) {
    if (story.terms_of(id).empty()) {
      continue;
    }
    data group;
    group.set("label", m_site.taxonomy(id).plural);
    group.set("terms", term_links(story, id));
    groups.push_back(group);
  }
  view.set("groups", groups);

  if (!story.partners.empty()) {
    const Taxonomy& countries = m_site.taxonomy(TaxonomyId::paese);
    data partners{data::type::list};
    for (const auto& partner : story.partners) {
      data entry;
      set_if(entry, "school", partner.school);
      set_if(entry, "city", partner.city);
      // A country links to its list only when that list exists (stories with
      // a partner there): Italian partners of national projects have none.
      const auto& by_country = m_site.stories_by_term[static_cast<std::size_t>(TaxonomyId::paese)];
      if (countries.find(partner.country.value) != nullptr && by_country.contains(partner.country.value)) {
        data country;
        country.set("label", term_label(countries, partner.country.value));
        country.set("url", term_url(countries, partner.country.value));
        entry.set("country", country);
      } else {
        // Italian partners of national projects: their country has no page.
        const bool known = countries.find(partner.country.value) != nullptr;
        entry.set("country_name", known ? term_label(countries, partner.country.value)
                                        : (partner.country.value == "it" ? "Italia" : partner.country.value));
      }
      partners.push_back(entry);
    }
    view.set("partners", partners);
    view.set("has_partners", true);
  }

  if (story.national_label || story.european_label) {
    data labels;
    if (story.national_label) {
      labels.set("national", std::to_string(story.national_label->value));
    }
    if (story.european_label) {
      labels.set("european", std::to_string(story.european_label->value));
    }
    view.set("quality_labels", labels);
  }
  if (!story.recognitions.empty()) {
    data recognitions{data::type::list};
    for (const auto& recognition : story.recognitions) {
      data entry;
      std::string label = std::string(award_kind_label(recognition.kind)) + " " + std::to_string(recognition.year);
      if (recognition.kind == AwardKind::european_prize && !recognition.name.empty()) {
        label += " – " + recognition.name;
      } else if (!recognition.category.empty()) {
        label += " – " + prize_category_label(m_site, recognition.category);
      }
      entry.set("label", label);
      entry.set("url", "/premi/" + std::to_string(recognition.year) + "/");
      recognitions.push_back(entry);
    }
    view.set("recognitions", recognitions);
    view.set("has_recognitions", true);
  }
  if (!story.twinspace.value.empty()) {
    view.set("twinspace", story.twinspace.value);
  }
  const std::string body_html = story.body_html.str();
  view.set("body_parts", body_parts(story, body_html));
  view.set("body", body_html);  // the whole body, for themes that place no voices

  const std::size_t index = index_of(story);
  // The cover is the first screen's picture (often its largest paint): fetched first.
  if (story.cover && story.cover->published) {
    data cover = image_view(*story.cover, "(min-width: 64rem) 38rem, 100vw", false);
    cover.set("priority", true);
    view.set("cover", cover);
  } else if (const PublishedImage* generated = picture(index)) {
    // The generated cover repeats the title: decorative (alt="").
    data cover = image_view(*generated, "", "", "(min-width: 64rem) 38rem, 100vw", false);
    cover.set("priority", true);
    view.set("cover", cover);
  }
  data gallery{data::type::list};
  for (const auto& image : story.gallery) {
    if (image.published) {
      gallery.push_back(image_view(image, "(min-width: 40rem) 20rem, 50vw", true));
    }
  }
  if (!gallery.is_empty_list()) {
    view.set("gallery", gallery);
    view.set("has_gallery", true);
  }
  data videos{data::type::list};
  for (const auto& video : story.videos) {
    data entry;
    entry.set("title", video.title);
    if (video.poster_image) {
      ImageRef poster;
      poster.alt = "";
      poster.published = video.poster_image;
      entry.set("poster", image_view(poster, "(min-width: 44rem) 42rem, 100vw", true));
    }
    if (!video.youtube.empty()) {
      entry.set("youtube", video.youtube);
      entry.set("watch_url", "https://www.youtube.com/watch?v=" + video.youtube);
    } else if (!video.published_url.empty()) {
      entry.set("file", video.published_url);
      entry.set("type", util::ends_with(video.published_url, ".webm") ? "video/webm" : "video/mp4");
    }
    videos.push_back(entry);
  }
  if (!videos.is_empty_list()) {
    view.set("videos", videos);
    view.set("has_videos", true);
  }

  // Voices without a section (or whose section was not found) close the story.
  data interviews{data::type::list};
  for (const auto& interview : story.interviews) {
    if (!interview.body_offset) {
      interviews.push_back(voice(interview));
    }
  }
  if (!interviews.is_empty_list()) {
    view.set("interviews", interviews);
    view.set("has_interviews", true);
  }

  // Sharing by plain links: nothing is loaded from the networks until a click.
  const std::string url = util::url_encode(absolute(story.url()));
  const std::string title = util::url_encode(story.title.value);
  data share{data::type::list};
  struct Target {
    const char* label;
    std::string url;
    const char* icon;
  };
  const Target targets[] = {
      {"Email", "mailto:?subject=" + title + "&body=" + url, k_icon_email},
      {"WhatsApp", "https://wa.me/?text=" + title + "%20" + url, k_icon_whatsapp},
      {"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + url, k_icon_facebook},
      {"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + url, k_icon_linkedin},
      {"X", "https://x.com/intent/post?url=" + url + "&text=" + title, k_icon_x},
  };
  for (const auto& target : targets) {
    data entry;
    entry.set("label", std::string(target.label));
    entry.set("url", target.url);
    entry.set("icon", std::string(target.icon));
    share.push_back(entry);
  }
  view.set("share", share);

  // Related stories and the neighbours in the site's order (newest first).
  data related{data::type::list};
  for (const std::size_t other : related_stories(m_site, index)) {
    related.push_back(card_entry(other));
  }
  if (!related.is_empty_list()) {
    view.set("related", related);
    view.set("has_related", true);
  }
  auto neighbour = [this](std::size_t other) {
    data entry;
    entry.set("url", m_site.stories[other].url());
    entry.set("title", m_site.stories[other].title.value);
    return entry;
  };
  if (index > 0) {
    view.set("previous", neighbour(index - 1));
  }
  if (index + 1 < m_site.stories.size()) {
    view.set("next", neighbour(index + 1));
  }
  return view;
}

std::string Views::story_json_ld(const Story& story, const std::vector<Crumb>& crumbs) const {
  using nlohmann::json;
  const std::string url = absolute(story.url());
  json article = {
      {"@type", "Article"},
      {"@id", url + "#articolo"},
      {"headline", story.title.value},
      {"description", story.summary.value},
      {"datePublished", story.date.value.iso()},
      {"inLanguage", m_site.config.language},
      {"url", url},
      {"mainEntityOfPage", url},
      {"publisher", {{"@type", "Organization"}, {"name", m_site.config.publisher}}},
  };
  if (!story.teachers.empty()) {
    json authors = json::array();
    for (const auto& teacher : story.teachers) {
      authors.push_back({{"@type", "Person"}, {"name", teacher}});
    }
    article["author"] = authors;
  }
  json levels = json::array();
  for (const auto& level : story.terms_of(TaxonomyId::livello)) {
    levels.push_back(term_label(m_site.taxonomy(TaxonomyId::livello), level.value));
  }
  article["educationalLevel"] = levels;
  json keywords = json::array();
  for (const TaxonomyId id : {TaxonomyId::competenza, TaxonomyId::disciplina}) {
    for (const auto& term : story.terms_of(id)) {
      keywords.push_back(term_label(m_site.taxonomy(id), term.value));
    }
  }
  article["keywords"] = keywords;
  if (const PublishedImage* published = picture(index_of(story))) {
    article["image"] = absolute(published->og ? published->og->url : published->sizes.back().url);
  }

  json items = json::array();
  int position = 1;
  for (const auto& crumb : crumbs) {
    items.push_back(
        {{"@type", "ListItem"}, {"position", position++}, {"name", crumb.label}, {"item", absolute(crumb.url)}});
  }
  items.push_back({{"@type", "ListItem"}, {"position", position}, {"name", story.title.value}, {"item", url}});
  json graph = {{"@context", "https://schema.org"},
                {"@graph", {article, {{"@type", "BreadcrumbList"}, {"itemListElement", items}}}}};
  return script_safe_json(graph.dump());
}

}  // namespace vetrina
