#pragma once
// The views of whole pages: for each kind of page of the page table
// (page_table.h), what its frame shows (title, description, breadcrumbs,
// og:image, JSON-LD: PageMeta) and the data its template receives. The
// Italian text of the pages' heads lives here, like the rest of the site's
// text in views (it is the site's language, site.yaml `language`, not the
// language of whoever runs the build: no gettext). Pure functions of their
// context, safe to call from several threads.

#include <cstddef>
#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/render/page_job.h"
#include "generator/render/template_data.h"
#include "generator/render/views.h"

namespace vetrina {

// What the views of pages read. The referenced objects must outlive it.
struct PageContext {
  const Site& site;
  const Views& views;
  const std::vector<std::size_t>& all_stories;  // 0..n-1: the stories of /esperienze/
};

// A page's view: its frame's meta (the renderer sets `url` and `noindex`
// from the page table) and the data of its template.
struct PageView {
  PageMeta meta;
  TemplateData data;
};

// One per row of the page table; `job` is a page of that row's kind.
PageView home_page(const PageContext& context, const PageJob& job);
PageView story_list_page(const PageContext& context, const PageJob& job);
PageView term_list_page(const PageContext& context, const PageJob& job);
PageView term_stories_page(const PageContext& context, const PageJob& job);
PageView story_page(const PageContext& context, const PageJob& job);
PageView plain_page(const PageContext& context, const PageJob& job);
PageView awards_page(const PageContext& context, const PageJob& job);
PageView award_year_page(const PageContext& context, const PageJob& job);
PageView events_page(const PageContext& context, const PageJob& job);
PageView not_found_page(const PageContext& context, const PageJob& job);

}  // namespace vetrina
