#include "generator/render/views.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include "generator/render/image_view.h"
#include "generator/util/hash.h"
#include "generator/util/packed_text.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

constexpr const char* k_months[] = {"gennaio", "febbraio", "marzo",     "aprile",  "maggio",   "giugno",
                                    "luglio",  "agosto",   "settembre", "ottobre", "novembre", "dicembre"};

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

namespace {

// A kept card: its HTML as it is, or packed (CardCache::pack).
class KeptCard {
 public:
  KeptCard(std::string html, bool pack) {
    if (pack) {
      m_packed = util::PackedText(html);
    } else {
      m_plain = std::move(html);
    }
  }
  std::string str() const { return m_packed.empty() ? m_plain : m_packed.str(); }

 private:
  std::string m_plain;
  util::PackedText m_packed;
};

}  // namespace

// Cards rendered once per story: two slots a story (lazy, eager picture),
// each empty or a kept HTML card, filled by whichever worker needs it
// first (a card is the same whoever renders it, so a lost race only costs
// the loser's copy). Parsed card templates are lent from a pool: kainjow's
// renderer is not safe to share, and misses are few (one per slot).
struct Views::CardCache {
  // Cards are packed on sites of more stories than this. A card is read
  // back on every list page it is on (about 17 times a story on the
  // benchmark's sites): unpacking them all took 3 % of a 10,000-story
  // build's CPU, for the 20 MB plain cards take there, while at 100,000
  // stories packing them keeps 200 MB off the 2 GiB bar
  // (docs/performance.md).
  static constexpr std::size_t k_plain_up_to = 20000;

  CardCache(std::size_t stories, std::string card_source)
      : count(2 * stories),
        pack(stories > k_plain_up_to),
        slots(std::make_unique<std::atomic<const KeptCard*>[]>(count)),
        source(std::move(card_source)) {
    for (std::size_t i = 0; i < count; ++i) {
      slots[i].store(nullptr, std::memory_order_relaxed);
    }
  }
  CardCache(const CardCache&) = delete;
  CardCache& operator=(const CardCache&) = delete;
  ~CardCache() {
    for (std::size_t i = 0; i < count; ++i) {
      delete slots[i].load(std::memory_order_relaxed);
    }
  }

  // Slot `eager` of site.stories[story_index]; throws std::out_of_range
  // past the stories these views were made for.
  std::atomic<const KeptCard*>& slot(std::size_t story_index, bool eager) const {
    if (story_index >= count / 2) {
      throw std::out_of_range("no card for story " + std::to_string(story_index));
    }
    return slots[2 * story_index + (eager ? 1 : 0)];
  }

  void drop(std::size_t story_index) {
    for (const bool eager : {false, true}) {
      delete slot(story_index, eager).exchange(nullptr, std::memory_order_acq_rel);
    }
  }

  std::string render(const TemplateData& card) {
    std::unique_ptr<kainjow::mustache::mustache> parsed;
    {
      const std::lock_guard lock(mutex);
      if (!idle.empty()) {
        parsed = std::move(idle.back());
        idle.pop_back();
      }
    }
    if (!parsed) {
      parsed = std::make_unique<kainjow::mustache::mustache>(source);
    }
    std::string html = parsed->render(card);
    const std::lock_guard lock(mutex);
    idle.push_back(std::move(parsed));
    return html;
  }

  std::size_t count;
  bool pack;
  std::unique_ptr<std::atomic<const KeptCard*>[]> slots;
  std::string source;  // partials/card.mustache, its own partials inlined
  std::mutex mutex;
  std::vector<std::unique_ptr<kainjow::mustache::mustache>> idle;
};

namespace {

// The card partial of `theme`; empty cards for a theme loaded without it
// (Theme::load requires it of every theme a site is built with).
std::string card_source(const Theme& theme) {
  const auto found = theme.sources().find(k_card_template);
  return found != theme.sources().end() ? found->second : std::string();
}

}  // namespace

Views::~Views() = default;

Views::Views(const Site& site, const Theme& theme)
    : m_site(site), m_term_places(site), m_cards(std::make_unique<CardCache>(site.stories.size(), card_source(theme))) {
  auto asset = [&theme](const std::string& path) { return "/" + path + "?v=" + theme.fingerprint(path); };
  m_css_url = asset("assets/style.css");
  for (const auto& file : theme.static_files()) {
    const std::string_view path = file.path;
    if (path.starts_with("assets/") && path.ends_with(".css") && path.find('/', 7) == std::string_view::npos &&
        path != "assets/style.css") {
      m_stylesheet_urls[std::string(path.substr(7, path.size() - 11))] = asset(file.path);
    }
  }
  m_story_js_url = asset("assets/story.js");
  m_search_js_url = asset("assets/search.js");
  if (!theme.cover_font().empty()) {
    m_font_hash = cover_font_hash(theme.cover_font());
    m_site_cover = generated_cover(site_cover_spec(site), m_font_hash);
  }
  m_covers.resize(site.stories.size());
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    refresh_cover(i);
  }
}

void Views::refresh_cover(std::size_t story_index) {
  const Story& story = m_site.stories.at(story_index);
  m_covers.at(story_index).reset();
  m_cards->drop(story_index);
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
  set_if(card, "place", place);  // empty: no " · " before nothing
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

data Views::eager_card(std::size_t story_index) const {
  data card = this->card(story_index);
  if (const data* image = card.get("image")) {
    data eager = *image;
    eager.set("lazy", false);
    card.set("image", eager);
  }
  return card;
}

std::string Views::card_html(std::size_t story_index, bool eager) const {
  std::atomic<const KeptCard*>& slot = m_cards->slot(story_index, eager);
  if (const KeptCard* kept = slot.load(std::memory_order_acquire)) {
    return kept->str();
  }
  std::string html = m_cards->render(eager ? eager_card(story_index) : card(story_index));
  auto kept = std::make_unique<KeptCard>(html, m_cards->pack);
  const KeptCard* expected = nullptr;
  if (slot.compare_exchange_strong(expected, kept.get(), std::memory_order_acq_rel)) {
    kept.release();  // NOLINT(bugprone-unused-return-value): the slot owns it now
  }
  return html;
}

data Views::card_entry(std::size_t story_index, bool eager) const {
  return data{"html", card_html(story_index, eager)};
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
  if (const auto sheet = m_stylesheet_urls.find(meta.stylesheet); sheet != m_stylesheet_urls.end()) {
    head.set("css", sheet->second);
  }
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

}  // namespace vetrina
