#include "generator/render/renderer.h"

#include "generator/util/i18n.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "generator/render/feeds.h"
#include "generator/render/page_plan.h"
#include "generator/render/page_table.h"
#include "generator/render/page_views.h"
#include "generator/render/stats_page.h"
#include "generator/render/views.h"
#include "generator/util/hash.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"

namespace vetrina {

const std::vector<std::string>& required_templates() {
  // The templates of the page table's rows, and search.mustache (/cerca/, made by the search service).
  static const std::vector<std::string> k_names = [] {
    std::vector<std::string> names;
    for (const auto& row : page_table()) {
      if (std::find(names.begin(), names.end(), row.template_name) == names.end()) {
        names.emplace_back(row.template_name);
      }
    }
    names.emplace_back(k_card_template);  // rendered on its own, once per story (views.h)
    names.emplace_back("search");
    return names;
  }();
  return k_names;
}

std::vector<std::string> site_urls(const Site& site) {
  std::vector<std::string> urls;
  for (const auto& job : plan_pages(site)) {
    urls.push_back(job.url);
  }
  urls.insert(urls.end(), {"/feed.xml", "/sitemap.xml", "/robots.txt", "/cerca/"});  // /cerca/: vetrina serve
  return urls;
}

namespace {

// A page through its row of the page table: the row's view, in the frame
// every page shares, into the row's template.
std::string render_page(const PageContext& context, const PageJob& job, TemplateSet& templates) {
  const PageKindRow& row = page_row(job.kind);
  PageView page = row.view(context, job);
  page.meta.url = job.url;
  page.meta.noindex = row.noindex != nullptr && row.noindex(context.site, job);
  TemplateData data = context.views.frame(page.meta);
  data.set(row.key, page.data);
  // Into a string directly (render(data) goes through an ostringstream).
  std::string html;
  html.reserve(64 * 1024);
  templates.get(row.template_name).render(data, [&html](const std::string& piece) { html += piece; });
  return html;
}

}  // namespace

struct SiteRenderer::State {
  std::vector<PageJob> plan;
  std::vector<std::string> paths;                       // output_path of each page
  std::vector<std::uint64_t> addresses;                 // hash of each page's kind and URL
  std::unique_ptr<Views> views;                         // cards made once per plan
  std::vector<std::size_t> all_stories;                 // 0..n-1
  std::vector<std::unique_ptr<TemplateSet>> templates;  // one per worker, kept between renders
  std::vector<std::string> sitemap_urls;                // made with the plan
  std::uint64_t sitemap_inputs = 0;                     // hash of sitemap_urls
};

SiteRenderer::SiteRenderer(const Site& site, const Theme& theme)
    : m_site(site), m_theme(theme), m_state(std::make_unique<State>()) {
  refresh({}, true);
}

SiteRenderer::~SiteRenderer() = default;

const Views& SiteRenderer::views() const {
  return *m_state->views;
}

void SiteRenderer::refresh(const std::vector<std::size_t>& cards, bool replan) {
  if (replan) {
    m_state->plan = plan_pages(m_site);
    m_state->paths.clear();
    m_state->addresses.clear();
    for (const auto& job : m_state->plan) {
      m_state->paths.push_back(output_path(job.url));
      m_state->addresses.push_back(util::Hasher().add(static_cast<std::uint64_t>(job.kind)).add(job.url).value());
    }
    m_state->views = std::make_unique<Views>(m_site, m_theme);
    m_state->all_stories.resize(m_site.stories.size());
    std::iota(m_state->all_stories.begin(), m_state->all_stories.end(), std::size_t{0});
    // Not in the sitemap: the pages kept out of search engines (404, taxonomies no story uses yet).
    m_state->sitemap_urls = indexed_urls(m_site, m_state->plan);
    util::Hasher urls;
    for (const auto& url : m_state->sitemap_urls) {
      urls.add(url);
    }
    m_state->sitemap_inputs = urls.value();
    return;
  }
  for (const std::size_t index : cards) {
    m_state->views->refresh_cover(index);
  }
}

RenderStats SiteRenderer::render(const util::FileSystem& fs, OutputSink& out, unsigned jobs, BuildStatus& status,
                                 const RenderInputs* inputs) const {
  const std::vector<PageJob>& plan = m_state->plan;
  const PageContext context{m_site, *m_state->views, m_state->all_stories};
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
  // Below the search index's writer, which runs beside the pages on a
  // single thread (util::Priority::background).
  util::parallel_for_worker(
      todo.size(), workers,
      [&](std::size_t n, unsigned worker) {
        const PageJob& job = plan[todo[n]];
        if (!templates[worker]) {
          templates[worker] = std::make_unique<TemplateSet>(m_theme);
        }
        out.write(m_state->paths[todo[n]], render_page(context, job, *templates[worker]), fingerprints[todo[n]]);
        status.step(job.url);
      },
      util::Priority::background);

  std::size_t files = plan.size();
  // Files beside stories that their bodies link to.
  for (const auto& story : m_site.stories) {
    for (const auto& file : story.files) {
      ++files;
      const auto content =
          fs.read_file(util::join_path(story.folder, file), {story.folder, m_site.config.file_limits.max_file_bytes});
      if (!content) {
        throw std::runtime_error(tr("cannot read {}: {}", util::join_path(story.folder, file), content.error()));
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
  for (const auto& file : stats_csv_files(m_site)) {  // cheap: always made
    out.write(file.path, file.content);
    ++files;
  }

  RenderStats stats;
  stats.pages = plan.size();
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
