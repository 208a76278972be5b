#include "generator/render/renderer.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <set>
#include <stdexcept>

#include "generator/render/feeds.h"
#include "generator/render/list_filters.h"
#include "generator/render/markdown.h"
#include "generator/render/related_stories.h"
#include "generator/render/stats_page.h"
#include "generator/render/views.h"
#include "generator/util/hash.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "generator/util/safe_url.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

// The search filters of a list's first page (list_filters.h), when it has them.
void set_filters(TemplateData& view, std::optional<TemplateData> filters) {
  if (filters) {
    view.set("has_filters", true);
    view.set("filters", *filters);
  }
}

const std::string k_stories_url = "/esperienze/";
const std::string k_stories_title = "Esperienze";

bool has_scheme(const std::string& url) {
  const auto colon = url.find(':');
  if (colon == std::string::npos || colon == 0) {
    return false;
  }
  const auto slash = url.find_first_of("/?#");
  return slash == std::string::npos || colon < slash;
}

// Splits "a/b#c" into "a/b" and "#c" (same for '?').
std::pair<std::string, std::string> split_fragment(const std::string& url) {
  const auto cut = url.find_first_of("?#");
  if (cut == std::string::npos) {
    return {url, ""};
  }
  return {url.substr(0, cut), url.substr(cut)};
}

// What a link under /esperienze/ names: nullopt when it is no such link,
// "" for a list address (not a story), else a story slug. Story links are
// "../x/", "../x", "../x/index.md" (relative to a story) or "/esperienze/x/".
// The name may be the folder's ("../Città verde/", percent-encoded or not):
// it is made into a slug like the folder itself. `reserved` are the other
// addresses under /esperienze/ (lists, pagination), which are not stories.
std::optional<std::string> linked_story(const std::string& path, bool from_story,
                                        const std::vector<std::string>& reserved) {
  std::string rest;
  if (from_story && util::starts_with(path, "../")) {
    rest = path.substr(3);
  } else if (util::starts_with(path, k_stories_url) && path.size() > k_stories_url.size()) {
    rest = path.substr(k_stories_url.size());
  } else {
    return std::nullopt;
  }
  const auto first = rest.substr(0, rest.find('/'));
  if (std::find(reserved.begin(), reserved.end(), first) != reserved.end()) {
    return std::string();  // /esperienze/livello/..., /esperienze/pagina/2/
  }
  if (util::ends_with(rest, "/index.md")) {
    rest.resize(rest.size() - 9);
  } else if (!rest.empty() && rest.back() == '/') {
    rest.pop_back();
  }
  if (rest.empty() || rest.find('/') != std::string::npos) {
    return std::nullopt;
  }
  return util::slugify(util::url_decode(rest));
}

class BodyRenderer {
 public:
  BodyRenderer(const Site& site, const util::FileSystem& fs, DiagnosticBag& diagnostics)
      : m_site(site), m_fs(fs), m_diagnostics(diagnostics) {
    m_reserved.emplace_back("pagina");
    for (const auto& taxonomy : site.taxonomies) {
      m_reserved.push_back(taxonomy.segment);
    }
  }

