#include "generator/render/page_table.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "generator/render/related_stories.h"
#include "generator/render/stats_page.h"
#include "generator/render/views.h"

namespace vetrina {

namespace {

const std::string k_stories_url = "/esperienze/";

// How many pages a list of `count` stories takes (at least one).
int pages_of(const Site& site, std::size_t count) {
  const auto per_page = static_cast<std::size_t>(site.config.per_page);
  return std::max(1, static_cast<int>((count + per_page - 1) / per_page));
}

// URL rules.

void plan_home(const Site& /*site*/, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  jobs.push_back({PageKind::home, "/", 0, "", 1});
}

void plan_story_list(const Site& site, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  for (int p = 1; p <= pages_of(site, site.stories.size()); ++p) {
    jobs.push_back({PageKind::story_list, page_url(k_stories_url, p), 0, "", p});
  }
}

void plan_term_list(const Site& site, std::size_t taxonomy, std::vector<PageJob>& jobs) {
  jobs.push_back({PageKind::term_list, k_stories_url + site.taxonomies[taxonomy].segment + "/", taxonomy, "", 1});
}

// Only terms with stories get pages: there are no empty lists.
void plan_term_stories(const Site& site, std::size_t taxonomy, std::vector<PageJob>& jobs) {
  const Taxonomy& terms = site.taxonomies[taxonomy];
  const std::string base = k_stories_url + terms.segment + "/";
  for (const auto& term : terms.terms) {
    const auto it = site.stories_by_term[taxonomy].find(term.id);
    if (it == site.stories_by_term[taxonomy].end() || it->second.empty()) {
      continue;
    }
    for (int p = 1; p <= pages_of(site, it->second.size()); ++p) {
      jobs.push_back({PageKind::term_stories, page_url(base + term.id + "/", p), taxonomy, term.id, p});
    }
  }
}

void plan_stories(const Site& site, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    jobs.push_back({PageKind::story, site.stories[i].url(), i, "", 1});
  }
}

void plan_plain_pages(const Site& site, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    jobs.push_back({PageKind::page, site.pages[i].url(), i, "", 1});
  }
}

void plan_awards(const Site& /*site*/, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  jobs.push_back({PageKind::awards, "/premi/", 0, "", 1});
}

void plan_award_years(const Site& site, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  for (std::size_t i = 0; i < site.awards.size(); ++i) {
    jobs.push_back({PageKind::award_year, site.awards[i].url(), i, "", 1});
  }
}

void plan_events(const Site& /*site*/, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  jobs.push_back({PageKind::events, "/eventi/", 0, "", 1});
}

void plan_not_found(const Site& /*site*/, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  jobs.push_back({PageKind::not_found, "/404.html", 0, "", 1});
}

void plan_stats(const Site& site, std::size_t /*taxonomy*/, std::vector<PageJob>& jobs) {
  for (const auto& url : stats_page_urls(site)) {
    jobs.push_back({PageKind::stats, url, 0, "", 1});
  }
}

// Fingerprints.

// The page's share of a list of `count` stories; story(i) is the i-th one's
// index. The first page also shows the list's filters, counted over every
// story of the list (list_filters.h).
template <typename StoryAt>
void add_list_page(const Site& site, const PageJob& job, const RenderInputs& inputs, std::size_t count,
                   const StoryAt& story, util::Hasher& hasher) {
  const auto per_page = static_cast<std::size_t>(site.config.per_page);
  hasher.add(count);
  const std::size_t begin = static_cast<std::size_t>(job.page - 1) * per_page;
  const std::size_t end = job.page == 1 ? count : begin + per_page;
  for (std::size_t i = begin; i < count && i < end; ++i) {
    hasher.add(inputs.stories[story(i)]);
  }
}

void story_list_inputs(const Site& site, const PageJob& job, const RenderInputs& inputs, util::Hasher& hasher) {
  add_list_page(
      site, job, inputs, site.stories.size(), [](std::size_t i) { return i; }, hasher);
}

