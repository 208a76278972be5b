// The views of lists (Views::story_list, Views::term_list) and of the home
// page, which is made of lists: cards of stories, terms with their counts.
#include "generator/render/views.h"

#include "generator/render/stats_views.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

using kainjow::mustache::data;

// Headline figures of content/stats/index.yaml shown on the home page (the first ones).
constexpr std::size_t k_home_key_numbers = 4;
// The cards of a page whose pictures load at once (the first row on a wide
// screen, the first card on a phone); the others wait until scrolled near.
constexpr std::size_t k_eager_cards = 3;

}  // namespace

data Views::story_list(const std::vector<std::size_t>& stories, int page, const std::string& base_url) const {
  const auto per_page = static_cast<std::size_t>(m_site.config.per_page);
  const int pages = std::max(1, static_cast<int>((stories.size() + per_page - 1) / per_page));
  data view;
  view.set("count", stories_count_label(stories.size()));
  data cards{data::type::list};
  const std::size_t begin = static_cast<std::size_t>(page - 1) * per_page;
  for (std::size_t i = begin; i < stories.size() && i < begin + per_page; ++i) {
    cards.push_back(card_entry(stories[i], i < begin + k_eager_cards));
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
  std::size_t featured_count = 0;
  for (const auto& slug : m_site.config.featured) {
    const auto it = m_site.story_index.find(slug.value);
    if (it != m_site.story_index.end() && shown[it->second] == 0) {
      shown[it->second] = 1;
      featured.push_back(card_entry(it->second, featured_count++ < k_eager_cards));
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
          winners.push_back(card_entry(index));
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
      // Without featured stories, the latest come first on the page.
      const bool first_screen = featured_count == 0 && latest_count < k_eager_cards;
      latest.push_back(card_entry(i, first_screen));
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