  // `folder` is empty for plain pages (they have no files beside them).
  RenderedMarkdown render(const std::string& body, const std::string& source_path, int body_line,
                          const std::string& folder, std::vector<std::string>* files,
                          std::vector<std::string>* links) const {
    auto resolve = [&](const std::string& url, bool is_image, int line, int column) -> std::optional<std::string> {
      const Location where{source_path, body_line + line - 1, column};
      if (is_unsafe_url(url)) {
        m_diagnostics.error(where,
                            tr("link '{}...' cannot be published: addresses starting with javascript:, vbscript:, "
                               "file: or data: are removed for the visitors' safety; use an https:// address",
                               url.substr(0, url.find(':') + 1)));
        return std::nullopt;
      }
      if (url.empty() || url[0] == '#' || has_scheme(url) || util::starts_with(url, "//")) {
        return std::nullopt;
      }
      const auto [path, fragment] = split_fragment(url);
      const auto linked = linked_story(path, !folder.empty(), m_reserved);
      if (linked && linked->empty()) {
        return std::nullopt;  // a list page under /esperienze/: fine as written
      }
      if (linked) {
        const std::string& slug = *linked;
        if (links != nullptr && std::find(links->begin(), links->end(), slug) == links->end()) {
          links->push_back(slug);
        }
        const auto listed = [&slug](const std::vector<std::string>& slugs) {
          return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
        };
        if (m_site.find_story(slug) == nullptr && listed(m_site.draft_slugs)) {
          m_diagnostics.error(where, tr("link to the story '{}', which is a draft (draft: true): it is not published "
                                        "yet, so the link would lead nowhere",
                                        slug));
          return std::nullopt;
        }
        if (m_site.find_story(slug) == nullptr && listed(m_site.broken_slugs)) {
          return std::nullopt;  // that story's own errors are reported already
        }
        if (m_site.find_story(slug) == nullptr) {
          m_diagnostics.error(
              where, tr("link to a missing story '{}'{}", url, util::did_you_mean_suffix(slug, m_site.sorted_slugs())));
          return std::nullopt;
        }
        return k_stories_url + slug + "/" + fragment;
      }
      if (path.empty() || path[0] == '/' || folder.empty()) {
        return std::nullopt;  // other site addresses are the editor's to choose
      }
      if (is_image) {
        m_diagnostics.error(where, _("photos go in 'cover' or 'gallery', not in the text: there they get 'alt', the "
                                     "liberatoria check and their metadata (GPS) removed"));
        return std::nullopt;
      }
      // A file beside the story: it must exist and stay inside the folder.
      if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos) {
        m_diagnostics.error(where, tr("{} '{}' points outside the story folder; put the file in {}",
                                      std::string(is_image ? _("image") : _("link")), url, folder));
        return std::nullopt;
      }
      const util::FileLimits limits{folder, m_site.config.file_limits.max_file_bytes};
      const util::FileCheck check = m_fs.check_file(util::join_path(folder, path), limits);
      if (check.refusal == util::FileRefusal::missing) {
        m_diagnostics.error(
            where, tr("{} '{}' not found in {}", std::string(is_image ? _("image") : _("file")), path, folder));
        return std::nullopt;
      }
      if (!check.ok()) {
        m_diagnostics.error(
            where,
            tr("file '{}' cannot be published: {}{}", path, util::describe(check, limits),
               check.refusal == util::FileRefusal::too_large ? _(" (file_limits.max_file_bytes in site.yaml)") : ""));
        return std::nullopt;
      }
      if (files != nullptr && std::find(files->begin(), files->end(), path) == files->end()) {
        files->push_back(path);
      }
      return std::nullopt;
    };
    return render_markdown(body, resolve);
  }

 private:
  const Site& m_site;
  const util::FileSystem& m_fs;
  DiagnosticBag& m_diagnostics;
  std::vector<std::string> m_reserved;
};

enum class PageKind { home, story_list, term_list, term_stories, story, page, awards, award_year, events, not_found };

struct PageJob {
  PageKind kind;
  std::string url;
  std::size_t index = 0;  // story, page or taxonomy index
  std::string term;       // term id (term_stories)
  int page = 1;           // page number of a paginated list
};

std::vector<PageJob> plan_pages(const Site& site) {
  std::vector<PageJob> jobs;
  const auto per_page = static_cast<std::size_t>(site.config.per_page);
  auto pages_of = [per_page](std::size_t count) {
    return std::max(1, static_cast<int>((count + per_page - 1) / per_page));
  };
  jobs.push_back({PageKind::home, "/", 0, "", 1});
  for (int p = 1; p <= pages_of(site.stories.size()); ++p) {
    jobs.push_back({PageKind::story_list, page_url(k_stories_url, p), 0, "", p});
  }
  for (std::size_t t = 0; t < k_taxonomy_count; ++t) {
    const Taxonomy& taxonomy = site.taxonomies[t];
    const std::string base = k_stories_url + taxonomy.segment + "/";
    jobs.push_back({PageKind::term_list, base, t, "", 1});
    for (const auto& term : taxonomy.terms) {
      const auto it = site.stories_by_term[t].find(term.id);
      if (it == site.stories_by_term[t].end() || it->second.empty()) {
        continue;
      }
      for (int p = 1; p <= pages_of(it->second.size()); ++p) {
        jobs.push_back({PageKind::term_stories, page_url(base + term.id + "/", p), t, term.id, p});
      }
    }
  }
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    jobs.push_back({PageKind::story, site.stories[i].url(), i, "", 1});
  }
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    jobs.push_back({PageKind::page, site.pages[i].url(), i, "", 1});
  }
  jobs.push_back({PageKind::awards, "/premi/", 0, "", 1});
  for (std::size_t i = 0; i < site.awards.size(); ++i) {
    jobs.push_back({PageKind::award_year, site.awards[i].url(), i, "", 1});
  }
  jobs.push_back({PageKind::events, "/eventi/", 0, "", 1});
  jobs.push_back({PageKind::not_found, "/404.html", 0, "", 1});
  return jobs;
}

