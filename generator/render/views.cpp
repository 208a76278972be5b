#include "generator/render/views.h"

#include <functional>

#include <nlohmann/json.hpp>

#include "generator/model/awards.h"
#include "generator/render/related_stories.h"
#include "generator/render/stats_views.h"
#include "generator/util/hash.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

constexpr const char* k_months[] = {"gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
                                    "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};

// Headline figures of content/stats/index.yaml shown on the home page (the first ones).
constexpr std::size_t k_home_key_numbers = 4;

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

data text_list(const std::vector<std::string>& items) {
  data list{data::type::list};
  for (const auto& item : items) {
    list.push_back(data{"name", item});
  }
  return list;
}

// An <img> with srcset: `src` is the largest size up to 960 px (what a
// browser without srcset gets), width/height its size (no layout shift).
data image_view(const PublishedImage& published, const std::string& alt, const std::string& credit, const char* sizes,
                bool lazy) {
  data view;
  const ImageVariant* fallback = &published.sizes.front();
  std::string srcset;
  for (const auto& size : published.sizes) {
    if (size.width <= 960) {
      fallback = &size;
    }
    srcset += (srcset.empty() ? "" : ", ") + size.url + " " + std::to_string(size.width) + "w";
  }
  view.set("src", fallback->url);
  view.set("srcset", srcset);
  view.set("sizes", std::string(sizes));
  view.set("width", std::to_string(fallback->width));
  view.set("height", std::to_string(fallback->height));
  view.set("alt", alt);
  view.set("lazy", lazy);
  view.set("large", published.sizes.back().url);
  if (!credit.empty()) {
    view.set("credit", credit);
  }
  return view;
}

data image_view(const ImageRef& image, const char* sizes, bool lazy) {
  return image_view(*image.published, image.alt, image.credit, sizes, lazy);
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

const std::string& term_label(const Taxonomy& taxonomy, const std::string& id) {
  const Term* term = taxonomy.find(id);
  return term != nullptr ? term->label : id;
}

std::string italian_date(const Date& date) {
  if (date.month < 1 || date.month > 12) {
    return date.iso();
  }
  return std::to_string(date.day) + " " + k_months[date.month - 1] + " " + std::to_string(date.year);
}

std::string stories_count_label(std::size_t count) {
  return util::format_thousands(static_cast<long long>(count)) + (count == 1 ? " esperienza" : " esperienze");
}

std::string page_url(const std::string& base_url, int page) {
  return page <= 1 ? base_url : base_url + "pagina/" + std::to_string(page) + "/";
}

std::vector<PageLink> pagination_window(int current, int count, const std::string& base_url) {
  std::vector<PageLink> links;
  int last_shown = 0;
  for (int n = 1; n <= count; ++n) {
    const bool shown = n == 1 || n == count || (n >= current - 2 && n <= current + 2);
    if (!shown) {
      continue;
    }
    if (n > last_shown + 1) {
      links.push_back({0, "", false});
    }
    links.push_back({n, page_url(base_url, n), n == current});
    last_shown = n;
  }
  return links;
}

std::string by_publisher(const std::string& publisher) {
  // Italian articulated preposition: "dall'Unità ...", "dall'INDIRE"; other
  // names keep the plain "da", which needs no gender.
  static const std::string vowels[] = {"A", "E", "I", "O", "U", "À", "È", "É", "Ì", "Ò", "Ù",
                                       "a", "e", "i", "o", "u", "à", "è", "é", "ì", "ò", "ù"};
  for (const auto& vowel : vowels) {
    if (util::starts_with(publisher, vowel)) {
      return "dall'" + publisher;
    }
  }
  return "da " + publisher;
}

std::string script_safe_json(const std::string& json) {
  return util::replace_all(json, "<", "\\u003c");
}

Views::Views(const Site& site, const Theme& theme) : m_site(site) {
  auto asset = [&theme](const std::string& path) { return "/" + path + "?v=" + theme.fingerprint(path); };
  m_css_url = asset("assets/style.css");
  m_story_js_url = asset("assets/story.js");
  m_search_js_url = asset("assets/search.js");
  if (!theme.cover_font().empty()) {
    m_font_hash = cover_font_hash(theme.cover_font());
    m_site_cover = generated_cover(site_cover_spec(site), m_font_hash);
  }
  m_covers.resize(site.stories.size());
  m_cards.reserve(site.stories.size());
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    refresh_cover(i);
    m_cards.push_back(make_card(site.stories[i]));
  }
}

void Views::refresh_cover(std::size_t story_index) {
  const Story& story = m_site.stories.at(story_index);
  m_covers.at(story_index).reset();
  if (m_font_hash != 0 && !(story.cover && story.cover->published)) {
    m_covers[story_index] = generated_cover(story_cover_spec(m_site, story), m_font_hash);
  }
}

std::size_t Views::index_of(const Story& story) const {
  const std::less<const Story*> before;
  const Story* first = m_site.stories.data();
  if (!before(&story, first) && before(&story, first + m_site.stories.size())) {
    return static_cast<std::size_t>(&story - first);
  }
  return m_site.story_index.at(story.slug);
}

const PublishedImage* Views::picture(std::size_t story_index) const {
  const Story& story = m_site.stories.at(story_index);
  if (story.cover && story.cover->published) {
    return &*story.cover->published;
  }
  return m_covers.at(story_index) ? &*m_covers[story_index] : nullptr;
}

void Views::refresh_card(std::size_t story_index) {
  refresh_cover(story_index);
  m_cards.at(story_index) = make_card(m_site.stories.at(story_index));
}

data Views::make_card(const Story& story) const {
  const Taxonomy& levels = m_site.taxonomy(TaxonomyId::livello);
  const Taxonomy& regions = m_site.taxonomy(TaxonomyId::regione);
  data card;
  card.set("url", story.url());
  card.set("title", story.title.value);
  card.set("summary", story.summary.value);
  if (story.example.value) {
    card.set("example", std::string(k_example_notice));
  }
  set_if(card, "school_year", story.school_year.value);
  card.set("date_iso", story.date.value.iso());
  card.set("date_label", italian_date(story.date.value));
  std::string place = story.city;
  if (!story.region.value.empty()) {
    place += (place.empty() ? "" : " (") + term_label(regions, story.region.value) + (place.empty() ? "" : ")");
  }
  card.set("place", place);
  data level_list{data::type::list};
  for (const auto& level : story.terms_of(TaxonomyId::livello)) {
    level_list.push_back(data{"label", term_label(levels, level.value)});
  }
  card.set("levels", level_list);
  const std::size_t index = index_of(story);
  if (const PublishedImage* image = picture(index)) {
    const bool photo = story.cover && story.cover->published;
    card.set("image", image_view(*image, photo ? story.cover->alt : std::string(), std::string(),
                                 "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw", true));
  }
  return card;
}

std::string Views::term_url(const Taxonomy& taxonomy, const std::string& term_id) const {
  return "/esperienze/" + taxonomy.segment + "/" + term_id + "/";
}

data Views::menu(const std::vector<MenuItem>& items, const std::string& url) const {
  data list{data::type::list};
  for (const auto& item : items) {
    data entry;
    entry.set("label", item.label);
    entry.set("url", item.url);
    // aria-current: "page" on the page itself, "true" inside its section.
    if (item.url == url) {
      entry.set("current", std::string("page"));
    } else if (item.url.size() > 1 && item.url.back() == '/' && util::starts_with(url, item.url)) {
      entry.set("current", std::string("true"));
    }
    list.push_back(entry);
  }
  return list;
}

data Views::frame(const PageMeta& meta) const {
  const SiteConfig& config = m_site.config;
  data site;
  site.set("title", config.title);
  site.set("description", config.description);
  site.set("publisher", config.publisher);
  set_if(site, "contact_email", config.contact_email);
  site.set("by_publisher", by_publisher(config.publisher));
  site.set("language", config.language);
  site.set("css", m_css_url);
  site.set("story_js", m_story_js_url);
  site.set("search_js", m_search_js_url);
  site.set("main_menu", menu(config.main_menu, meta.url));
  site.set("footer_menu", menu(config.footer_menu, meta.url));

  data head;
  const bool is_home = meta.url == "/";
  head.set("title", is_home ? config.title : meta.title + " · " + config.title);
  head.set("og_title", meta.title);
  head.set("description", meta.description.empty() ? config.description : meta.description);
  head.set("canonical", absolute(meta.url));
  head.set("og_type", meta.og_type);
  if (!meta.og_image.empty()) {
    head.set("og_image", absolute(meta.og_image));
    head.set("og_image_alt", meta.og_image_alt);
  } else if (m_site_cover) {
    // Pages without a picture of their own share the site's generated cover.
    head.set("og_image", absolute(m_site_cover->og->url));
    head.set("og_image_alt", config.title);
  }
  set_if(head, "json_ld", meta.json_ld);
  head.set("noindex", meta.noindex);
  head.set("feed_url", "/feed.xml");

  data page;
  page.set("site", site);
  page.set("meta", head);
  if (!meta.crumbs.empty()) {
    data crumbs{data::type::list};
    for (const auto& crumb : meta.crumbs) {
      data entry;
      entry.set("label", crumb.label);
      entry.set("url", crumb.url);
      crumbs.push_back(entry);
    }
    page.set("breadcrumbs", data{"items", crumbs});
    page.set("current_title", meta.title);
  }
  return page;
}

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
  view.set("body", story.body_html);

  const std::size_t index = index_of(story);
  if (story.cover && story.cover->published) {
    view.set("cover", image_view(*story.cover, "(min-width: 64rem) 38rem, 100vw", false));
  } else if (const PublishedImage* generated = picture(index)) {
    // The generated cover repeats the title: decorative (alt="").
    view.set("cover", image_view(*generated, "", "", "(min-width: 64rem) 38rem, 100vw", false));
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

  if (!story.interviews.empty()) {
    data interviews{data::type::list};
    for (const auto& interview : story.interviews) {
      data entry;
      entry.set("role", role_label(interview.role));
      set_if(entry, "name", interview.name);
      entry.set("quote", interview.quote);
      interviews.push_back(entry);
    }
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
    related.push_back(m_cards[other]);
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

data Views::story_list(const std::vector<std::size_t>& stories, int page, const std::string& base_url) const {
  const auto per_page = static_cast<std::size_t>(m_site.config.per_page);
  const int pages = std::max(1, static_cast<int>((stories.size() + per_page - 1) / per_page));
  data view;
  view.set("count", stories_count_label(stories.size()));
  data cards{data::type::list};
  const std::size_t begin = static_cast<std::size_t>(page - 1) * per_page;
  for (std::size_t i = begin; i < stories.size() && i < begin + per_page; ++i) {
    cards.push_back(m_cards[stories[i]]);
  }
  view.set("cards", cards);
  if (pages > 1) {
    data pagination;
    pagination.set("current", std::to_string(page));
    pagination.set("total", std::to_string(pages));
    if (page > 1) {
      pagination.set("prev_url", page_url(base_url, page - 1));
    }
    if (page < pages) {
      pagination.set("next_url", page_url(base_url, page + 1));
    }
    data links{data::type::list};
    for (const auto& link : pagination_window(page, pages, base_url)) {
      data entry;
      if (link.number == 0) {
        entry.set("ellipsis", true);
      } else {
        entry.set("number", std::to_string(link.number));
        entry.set("url", link.url);
        entry.set("current", link.current);
      }
      links.push_back(entry);
    }
    pagination.set("pages", links);
    view.set("pagination", pagination);
  }
  return view;
}

data Views::term_list(const Taxonomy& taxonomy) const {
  const auto& by_term = m_site.stories_by_term[static_cast<std::size_t>(&taxonomy - m_site.taxonomies.data())];
  data items{data::type::list};
  for (const auto& term : taxonomy.terms) {
    const auto it = by_term.find(term.id);
    if (it == by_term.end() || it->second.empty()) {
      continue;
    }
    data entry;
    entry.set("label", term.label);
    entry.set("url", term_url(taxonomy, term.id));
    entry.set("count", stories_count_label(it->second.size()));
    set_if(entry, "description", term.description);
    items.push_back(entry);
  }
  data view;
  view.set("title", taxonomy.plural);
  set_if(view, "description", taxonomy.description);
  view.set("terms", items);
  view.set("empty", items.is_empty_list());
  return view;
}

data Views::home() const {
  data view;
  set_if(view, "intro", m_site.config.intro);
  // Each story at most once on the page: featured first, then the latest
  // award's winners, then the latest stories not shown yet.
  std::vector<char> shown(m_site.stories.size(), 0);
  if (!m_site.stats.highlights.empty()) {
    view.set("key_numbers", highlights_view(m_site.stats, k_home_key_numbers));
    view.set("has_key_numbers", true);
  }
  data featured{data::type::list};
  for (const auto& slug : m_site.config.featured) {
    const auto it = m_site.story_index.find(slug.value);
    if (it != m_site.story_index.end() && shown[it->second] == 0) {
      shown[it->second] = 1;
      featured.push_back(m_cards[it->second]);
    }
  }
  if (!featured.is_empty_list()) {
    view.set("featured", featured);
    view.set("has_featured", true);
  }
  if (!m_site.awards.empty()) {
    const AwardYear& award = m_site.awards.front();
    data latest_award;
    latest_award.set("year", std::to_string(award.year));
    latest_award.set("url", award.url());
    data winners{data::type::list};
    for (const auto& entry : award.entries) {
      const Story* story = m_site.find_story(entry.story.value);
      if (entry.kind == AwardKind::national_prize && story != nullptr) {
        const std::size_t index = m_site.story_index.at(story->slug);
        if (shown[index] == 0) {
          shown[index] = 1;
          winners.push_back(m_cards[index]);
        }
      }
    }
    if (!winners.is_empty_list()) {
      latest_award.set("winners", winners);
      latest_award.set("has_winners", true);
    }
    view.set("latest_award", latest_award);
  }
  data latest{data::type::list};
  std::size_t latest_count = 0;
  for (std::size_t i = 0; i < m_site.stories.size() && latest_count < 6; ++i) {
    if (shown[i] == 0) {
      latest.push_back(m_cards[i]);
      ++latest_count;
    }
  }
  view.set("latest", latest);
  view.set("has_latest", latest_count > 0);
  view.set("total", util::format_thousands(static_cast<long long>(m_site.stories.size())));
  data browse{data::type::list};
  for (const TaxonomyId id : {TaxonomyId::livello, TaxonomyId::competenza}) {
    const Taxonomy& taxonomy = m_site.taxonomy(id);
    data group = term_list(taxonomy);
    group.set("url", "/esperienze/" + taxonomy.segment + "/");
    group.set("anchor", taxonomy.segment);
    browse.push_back(group);
  }
  view.set("browse", browse);
  return view;
}

}  // namespace vetrina
