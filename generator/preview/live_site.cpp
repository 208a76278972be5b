#include "generator/preview/live_site.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <stdexcept>

#include "generator/build/pipeline.h"
#include "generator/check/validator.h"
#include "generator/content/content_loader.h"
#include "generator/content/story_codec.h"
#include "generator/media/build_cache.h"
#include "generator/media/cover_image.h"
#include "generator/model/awards.h"
#include "generator/preview/preview_paths.h"
#include "generator/render/menu_check.h"
#include "generator/render/related_stories.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

bool same_terms(const Story& a, const Story& b, bool with_awards) {
  for (std::size_t t = 0; t < k_taxonomy_count; ++t) {
    if (!with_awards && t == static_cast<std::size_t>(TaxonomyId::premio)) {
      continue;
    }
    if (a.terms[t].size() != b.terms[t].size()) {
      return false;
    }
    for (std::size_t i = 0; i < a.terms[t].size(); ++i) {
      if (a.terms[t][i].value != b.terms[t][i].value) {
        return false;
      }
    }
  }
  return true;
}

void erase_one(std::vector<std::string>& values, const std::string& value) {
  const auto it = std::find(values.begin(), values.end(), value);
  if (it != values.end()) {
    values.erase(it);
  }
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

LiveSite::LiveSite(BuildOptions options, BuildStatus& status) : m_options(std::move(options)), m_status(status) {
  m_options.include_drafts = true;
  m_options.content_dir = without_trailing_slash(m_options.content_dir);
  m_options.theme_dir = without_trailing_slash(m_options.theme_dir);
  if (m_options.jobs == 0) {
    m_options.jobs = util::default_jobs();
  }
}

LiveSite::~LiveSite() {
  try {
    persist();
    if (m_sink && m_manifest_dirty) {
      m_sink->manifest().save(OutputManifest::path_for(m_options.cache_dir, m_options.out_dir));
    }
  } catch (...) {
    // The preview folder is checked file by file at the next start anyway.
  }
}

void LiveSite::persist() {
  if (m_index) {
    m_index->save();
  }
}

std::optional<std::string> LiveSite::story_folder(const std::string& path) const {
  const std::string stories = m_options.content_dir + "/stories/";
  if (path.size() <= stories.size() || path.compare(0, stories.size(), stories) != 0) {
    return std::nullopt;
  }
  const std::string rest = path.substr(stories.size());
  const std::string name = rest.substr(0, rest.find('/'));
  if (name.empty() || is_editor_temporary(name)) {
    return std::nullopt;
  }
  std::string folder = stories + name;
  // A file right in stories/ (not a folder) is the loader's business: reload everything.
  if (rest.find('/') == std::string::npos && !m_fs.is_directory(folder)) {
    const bool known = std::any_of(m_site.stories.begin(), m_site.stories.end(),
                                   [&](const Story& story) { return story.folder == folder; }) ||
                       contains(m_site.draft_slugs, util::slugify(name)) ||
                       contains(m_site.broken_slugs, util::slugify(name));
    if (!known) {
      return std::nullopt;
    }
  }
  return folder;
}

namespace {

// Recognitions and "premio" terms (awards.h) of the stories at `paths`, read
// again; the others keep theirs, since only award files change them and
// those reload everything. attach_awards on a site of just these stories.
void attach_awards_to(Site& site, const std::vector<std::string>& paths) {
  std::vector<Story*> stories;
  for (auto& story : site.stories) {
    if (std::find(paths.begin(), paths.end(), story.source_path) != paths.end()) {
      stories.push_back(&story);
    }
  }
  Site some;
  std::swap(some.awards, site.awards);
  for (Story* story : stories) {
    some.stories.push_back(std::move(*story));
  }
  attach_awards(some);
  for (std::size_t i = 0; i < stories.size(); ++i) {
    *stories[i] = std::move(some.stories[i]);
  }
  std::swap(some.awards, site.awards);
}

}  // namespace

void LiveSite::check_stories(const std::vector<std::size_t>& stories) {
  DiagnosticBag bag;
  for (const std::size_t i : stories) {
    validate_story(m_site, m_site.stories[i], m_fs, bag);
  }
  std::map<std::string, std::vector<Diagnostic>> by_folder;
  std::vector<Diagnostic> other;
  split_by_story(bag.sorted(), m_options.content_dir + "/stories", by_folder, other);
  for (const std::size_t i : stories) {
    replace_folder(m_diagnostics.checks, m_site.stories[i].folder, by_folder);
  }
}

void LiveSite::check_menus() {
  DiagnosticBag bag;
  check_menu_links(m_site, bag);
  m_diagnostics.menus = bag.sorted();
}

void LiveSite::reload_all() {
  m_renderer.reset();
  LiveDiagnostics fresh;
  const std::string stories_dir = m_options.content_dir + "/stories";

  DiagnosticBag load;
  m_site = load_stage(m_fs, m_options, m_stories.get(), load);
  split_by_story(load.sorted(), stories_dir, fresh.decode, fresh.fixed);

  DiagnosticBag theme;
  m_theme = Theme::load(m_fs, m_options.theme_dir, required_templates(), theme);
  const auto theme_errors = theme.sorted();
  fresh.fixed.insert(fresh.fixed.end(), theme_errors.begin(), theme_errors.end());

  DiagnosticBag bodies;
  markdown_stage(m_site, m_fs, m_options, m_stories.get(), bodies);
  split_by_story(bodies.sorted(), stories_dir, fresh.body, fresh.pages);

  DiagnosticBag media;
  NullStatus quiet;
  media_stage(m_site, m_fs, m_options, nullptr, media, quiet);
  split_by_story(media.sorted(), stories_dir, fresh.media, fresh.fixed);
  m_diagnostics = std::move(fresh);
  std::vector<std::size_t> all(m_site.stories.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  check_stories(all);
  check_menus();

  const std::uint64_t site = m_theme ? site_fingerprint(m_fs, m_options, *m_theme) : 0;
  m_inputs = render_inputs(m_site, site, m_options.jobs);
  m_fingerprints.clear();
  for (std::size_t i = 0; i < m_site.stories.size(); ++i) {
    m_fingerprints[m_site.stories[i].source_path] = m_inputs.stories[i];
  }
  if (m_theme) {
    m_renderer = std::make_unique<SiteRenderer>(m_site, *m_theme);
  }
  m_index_check_all = true;
}

void LiveSite::update_stories(const std::vector<std::string>& folders, LiveResult& result) {
  std::set<std::string> status_changed;  // slugs that appeared, disappeared or broke: links to them change
  std::vector<std::string> decoded;      // source paths of stories read again
  std::map<std::string, std::array<std::vector<Located<std::string>>, k_taxonomy_count>> in_place;  // path -> old terms
  bool structure = false;
  for (const auto& folder : folders) {
    const std::string slug = util::slugify(last_component(folder));
    ++result.stories;
    const auto old = std::find_if(m_site.stories.begin(), m_site.stories.end(),
                                  [&](const Story& story) { return story.folder == folder; });
    const bool was_published = old != m_site.stories.end();
    if (was_published) {
      m_index_removed.push_back(old->slug);  // unless it is still there (see publish)
      m_fingerprints.erase(old->source_path);
    }
    const bool was_broken = contains(m_site.broken_slugs, slug);
    erase_one(m_site.draft_slugs, slug);
    erase_one(m_site.broken_slugs, slug);
    m_diagnostics.forget(folder);

    std::optional<Story> story;
    bool failed = false;
    if (m_fs.is_directory(folder)) {
      DiagnosticBag local;
      // As a build: a folder that is a link leading outside is refused
      // before anything in it is read.
      const std::string stories_dir = m_options.content_dir + "/stories";
      if (const auto folder_real = story_folder_inside(m_fs, folder, m_fs.real_path(stories_dir))) {
        LoadedStory loaded =
            load_story(m_fs, folder, nullptr, local, m_site.config.file_limits.max_text_bytes, *folder_real);
        story = std::move(loaded.story);
        failed = loaded.broken;
      } else {
        report_outside_story_folder(folder, stories_dir, local);
        failed = true;
      }
      if (!local.sorted().empty()) {
        m_diagnostics.decode[folder] = local.sorted();
      }
    }
    if (failed) {
      m_site.broken_slugs.push_back(slug);
    }
    if (story) {
      const std::string path = story->source_path;
      decoded.push_back(path);
      const bool same_place = was_published && old->slug == story->slug && old->date.value == story->date.value &&
                              same_terms(*old, *story, false);
      if (same_place) {
        in_place[path] = old->terms;
        *old = std::move(*story);
      } else {
        if (was_published) {
          m_site.stories.erase(old);
        }
        m_site.stories.push_back(std::move(*story));
        structure = true;
      }
    } else if (was_published) {
      m_site.stories.erase(old);
      structure = true;
    }
    const bool published = story.has_value();  // drafts are published in the preview
    if (published != was_published || failed != was_broken) {
      status_changed.insert(slug);
    }
  }
  attach_awards_to(m_site, decoded);
  for (const auto& entry : in_place) {
    // Not a structured binding: clang 14 cannot capture one in a lambda.
    const std::string& path = entry.first;
    const auto story = std::find_if(m_site.stories.begin(), m_site.stories.end(),
                                    [&](const Story& s) { return s.source_path == path; });
    Story before;
    before.terms = entry.second;
    structure = structure || !same_terms(before, *story, true);
  }
  if (structure) {
    m_site.index();
  }
  std::set<std::size_t> bodies;
  std::vector<std::size_t> media;
  std::vector<std::size_t> cards;
  for (const auto& path : decoded) {
    const auto story = std::find_if(m_site.stories.begin(), m_site.stories.end(),
                                    [&](const Story& s) { return s.source_path == path; });
    if (story != m_site.stories.end()) {
      const auto i = static_cast<std::size_t>(story - m_site.stories.begin());
      bodies.insert(i);
      media.push_back(i);
      if (in_place.count(path) != 0) {
        cards.push_back(i);
      }
    }
  }
  // Stories that link to one that appeared or went: their links are checked again.
  for (std::size_t i = 0; i < m_site.stories.size() && !status_changed.empty(); ++i) {
    for (const auto& linked : m_site.stories[i].linked_slugs) {
      if (status_changed.count(linked) != 0) {
        bodies.insert(i);
        cards.push_back(i);
      }
    }
  }
  lap("lettura");
  finish_model({bodies.begin(), bodies.end()}, media, structure, cards);
}

void LiveSite::finish_model(const std::vector<std::size_t>& bodies, const std::vector<std::size_t>& media, bool replan,
                            const std::vector<std::size_t>& cards) {
  const std::string stories_dir = m_options.content_dir + "/stories";
  DiagnosticBag body_bag;
  markdown_stage(m_site, m_fs, m_options, bodies, body_bag);
  std::map<std::string, std::vector<Diagnostic>> by_folder;
  m_diagnostics.pages.clear();
  split_by_story(body_bag.sorted(), stories_dir, by_folder, m_diagnostics.pages);
  for (const std::size_t i : bodies) {
    replace_folder(m_diagnostics.body, m_site.stories[i].folder, by_folder);
  }
  lap("markdown");

  DiagnosticBag media_bag;
  NullStatus quiet;
  media_stage(m_site, m_fs, m_options, &media, media_bag, quiet);
  by_folder.clear();
  std::vector<Diagnostic> other;
  split_by_story(media_bag.sorted(), stories_dir, by_folder, other);
  for (const std::size_t i : media) {
    replace_folder(m_diagnostics.media, m_site.stories[i].folder, by_folder);
  }
  check_stories(media);  // the stories read again
  if (replan) {
    check_menus();
  }
  lap("foto e controllo");

  // Fingerprints: the changed stories' again, the others' as they were.
  std::set<std::size_t> changed(bodies.begin(), bodies.end());
  changed.insert(media.begin(), media.end());
  for (const std::size_t i : changed) {
    m_fingerprints[m_site.stories[i].source_path] = story_fingerprint(m_site.stories[i]);
  }
  if (replan) {
    m_inputs.stories.resize(m_site.stories.size());
    for (std::size_t i = 0; i < m_site.stories.size(); ++i) {
      const std::string& path = m_site.stories[i].source_path;
      auto it = m_fingerprints.find(path);
      if (it == m_fingerprints.end()) {
        it = m_fingerprints.emplace(path, story_fingerprint(m_site.stories[i])).first;
      }
      m_inputs.stories[i] = it->second;
    }
    // The stories' order or terms changed: so may their related stories.
    m_inputs.related = all_related_stories(m_site, effective_jobs(m_options));
  } else {
    for (const std::size_t i : changed) {
      m_inputs.stories[i] = m_fingerprints[m_site.stories[i].source_path];
    }
  }
  m_index_candidates.insert(m_index_candidates.end(), changed.begin(), changed.end());
  lap("impronte");
  if (m_renderer) {
    m_renderer->refresh(cards, replan);
  }
  lap("schede");
}

void LiveSite::lap(const char* phase) {
  const auto now = std::chrono::steady_clock::now();
  if (m_current != nullptr) {
    m_current->phases.emplace_back(phase, std::chrono::duration_cast<std::chrono::microseconds>(now - m_lap));
  }
  m_lap = now;
}

std::vector<Diagnostic> LiveSite::collect_errors() const {
  DiagnosticBag all;
  m_diagnostics.add_to(all);
  validate_site_wide(m_site, all);
  return all.sorted();
}

void LiveSite::update_index(LiveResult& result) {
  // After a full reload every story is compared with its document; after an
  // edit only the stories it touched can differ. Never rebuilt for the
  // number of changes: an update in place is always cheaper here.
  if (!m_index) {
    m_index = std::make_unique<IndexPublisher>(m_options, IndexPublisher::Mode::in_place);
  }
  const IndexPlan plan = m_index_check_all
                             ? m_index->plan(m_site, m_inputs, m_fs, static_cast<std::size_t>(-1))
                             : m_index->plan_touched(m_site, m_inputs, m_index_candidates, m_index_removed);
  result.documents = m_index->stage(m_site, m_inputs, m_fs, plan);
  m_index_check_all = false;
}

void LiveSite::publish(LiveResult& result) {
  const auto start = std::chrono::steady_clock::now();
  result.errors = collect_errors();
  lap("controllo");
  const bool had_errors = !m_errors.empty();
  if (!result.errors.empty() || !m_renderer) {
    result.changed = format_all(result.errors, DiagnosticFormat::text, nullptr, false) !=
                     format_all(m_errors, DiagnosticFormat::text, nullptr, false);
    m_errors = result.errors;
    result.took += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    return;
  }
  m_errors.clear();

  if (!m_sink) {
    m_sink = std::make_unique<InPlaceWriter>(m_options.out_dir, OutputManifest());
  }
  m_sink->begin();
  NullStatus quiet;
  result.pages_rendered = render_stage(*m_renderer, m_site, m_fs, m_options, m_inputs, *m_sink, quiet).rendered;
  result.files_removed = m_sink->finish();
  result.files_written = m_sink->written();
  m_manifest_dirty = m_manifest_dirty || result.files_written > 0 || result.files_removed > 0;
  lap("pagine");

  update_index(result);
  m_index_candidates.clear();
  m_index_removed.clear();
  lap("indice");
  result.changed = had_errors || result.files_written > 0 || result.files_removed > 0 || result.documents > 0;
  result.took += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
}

LiveResult LiveSite::start() {
  const auto begin = std::chrono::steady_clock::now();
  const BuildCache cache_folder(m_options.cache_dir);  // empties a cache of another version first
  m_stories = std::make_unique<StoryCache>(story_cache_path(m_options), false);
  m_status.phase("lettura dei contenuti", 0);
  reload_all();
  LiveResult result;
  result.full = true;
  result.stories = m_site.stories.size();
  result.changed = true;
  result.errors = collect_errors();
  m_errors = result.errors;
  if (result.errors.empty() && m_theme) {
    // The first build is a whole incremental build (staged and swapped);
    // from then on the folder is kept up to date in place.
    const BuildSummary summary = publish_site(m_site, *m_theme, m_fs, m_options, m_status);
    result.pages_rendered = summary.pages_rendered;
    result.files_written = summary.files_changed;
    m_index_check_all = false;
  }
  m_status.finish();
  m_stories->save();
  m_sink = std::make_unique<InPlaceWriter>(
      m_options.out_dir, OutputManifest::load(OutputManifest::path_for(m_options.cache_dir, m_options.out_dir)));
  m_index = std::make_unique<IndexPublisher>(m_options, IndexPublisher::Mode::in_place);
  result.took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - begin);
  return result;
}

LiveResult LiveSite::apply(const FileChanges& changes) {
  const auto begin = std::chrono::steady_clock::now();
  LiveResult result;
  m_current = &result;
  m_lap = begin;
  bool full = changes.overflow;
  std::set<std::string> folders;
  for (const auto& path : changes.paths) {
    if (is_under(path, m_options.theme_dir)) {
      full = true;
    } else if (const auto folder = story_folder(path)) {
      folders.insert(*folder);
    } else if (is_under(path, m_options.content_dir)) {
      full = true;  // site.yaml, taxonomies, awards, events, pages, or the folder itself
    }
  }
  if (full) {
    result.full = true;
    result.stories = m_site.stories.size();
    reload_all();
    lap("tutto il sito");
  } else if (!folders.empty()) {
    update_stories({folders.begin(), folders.end()}, result);
  } else {
    m_current = nullptr;
    return result;  // nothing the site is made from
  }
  publish(result);
  m_current = nullptr;
  result.took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - begin);
  return result;
}

std::string LiveSite::error_text(std::size_t limit) const {
  if (m_errors.size() <= limit) {
    return format_all(m_errors, DiagnosticFormat::text, &m_fs, false);
  }
  const std::vector<Diagnostic> first(m_errors.begin(), m_errors.begin() + static_cast<std::ptrdiff_t>(limit));
  return format_all(first, DiagnosticFormat::text, &m_fs, false) + "… e altri " +
         std::to_string(m_errors.size() - limit) + " errori (`vetrina check` li elenca tutti)\n";
}

}  // namespace vetrina