std::string with_page(const std::string& title, int page) {
  return page > 1 ? title + " – pagina " + std::to_string(page) : title;
}

class PageRenderer {
 public:
  PageRenderer(const Site& site, const Theme& theme) : m_site(site), m_views(site, theme) {
    m_all_stories.resize(site.stories.size());
    std::iota(m_all_stories.begin(), m_all_stories.end(), std::size_t{0});
  }

  // The card of story `index` after that story changed in place.
  void refresh_card(std::size_t index) { m_views.refresh_card(index); }

  std::string render(const PageJob& job, TemplateSet& templates) const {
    PageMeta meta;
    meta.url = job.url;
    std::string template_name;
    std::string key;
    TemplateData view;
    const std::vector<Crumb> home_crumb = {{"Home", "/"}};
    switch (job.kind) {
      case PageKind::home: {
        meta.title = m_site.config.title;
        view = m_views.home();
        key = "home";
        template_name = "home";
        break;
      }
      case PageKind::story_list: {
        meta.title = with_page(k_stories_title, job.page);
        meta.description = "Tutte le esperienze eTwinning pubblicate, dalla più recente.";
        meta.crumbs = job.page > 1 ? std::vector<Crumb>{{"Home", "/"}, {k_stories_title, k_stories_url}} : home_crumb;
        view = m_views.story_list(m_all_stories, job.page, k_stories_url);
        if (job.page == 1) {
          set_filters(view, list_filters(m_site, m_all_stories, std::nullopt));
        }
        view.set("title", k_stories_title);
        view.set("description", std::string("Tutte le esperienze pubblicate, dalla più recente."));
        key = "list";
        template_name = "list";
        break;
      }
      case PageKind::term_list: {
        const Taxonomy& taxonomy = m_site.taxonomies[job.index];
        meta.title = taxonomy.plural;
        meta.description = taxonomy.description;
        meta.crumbs = {{"Home", "/"}, {k_stories_title, k_stories_url}};
        meta.noindex = m_site.stories_by_term[job.index].empty();  // "none yet": kept out of search engines
        view = m_views.term_list(taxonomy);
        key = "terms";
        template_name = "terms";
        break;
      }
      case PageKind::term_stories: {
        const Taxonomy& taxonomy = m_site.taxonomies[job.index];
        const Term& term = *taxonomy.find(job.term);
        const std::string base = m_views.term_url(taxonomy, term.id);
        const std::string title = taxonomy.label + ": " + term.label;
        meta.title = with_page(title, job.page);
        meta.description = term.description.empty()
                               ? "Le esperienze eTwinning con " + taxonomy.label + " " + term.label + "."
                               : term.description;
        meta.crumbs = {
            {"Home", "/"}, {k_stories_title, k_stories_url}, {taxonomy.plural, k_stories_url + taxonomy.segment + "/"}};
        if (job.page > 1) {
          meta.crumbs.push_back({title, base});
        }
        view = m_views.story_list(m_site.stories_by_term[job.index].at(job.term), job.page, base);
        if (job.page == 1) {
          set_filters(view, list_filters(m_site, m_site.stories_by_term[job.index].at(job.term),
                                         std::make_pair(static_cast<TaxonomyId>(job.index), job.term)));
        }
        view.set("title", title);
        if (!term.description.empty()) {
          view.set("description", term.description);
        }
        key = "list";
        template_name = "list";
        break;
      }
      case PageKind::story: {
        const Story& story = m_site.stories[job.index];
        meta.title = story.title.value;
        meta.description = story.summary.value;
        meta.og_type = "article";
        meta.crumbs = {{"Home", "/"}, {k_stories_title, k_stories_url}};
        if (const PublishedImage* picture = m_views.picture(job.index); picture != nullptr && picture->og) {
          const bool photo = story.cover && story.cover->published;
          meta.og_image = picture->og->url;
          meta.og_image_alt = photo ? story.cover->alt : "Copertina dell'esperienza: " + story.title.value;
        }
        meta.json_ld = m_views.story_json_ld(story, meta.crumbs);
        view = m_views.story(story);
        key = "story";
        template_name = "story";
        break;
      }
      case PageKind::page: {
        const Page& page = m_site.pages[job.index];
        meta.title = page.title;
        meta.description = page.description;
        meta.crumbs = home_crumb;
        view.set("title", page.title);
        view.set("body", page.body_html);
        key = "page";
        template_name = "page";
        break;
      }
      case PageKind::awards: {
        meta.title = "Premi e riconoscimenti";
        meta.description =
            "Come funzionano i riconoscimenti eTwinning: Certificati di Qualità nazionali ed europei, "
            "Premi nazionali nelle cinque categorie, menzioni speciali e Premi europei, anno per anno.";
        meta.crumbs = home_crumb;
        view = m_views.awards_index();
        key = "awards";
        template_name = "awards";
        break;
      }
      case PageKind::award_year: {
        const AwardYear& award = m_site.awards[job.index];
        meta.title = "Premi e riconoscimenti " + std::to_string(award.year);
        meta.description = "I Premi nazionali eTwinning " + std::to_string(award.year) +
                           " per categoria, le menzioni speciali, i Premi europei e i Certificati di Qualità.";
        meta.crumbs = {{"Home", "/"}, {"Premi e riconoscimenti", "/premi/"}};
        view = m_views.award_year(award);
        key = "award";
        template_name = "award-year";
        break;
      }
      case PageKind::events: {
        meta.title = "Eventi";
        meta.description =
            "Conferenze nazionali, conferenze tematiche, festival e fiere organizzati dall'Unità "
            "nazionale eTwinning.";
        meta.crumbs = home_crumb;
        view = m_views.events();
        key = "events";
        template_name = "events";
        break;
      }
      case PageKind::not_found: {
        meta.title = "Pagina non trovata";
        meta.noindex = true;
        key = "not_found";
        template_name = "404";
        break;
      }
    }
    TemplateData context = m_views.frame(meta);
    context.set(key, view);
    return templates.get(template_name).render(context);
  }