// The number of stories of each term.
void term_list_inputs(const Site& site, const PageJob& job, const RenderInputs& /*inputs*/, util::Hasher& hasher) {
  for (const auto& [term, stories] : site.stories_by_term[job.index]) {
    hasher.add(term).add(stories.size());
  }
}

void term_stories_inputs(const Site& site, const PageJob& job, const RenderInputs& inputs, util::Hasher& hasher) {
  const std::vector<std::size_t>& stories = site.stories_by_term[job.index].at(job.term);
  add_list_page(
      site, job, inputs, stories.size(), [&stories](std::size_t i) { return stories[i]; }, hasher);
}

// The story, the cards of its related stories and its neighbours' titles.
void story_inputs(const Site& site, const PageJob& job, const RenderInputs& inputs, util::Hasher& hasher) {
  hasher.add(inputs.stories[job.index]);
  const auto add_related = [&](const std::vector<std::size_t>& related) {
    for (const std::size_t other : related) {
      hasher.add(inputs.stories[other]);
    }
  };
  if (job.index < inputs.related.size()) {
    add_related(inputs.related[job.index]);
  } else {
    add_related(related_stories(site, job.index));
  }
  hasher.add(job.index > 0 ? inputs.stories[job.index - 1] : 0);
  hasher.add(job.index + 1 < inputs.stories.size() ? inputs.stories[job.index + 1] : 0);
}

// Kept out of search engines.

// A taxonomy no story uses yet: its list says "none yet".
bool no_terms_yet(const Site& site, const PageJob& job) {
  return site.stories_by_term[job.index].empty();
}

bool always(const Site& /*site*/, const PageJob& /*job*/) {
  return true;
}

// Output order: the plan, the sitemap and site_urls follow it. Award pages
// have no fingerprint on purpose: they cite stories by title, and there are
// few. The statistics are not part of RenderInputs, so /numeri/ has none.
constexpr std::array<PageKindRow, 11> k_table = {{
    {PageKind::home, "home", "home", PageScope::site, plan_home, nullptr, nullptr, home_page},
    {PageKind::story_list, "list", "list", PageScope::site, plan_story_list, story_list_inputs, nullptr,
     story_list_page},
    {PageKind::term_list, "terms", "terms", PageScope::taxonomy, plan_term_list, term_list_inputs, no_terms_yet,
     term_list_page},
    {PageKind::term_stories, "list", "list", PageScope::taxonomy, plan_term_stories, term_stories_inputs, nullptr,
     term_stories_page},
    {PageKind::story, "story", "story", PageScope::site, plan_stories, story_inputs, nullptr, story_page},
    {PageKind::page, "page", "page", PageScope::site, plan_plain_pages, nullptr, nullptr, plain_page},
    {PageKind::awards, "awards", "awards", PageScope::site, plan_awards, nullptr, nullptr, awards_page},
    {PageKind::award_year, "award-year", "award", PageScope::site, plan_award_years, nullptr, nullptr, award_year_page},
    {PageKind::events, "events", "events", PageScope::site, plan_events, nullptr, nullptr, events_page},
    {PageKind::not_found, "404", "not_found", PageScope::site, plan_not_found, nullptr, always, not_found_page},
    {PageKind::stats, k_stats_template, k_stats_key, PageScope::site, plan_stats, nullptr, nullptr, numbers_page},
}};

}  // namespace

std::span<const PageKindRow> page_table() {
  return k_table;
}

const PageKindRow& page_row(PageKind kind) {
  for (const auto& row : k_table) {
    if (row.kind == kind) {
      return row;
    }
  }
  throw std::logic_error("page kind without a row in the page table");
}

std::uint64_t page_fingerprint(const Site& site, const PageJob& job, std::uint64_t address,
                               const RenderInputs& inputs) {
  const PageKindRow& row = page_row(job.kind);
  if (row.fingerprint == nullptr) {
    return 0;
  }
  util::Hasher hasher;
  hasher.add(inputs.site).add(address);
  row.fingerprint(site, job, inputs, hasher);
  return hasher.value() == 0 ? 1 : hasher.value();
}

}  // namespace vetrina
