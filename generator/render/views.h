#pragma once
// Views: the data each template receives, made from the model (Site). This is
// the only place that decides what a page shows; templates only lay it out.
// Every string handed to a template is plain text (kainjow escapes it with
// {{name}}); the only raw fields are body HTML made by markdown.h and JSON-LD
// made here with '<' escaped. Views are pure functions of the Site and safe to
// call from several threads. The Views class is implemented in four files:
// views.cpp (cards, covers, the frame), story_views.cpp (the story page),
// list_views.cpp (story lists, term lists, the home page) and
// award_views.cpp (awards and events); page_views.h puts them in pages.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "generator/media/cover_image.h"
#include "generator/model/site.h"
#include "generator/render/template_data.h"
#include "generator/render/term_places.h"
#include "generator/render/theme.h"

namespace vetrina {

// A term's label, or its id when the taxonomy does not know it.
const std::string& term_label(const Taxonomy& taxonomy, const std::string& id);

// "10 maggio 2016".
std::string italian_date(const Date& date);
// "1 esperienza", "12 esperienze".
std::string stories_count_label(std::size_t count);

struct PageLink {
  int number = 0;  // 0 = an ellipsis
  std::string url;
  bool current = false;
};
// The page numbers a pagination bar shows for page `current` of `count`:
// the first, the last and two either side of the current, with ellipses.
std::vector<PageLink> pagination_window(int current, int count, const std::string& base_url);
// "/esperienze/" for page 1, "/esperienze/pagina/3/" for page 3.
std::string page_url(const std::string& base_url, int page);

struct Crumb {
  std::string label;
  std::string url;
};

// What goes into <head> and the page frame.
struct PageMeta {
  std::string title;        // the page's own title; the site title is appended
  std::string description;  // meta description (plain text)
  std::string url;          // site-relative, e.g. "/esperienze/x/"
  std::string og_type = "website";
  std::string og_image;  // site-relative URL of a 1200x630 image, or empty
  std::string og_image_alt;
  std::string json_ld;  // raw JSON-LD, already safe for <script>
  bool noindex = false;
  std::vector<Crumb> crumbs;  // without the current page; empty = no breadcrumbs
  // A stylesheet of this page kind after style.css: the theme's
  // assets/<stylesheet>.css ("story", "charts"); none when empty or when the
  // theme has no such file.
  std::string stylesheet;
};

class Views {
 public:
  // Asset addresses (style.css, story.js, search.js) carry the theme's
  // fingerprint (?v=), since /assets/ is served as immutable.
  Views(const Site& site, const Theme& theme);
  ~Views();
  Views(const Views&) = delete;
  Views& operator=(const Views&) = delete;

  // Frame data shared by every page: site, meta, breadcrumbs, menus with the
  // current section marked; og:image is the site's generated cover when the
  // page has none of its own.
  TemplateData frame(const PageMeta& meta) const;
  // A story's card data: what partials/card.mustache receives.
  TemplateData card(std::size_t story_index) const { return make_card(m_site.stories[story_index]); }
  // The same card with its picture loaded at once (no loading="lazy"): for
  // the first cards of a page, which are in the first screen.
  TemplateData eager_card(std::size_t story_index) const;
  // The card as HTML: partials/card.mustache rendered with the card's data
  // and nothing else, so no value of the page around it (an example story's
  // badge, its school year or place) can show through a field the card
  // lacks. Rendered once per story (and per `eager`) and kept, packed, for
  // every list it appears on, as Hugo's partialCached does. Thread-safe.
  std::string card_html(std::size_t story_index, bool eager = false) const;
  // A list's entry for site.stories[i]: {{{html}}}.
  TemplateData card_entry(std::size_t story_index, bool eager = false) const;
  // Makes the generated cover and the card of site.stories[story_index]
  // again after that story changed in place. Not while pages render.
  void refresh_cover(std::size_t story_index);
  TemplateData story(const Story& story) const;
  // The picture of site.stories[i]: its cover photo, else its generated
  // cover (cover_image.h); nullptr when it has neither (a theme without
  // fonts/cover.ttf).
  const PublishedImage* picture(std::size_t story_index) const;
  // The site's generated cover (home and list pages' og:image), or nullptr.
  const PublishedImage* site_picture() const { return m_site_cover ? &*m_site_cover : nullptr; }
  // The generated cover of site.stories[i] (null for a story with a cover photo, or without a cover font).
  const PublishedImage* generated_cover_of(std::size_t story_index) const {
    return m_covers.at(story_index) ? &*m_covers[story_index] : nullptr;
  }
  // JSON-LD (@graph: Article + BreadcrumbList) for a story page.
  std::string story_json_ld(const Story& story, const std::vector<Crumb>& crumbs) const;
  // A paginated list of stories (indexes into site.stories), page `page` of it.
  TemplateData story_list(const std::vector<std::size_t>& stories, int page, const std::string& base_url) const;
  // The terms of a taxonomy that have stories, with counts and links.
  TemplateData term_list(const Taxonomy& taxonomy) const;
  TemplateData home() const;
  // Awards and events (award_views.cpp).
  TemplateData awards_index() const;
  TemplateData award_year(const AwardYear& award) const;
  TemplateData events() const;
  // "30 settembre – 1 ottobre 2014".
  static std::string event_dates(const Event& event);

  const Site& site() const { return m_site; }
  // The stories' terms as places in their taxonomies (for counting).
  const TermPlaces& term_places() const { return m_term_places; }
  // "/esperienze/<segment>/<term>/".
  std::string term_url(const Taxonomy& taxonomy, const std::string& term_id) const;
  std::string absolute(const std::string& url) const { return m_site.config.base_url + url; }

 private:
  TemplateData make_card(const Story& story) const;
  // The index in site.stories of `story` (a reference into it, or a copy of one).
  std::size_t index_of(const Story& story) const;
  TemplateData term_links(const Story& story, TaxonomyId id) const;
  TemplateData menu(const std::vector<MenuItem>& items, const std::string& url) const;

  const Site& m_site;
  std::string m_css_url;
  std::map<std::string, std::string> m_stylesheet_urls;  // "story" -> /assets/story.css?v=...
  std::string m_story_js_url;
  std::string m_search_js_url;
  std::uint64_t m_font_hash = 0;                        // 0: no generated covers
  std::vector<std::optional<PublishedImage>> m_covers;  // generated, per story without a photo
  TermPlaces m_term_places;
  std::optional<PublishedImage> m_site_cover;
  struct CardCache;
  std::unique_ptr<CardCache> m_cards;  // card_html()'s kept cards and card templates
};

// "dall'Unità nazionale eTwinning INDIRE" (a name starting with a vowel),
// "da Ministero ..." otherwise: the footer's "curato ..." line.
std::string by_publisher(const std::string& publisher);

// JSON text made safe inside <script>: '<' becomes \u003c.
std::string script_safe_json(const std::string& json);

}  // namespace vetrina