 private:
  const Site& m_site;
  Views m_views;
  std::vector<std::size_t> m_all_stories;
};

}  // namespace

const std::vector<std::string>& required_templates() {
  static const std::vector<std::string> k_names = {"home",       "list",   "terms", "story",  "page",          "awards",
                                                   "award-year", "events", "404",   "search", k_stats_template};
  return k_names;
}

std::vector<std::string> site_urls(const Site& site) {
  std::vector<std::string> urls;
  for (const auto& job : plan_pages(site)) {
    urls.push_back(job.url);
  }
  urls.insert(urls.end(), {"/feed.xml", "/sitemap.xml", "/robots.txt", "/cerca/"});  // /cerca/: vetrina serve
  for (const auto& url : stats_page_urls(site)) {
    urls.push_back(url);
  }
  return urls;
}

void check_menu_links(const Site& site, DiagnosticBag& diagnostics) {
  const std::vector<std::string> urls = site_urls(site);
  const std::set<std::string> known(urls.begin(), urls.end());
  for (const auto* menu : {&site.config.main_menu, &site.config.footer_menu}) {
    for (const auto& item : *menu) {
      if (item.url.empty() || item.url[0] != '/' || util::starts_with(item.url, "//")) {
        continue;  // external addresses are the editor's to choose
      }
      const std::string path = split_fragment(item.url).first;
      if (known.count(path) == 0) {
        diagnostics.error(item.location, tr("menu link '{}' points to no page of the site{}", item.url,
                                            util::did_you_mean_suffix(path, urls)));
      }
    }
  }
}

