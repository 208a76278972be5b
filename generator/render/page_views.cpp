#include "generator/render/page_views.h"

#include <optional>
#include <utility>

#include "generator/render/list_filters.h"

namespace vetrina {

namespace {

const std::string k_stories_url = "/esperienze/";
const std::string k_stories_title = "Esperienze";
const std::string k_awards_title = "Premi e riconoscimenti";

const Crumb k_home_crumb = {"Home", "/"};

// "Esperienze – pagina 2" past the first page of a list.
std::string with_page(const std::string& title, int page) {
  return page > 1 ? title + " – pagina " + std::to_string(page) : title;
}

// The search filters of a list's first page (list_filters.h), when it has them.
void set_filters(TemplateData& view, std::optional<TemplateData> filters) {
  if (filters) {
    view.set("has_filters", true);
    view.set("filters", *filters);
  }
}

}  // namespace

PageView home_page(const PageContext& context, const PageJob& /*job*/) {
  PageView page;
  page.meta.title = context.site.config.title;
  page.data = context.views.home();
  return page;
}

PageView story_list_page(const PageContext& context, const PageJob& job) {
  PageView page;
  page.meta.title = with_page(k_stories_title, job.page);
  page.meta.description = "Tutte le esperienze eTwinning pubblicate, dalla più recente.";
  page.meta.crumbs = {k_home_crumb};
  if (job.page > 1) {
    page.meta.crumbs.push_back({k_stories_title, k_stories_url});
  }
  page.data = context.views.story_list(context.all_stories, job.page, k_stories_url);
  if (job.page == 1) {
    set_filters(page.data, list_filters(context.site, context.views.term_places(), context.all_stories, std::nullopt));
  }
  page.data.set("title", k_stories_title);
  page.data.set("description", std::string("Tutte le esperienze pubblicate, dalla più recente."));
  return page;
}

PageView term_list_page(const PageContext& context, const PageJob& job) {
  const Taxonomy& taxonomy = context.site.taxonomies[job.index];
  PageView page;
  page.meta.title = taxonomy.plural;
  page.meta.description = taxonomy.description;
  page.meta.crumbs = {k_home_crumb, {k_stories_title, k_stories_url}};
  page.data = context.views.term_list(taxonomy);
  return page;
}

PageView term_stories_page(const PageContext& context, const PageJob& job) {
  const Taxonomy& taxonomy = context.site.taxonomies[job.index];
  const Term& term = *taxonomy.find(job.term);
  const std::vector<std::size_t>& stories = context.site.stories_by_term[job.index].at(job.term);
  const std::string base = context.views.term_url(taxonomy, term.id);
  const std::string title = taxonomy.label + ": " + term.label;
  PageView page;
  page.meta.title = with_page(title, job.page);
  page.meta.description = term.description.empty()
                              ? "Le esperienze eTwinning con " + taxonomy.label + " " + term.label + "."
                              : term.description;
  page.meta.crumbs = {
      k_home_crumb, {k_stories_title, k_stories_url}, {taxonomy.plural, k_stories_url + taxonomy.segment + "/"}};
  if (job.page > 1) {
    page.meta.crumbs.push_back({title, base});
  }
  page.data = context.views.story_list(stories, job.page, base);
  if (job.page == 1) {
    set_filters(page.data, list_filters(context.site, context.views.term_places(), stories,
                                        std::make_pair(static_cast<TaxonomyId>(job.index), job.term)));
  }
  page.data.set("title", title);
  set_if(page.data, "description", term.description);
  return page;
}

PageView story_page(const PageContext& context, const PageJob& job) {
  const Story& story = context.site.stories[job.index];
  PageView page;
  page.meta.title = story.title.value;
  page.meta.description = story.summary.value;
  page.meta.og_type = "article";
  page.meta.stylesheet = "story";
  page.meta.crumbs = {k_home_crumb, {k_stories_title, k_stories_url}};
  if (const PublishedImage* picture = context.views.picture(job.index); picture != nullptr && picture->og) {
    const bool photo = story.cover && story.cover->published;
    page.meta.og_image = picture->og->url;
    page.meta.og_image_alt = photo ? story.cover->alt : "Copertina dell'esperienza: " + story.title.value;
  }
  page.meta.json_ld = context.views.story_json_ld(story, page.meta.crumbs);
  page.data = context.views.story(story);
  return page;
}

PageView plain_page(const PageContext& context, const PageJob& job) {
  const Page& plain = context.site.pages[job.index];
  PageView page;
  page.meta.title = plain.title;
  page.meta.description = plain.description;
  page.meta.crumbs = {k_home_crumb};
  page.data.set("title", plain.title);
  page.data.set("body", plain.body_html);
  return page;
}

PageView awards_page(const PageContext& context, const PageJob& /*job*/) {
  PageView page;
  page.meta.title = k_awards_title;
  page.meta.description =
      "Come funzionano i riconoscimenti eTwinning: Certificati di Qualità nazionali ed europei, "
      "Premi nazionali nelle cinque categorie, menzioni speciali e Premi europei, anno per anno.";
  page.meta.crumbs = {k_home_crumb};
  page.meta.stylesheet = "charts";  // the Quality Label chart
  page.data = context.views.awards_index();
  return page;
}

PageView award_year_page(const PageContext& context, const PageJob& job) {
  const AwardYear& award = context.site.awards[job.index];
  PageView page;
  page.meta.title = k_awards_title + " " + std::to_string(award.year);
  page.meta.description = "I Premi nazionali eTwinning " + std::to_string(award.year) +
                          " per categoria, le menzioni speciali, i Premi europei e i Certificati di Qualità.";
  page.meta.crumbs = {k_home_crumb, {k_awards_title, "/premi/"}};
  page.data = context.views.award_year(award);
  return page;
}

PageView events_page(const PageContext& context, const PageJob& /*job*/) {
  PageView page;
  page.meta.title = "Eventi";
  page.meta.description =
      "Conferenze nazionali, conferenze tematiche, festival e fiere organizzati dall'Unità "
      "nazionale eTwinning.";
  page.meta.crumbs = {k_home_crumb};
  page.data = context.views.events();
  return page;
}

PageView not_found_page(const PageContext& /*context*/, const PageJob& /*job*/) {
  PageView page;
  page.meta.title = "Pagina non trovata";
  return page;
}

}  // namespace vetrina