void render_bodies(Site& site, const util::FileSystem& fs, unsigned jobs, DiagnosticBag& diagnostics) {
  std::vector<std::size_t> all(site.stories.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  render_bodies(site, fs, all, jobs, diagnostics);
}

void render_bodies(Site& site, const util::FileSystem& fs, const std::vector<std::size_t>& stories, unsigned jobs,
                   DiagnosticBag& diagnostics) {
  const BodyRenderer renderer(site, fs, diagnostics);
  util::parallel_for(stories.size(), jobs, [&](std::size_t i) {
    Story& story = site.stories[stories[i]];
    story.files.clear();
    story.linked_slugs.clear();
    RenderedMarkdown rendered = renderer.render(story.body, story.source_path, story.body_line, story.folder,
                                                &story.files, &story.linked_slugs);
    story.body_html = std::move(rendered.html);
    story.body_text = std::move(rendered.plain_text);
  });
  for (auto& page : site.pages) {
    page.body_html = renderer.render(page.body, page.source_path, page.body_line, "", nullptr, nullptr).html;
  }
}

namespace {

// What a page is made from, as one hash (see RenderInputs), or 0 for pages
// that show site-wide data (home, plain pages, awards, events, 404): those
// are always rendered, and compared by their bytes.
// `address` hashes the page's kind and URL (made once per plan).
std::uint64_t page_fingerprint(const Site& site, const PageJob& job, std::uint64_t address,
                               const RenderInputs& inputs) {
  util::Hasher hasher;
  hasher.add(inputs.site).add(address);
  // The page's share of a list of `count` stories; story(i) is the i-th one's
  // index. The first page also shows the list's filters, counted over
  // every story of the list (list_filters.h).
  auto add_range = [&](std::size_t count, const auto& story) {
    const auto per_page = static_cast<std::size_t>(site.config.per_page);
    hasher.add(count);
    const std::size_t begin = static_cast<std::size_t>(job.page - 1) * per_page;
    const std::size_t end = job.page == 1 ? count : begin + per_page;
    for (std::size_t i = begin; i < count && i < end; ++i) {
      hasher.add(inputs.stories[story(i)]);
    }
  };
  switch (job.kind) {
    case PageKind::story:
      // The story, the cards of its related stories and its neighbours' titles.
      hasher.add(inputs.stories[job.index]);
      for (const std::size_t other : related_stories(site, job.index)) {
        hasher.add(inputs.stories[other]);
      }
      hasher.add(job.index > 0 ? inputs.stories[job.index - 1] : 0);
      hasher.add(job.index + 1 < inputs.stories.size() ? inputs.stories[job.index + 1] : 0);
      break;
    case PageKind::story_list:
      add_range(site.stories.size(), [](std::size_t i) { return i; });
      break;
    case PageKind::term_stories: {
      const std::vector<std::size_t>& stories = site.stories_by_term[job.index].at(job.term);
      add_range(stories.size(), [&stories](std::size_t i) { return stories[i]; });
      break;
    }
    case PageKind::term_list:
      for (const auto& [term, stories] : site.stories_by_term[job.index]) {
        hasher.add(term).add(stories.size());
      }
      break;
    default:
      return 0;
  }
  return hasher.value() == 0 ? 1 : hasher.value();
}

}  // namespace

struct SiteRenderer::State {
  std::vector<PageJob> plan;
  std::vector<std::string> paths;        // output_path of each page
  std::vector<std::uint64_t> addresses;  // hash of each page's kind and URL
  std::unique_ptr<PageRenderer> pages;
  std::vector<std::unique_ptr<TemplateSet>> templates;  // one per worker, kept between renders
  std::vector<std::string> sitemap_urls;                // made with the plan
  std::uint64_t sitemap_inputs = 0;                     // hash of sitemap_urls
};

SiteRenderer::SiteRenderer(const Site& site, const Theme& theme)
    : m_site(site), m_theme(theme), m_state(std::make_unique<State>()) {
  refresh({}, true);
}

SiteRenderer::~SiteRenderer() = default;

void SiteRenderer::refresh(const std::vector<std::size_t>& cards, bool replan) {
  if (replan) {
    m_state->plan = plan_pages(m_site);
    m_state->paths.clear();
    m_state->addresses.clear();
    for (const auto& job : m_state->plan) {
      m_state->paths.push_back(output_path(job.url));
      m_state->addresses.push_back(util::Hasher().add(static_cast<std::uint64_t>(job.kind)).add(job.url).value());
    }
    m_state->pages = std::make_unique<PageRenderer>(m_site, m_theme);
    m_state->sitemap_urls.clear();
    util::Hasher urls;
    for (const auto& job : m_state->plan) {
      // Not in the sitemap: the 404 page, and lists of a taxonomy no story uses yet ("none yet" pages).
      const bool empty_terms = job.kind == PageKind::term_list && m_site.stories_by_term[job.index].empty();
      if (job.kind != PageKind::not_found && !empty_terms) {
        m_state->sitemap_urls.push_back(job.url);
        urls.add(job.url);
      }
    }
    for (const auto& url : stats_page_urls(m_site)) {
      m_state->sitemap_urls.push_back(url);
      urls.add(url);
    }
    m_state->sitemap_inputs = urls.value();
    return;
  }
  for (const std::size_t index : cards) {
    m_state->pages->refresh_card(index);
  }
}

RenderStats SiteRenderer::render(const util::FileSystem& fs, OutputSink& out, unsigned jobs, BuildStatus& status,
                                 const RenderInputs* inputs) const {
  const std::vector<PageJob>& plan = m_state->plan;
  const PageRenderer& renderer = *m_state->pages;
  const unsigned workers = std::max(1U, jobs);
  if (inputs != nullptr && inputs->stories.size() != m_site.stories.size()) {
    throw std::logic_error("render inputs do not match the site's stories");
  }

  status.phase("pagine", plan.size());
  // First what the sink already holds (cheap: no rendering), then the rest,
  // in parallel: a few pages after an edit, all of them in a cold build.
  std::vector<std::uint64_t> fingerprints(plan.size(), 0);
  std::vector<char> needed(plan.size(), 1);
  if (inputs != nullptr) {
    util::parallel_for(plan.size(), workers, [&](std::size_t i) {
      fingerprints[i] = page_fingerprint(m_site, plan[i], m_state->addresses[i], *inputs);
      if (fingerprints[i] != 0 && out.reuse(m_state->paths[i], fingerprints[i])) {
        needed[i] = 0;
        status.step(plan[i].url);
      }
    });
  }
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (needed[i] != 0) {
      todo.push_back(i);
    }
  }
  auto& templates = m_state->templates;
  if (templates.size() < workers) {
    templates.resize(workers);
  }
  util::parallel_for_worker(todo.size(), workers, [&](std::size_t n, unsigned worker) {
    const PageJob& job = plan[todo[n]];
    if (!templates[worker]) {
      templates[worker] = std::make_unique<TemplateSet>(m_theme);
    }
    out.write(m_state->paths[todo[n]], renderer.render(job, *templates[worker]), fingerprints[todo[n]]);
    status.step(job.url);
  });

  std::size_t files = plan.size();
  // Files beside stories that their bodies link to.
  for (const auto& story : m_site.stories) {
    for (const auto& file : story.files) {
      ++files;
      std::string error;
      const auto content = fs.read_file(util::join_path(story.folder, file),
                                        {story.folder, m_site.config.file_limits.max_file_bytes}, &error);
      if (!content) {
        throw std::runtime_error(tr("cannot read {}: {}", util::join_path(story.folder, file), error));
      }
      out.write(output_path(story.url()).substr(0, output_path(story.url()).size() - 10) + file, *content);
    }
  }
  // The other files, each with what it is made from (0 without inputs: always made).
  auto made_from = [&](const char* what, std::uint64_t more) {
    return inputs == nullptr ? 0 : (util::Hasher().add(inputs->site).add(what).add(more).value() | 1);
  };
  auto make = [&](const std::string& path, std::uint64_t made, const auto& content) {
    if (made == 0 || !out.reuse(path, made)) {
      out.write(path, content(), made);
    }
  };
  for (const auto& file : m_theme.static_files()) {  // the theme is in the site fingerprint
    make(file.path, made_from("static", util::hash64(file.path)), [&file] { return file.content; });
    ++files;
  }
  make("sitemap.xml", made_from("sitemap", m_state->sitemap_inputs),
       [&] { return sitemap(m_site.config, m_state->sitemap_urls); });
  util::Hasher newest;
  for (std::size_t i = 0;
       inputs != nullptr && i < inputs->stories.size() && i < static_cast<std::size_t>(m_site.config.feed_items); ++i) {
    newest.add(inputs->stories[i]);
  }
  make("feed.xml", made_from("feed", newest.value()), [&] { return atom_feed(m_site); });
  make("robots.txt", made_from("robots", 0), [&] { return robots_txt(m_site.config); });
  for (const auto& file : render_stats_pages(m_site, m_theme)) {  // cheap: always made
    out.write(file.path, file.content);
    ++files;
  }

  RenderStats stats;
  stats.pages = plan.size() + stats_page_urls(m_site).size();
  stats.files = files + 3;
  stats.rendered = todo.size();
  return stats;
}

RenderStats render_site(const Site& site, const Theme& theme, const util::FileSystem& fs, OutputSink& out,
                        unsigned jobs, BuildStatus& status) {
  const SiteRenderer renderer(site, theme);
  return renderer.render(fs, out, jobs, status, nullptr);
}

}  // namespace vetrina
