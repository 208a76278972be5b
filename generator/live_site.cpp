#include "generator/live_site.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "generator/awards.h"
#include "generator/build_cache.h"
#include "generator/content_loader.h"
#include "generator/media.h"
#include "generator/util/hash.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"
#include "generator/validator.h"
#include "search/indexer.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

std::string without_trailing_slash(std::string path) {
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  return path;
}

bool under(const std::string& path, const std::string& folder) {
  return path == folder || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
                            path[folder.size()] == '/');
}

std::string last_component(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Writes the preview folder in place: each changed file atomically
// (temporary file + rename, so the server never sends half a page), files
// with unchanged inputs or bytes not at all, and files the site no longer
// has removed by finish(). `manifest` is kept describing the folder.
class PreviewSink final : public OutputSink {
 public:
  PreviewSink(std::string root, OutputManifest& manifest) : m_root(std::move(root)), m_manifest(manifest) {}

  bool reuse(const std::string& relative, std::uint64_t inputs) override {
    const std::lock_guard lock(m_mutex);
    const auto it = m_manifest.files().find(relative);
    if (inputs == 0 || it == m_manifest.files().end() || it->second.inputs != inputs) {
      return false;
    }
    m_seen.insert(relative);
    return true;
  }

  void write(const std::string& relative, std::string_view content, std::uint64_t inputs) override {
    if (relative.empty() || relative.front() == '/' || relative.find("..") != std::string::npos) {
      throw std::runtime_error("refusing to write outside the preview folder: '" + relative + "'");
    }
    const std::uint64_t hash = util::hash64(content);
    {
      const std::lock_guard lock(m_mutex);
      m_seen.insert(relative);
      const auto it = m_manifest.files().find(relative);
      if (it != m_manifest.files().end() && it->second.content == hash && it->second.size == content.size()) {
        it->second.inputs = inputs;
        return;
      }
    }
    static std::atomic<unsigned> counter{0};
    const fs::path path = fs::path(m_root) / relative;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    const std::string temp = (path.parent_path() / ("." + path.filename().string() + ".vetrina-" +
                                                    std::to_string(::getpid()) + "-" + std::to_string(counter++)))
                                 .string();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      throw std::runtime_error("cannot write '" + temp + "': " + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < content.size()) {
      const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n < 0) {
        const std::string message = std::strerror(errno);
        ::close(fd);
        ::unlink(temp.c_str());
        throw std::runtime_error("cannot write '" + temp + "': " + message);
      }
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
      const std::string message = std::strerror(errno);
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write '" + path.string() + "': " + message);
    }
    OutputFile file;
    stat_output(path.string(), file);
    file.content = hash;
    file.inputs = inputs;
    const std::lock_guard lock(m_mutex);
    m_manifest.files()[relative] = file;
    ++m_written;
  }

  // Removes what the site no longer has; returns how many files.
  std::size_t finish() {
    std::vector<std::string> gone;
    for (const auto& [relative, file] : m_manifest.files()) {
      if (m_seen.count(relative) == 0) {
        gone.push_back(relative);
      }
    }
    for (const auto& relative : gone) {
      m_manifest.files().erase(relative);
      fs::path path = fs::path(m_root) / relative;
      std::error_code ec;
      fs::remove(path, ec);
      // Folders left empty go too (a removed story's folder).
      for (path = path.parent_path(); path != fs::path(m_root) && fs::is_empty(path, ec) && !ec;
           path = path.parent_path()) {
        fs::remove(path, ec);
      }
    }
    return gone.size();
  }

  std::size_t written() const { return m_written; }

 private:
  std::string m_root;
  OutputManifest& m_manifest;
  std::mutex m_mutex;
  std::unordered_set<std::string> m_seen;
  std::size_t m_written = 0;
};

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

// Diagnostics kept between updates, by where they come from: what a story's
// own files gave (decoding, its body, its photos) is only recomputed when
// that story is; validation runs over the whole model on every update.
struct LiveSite::Diagnostics {
  std::vector<Diagnostic> fixed;  // site.yaml, taxonomies, awards, pages, theme: from the last full reload
  std::map<std::string, std::vector<Diagnostic>> decode;  // story folder -> diagnostics
  std::map<std::string, std::vector<Diagnostic>> body;
  std::map<std::string, std::vector<Diagnostic>> media;
  std::vector<Diagnostic> pages;  // bodies of plain pages (rendered on every update)
};

LiveSite::LiveSite(BuildOptions options, BuildStatus& status)
    : m_options(std::move(options)), m_status(status), m_diagnostics(std::make_unique<Diagnostics>()) {
  m_options.include_drafts = true;
  m_options.content_dir = without_trailing_slash(m_options.content_dir);
  m_options.theme_dir = without_trailing_slash(m_options.theme_dir);
  if (m_options.jobs == 0) {
    m_options.jobs = util::default_jobs();
  }
}

LiveSite::~LiveSite() {
  try {
    save_state();
  } catch (...) {
    // The preview folder is checked file by file at the next start anyway.
  }
}

void LiveSite::save_state() {
  if (m_manifest_dirty) {
    m_manifest.save(OutputManifest::path_for(m_options.cache_dir, m_options.out_dir));
    m_manifest_dirty = false;
  }
}

bool LiveSite::is_story_path(const std::string& path, std::string& folder) const {
  const std::string stories = m_options.content_dir + "/stories/";
  if (path.size() <= stories.size() || path.compare(0, stories.size(), stories) != 0) {
    return false;
  }
  const std::string rest = path.substr(stories.size());
  const std::string name = rest.substr(0, rest.find('/'));
  if (name.empty() || is_editor_temporary(name)) {
    return false;
  }
  folder = stories + name;
  // A file right in stories/ (not a folder) is the loader's business: reload everything.
  if (rest.find('/') == std::string::npos && !m_fs.is_directory(folder)) {
    return std::any_of(m_site.stories.begin(), m_site.stories.end(),
                       [&](const Story& story) { return story.folder == folder; }) ||
           contains(m_site.draft_slugs, util::slugify(name)) || contains(m_site.broken_slugs, util::slugify(name));
  }
  return true;
}

namespace {

// Splits diagnostics into those of story folders (by folder) and the rest.
void split_by_story(const std::vector<Diagnostic>& all, const std::string& stories_dir,
                    std::map<std::string, std::vector<Diagnostic>>& by_folder, std::vector<Diagnostic>& rest) {
  for (const auto& diagnostic : all) {
    const std::string& path = diagnostic.location.path;
    if (path.size() > stories_dir.size() && path.compare(0, stories_dir.size(), stories_dir) == 0) {
      const std::string name = path.substr(stories_dir.size(), path.find('/', stories_dir.size()) - stories_dir.size());
      if (path.find('/', stories_dir.size()) != std::string::npos) {
        by_folder[stories_dir + name].push_back(diagnostic);
        continue;
      }
    }
    rest.push_back(diagnostic);
  }
}

}  // namespace

void LiveSite::reload_all() {
  m_renderer.reset();
  Diagnostics fresh;
  const std::string stories_dir = m_options.content_dir + "/stories/";

  DiagnosticBag load;
  LoadOptions load_options;
  load_options.include_drafts = true;
  load_options.jobs = m_options.jobs;
  load_options.cache = m_stories.get();
  m_site = load_content(m_fs, m_options.content_dir, load_options, load);
  split_by_story(load.sorted(), stories_dir, fresh.decode, fresh.fixed);

  DiagnosticBag theme;
  m_theme = Theme::load(m_fs, m_options.theme_dir, required_templates(), theme);
  const auto theme_errors = theme.sorted();
  fresh.fixed.insert(fresh.fixed.end(), theme_errors.begin(), theme_errors.end());

  const std::vector<std::size_t> todo = m_stories->restore_bodies(m_site, m_fs);
  DiagnosticBag bodies;
  render_bodies(m_site, m_fs, todo, m_options.jobs, bodies);
  std::unordered_set<std::string> failed;
  for (const auto& diagnostic : bodies.sorted()) {
    failed.insert(diagnostic.location.path);
  }
  m_stories->store_bodies(m_site, todo, failed);
  split_by_story(bodies.sorted(), stories_dir, fresh.body, fresh.pages);

  DiagnosticBag media;
  BuildCache cache(m_options.cache_dir);
  NullStatus quiet;
  process_media(m_site, m_fs, cache, m_options.jobs, media, quiet);
  split_by_story(media.sorted(), stories_dir, fresh.media, fresh.fixed);
  *m_diagnostics = std::move(fresh);

  const std::uint64_t site = m_theme ? site_fingerprint(m_fs, m_options, *m_theme) : 0;
  m_inputs = render_inputs(m_site, site, m_options.jobs);
  m_fingerprints.clear();
  for (std::size_t i = 0; i < m_site.stories.size(); ++i) {
    m_fingerprints[m_site.stories[i].source_path] = m_inputs.stories[i];
  }
  if (m_theme) {
    m_renderer = std::make_unique<SiteRenderer>(m_site, *m_theme);
  }
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
    const bool was_broken = contains(m_site.broken_slugs, slug);
    erase_one(m_site.draft_slugs, slug);
    erase_one(m_site.broken_slugs, slug);
    m_diagnostics->decode.erase(folder);
    m_diagnostics->body.erase(folder);
    m_diagnostics->media.erase(folder);

    std::optional<Story> story;
    bool failed = false;
    if (m_fs.is_directory(folder)) {
      DiagnosticBag local;
      story = load_story(m_fs, folder, nullptr, local, failed);
      if (local.error_count() > 0 || !local.sorted().empty()) {
        m_diagnostics->decode[folder] = local.sorted();
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
    const bool published = std::any_of(m_site.stories.begin(), m_site.stories.end(),
                                       [&](const Story& s) { return s.folder == folder; });
    if (published != was_published || failed != was_broken) {
      status_changed.insert(slug);
    }
  }
  attach_awards(m_site);
  for (const auto& [path, terms] : in_place) {
    for (const auto& story : m_site.stories) {
      if (story.source_path == path) {
        Story before;
        before.terms = terms;
        structure = structure || !same_terms(before, story, true);
      }
    }
  }
  if (structure) {
    m_site.index();
  }
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < m_site.stories.size(); ++i) {
    index_of[m_site.stories[i].source_path] = i;
  }
  std::set<std::size_t> bodies;
  std::vector<std::size_t> media;
  std::vector<std::size_t> cards;
  for (const auto& path : decoded) {
    if (const auto it = index_of.find(path); it != index_of.end()) {
      bodies.insert(it->second);
      media.push_back(it->second);
      if (in_place.count(path) != 0) {
        cards.push_back(it->second);
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
  finish_model({bodies.begin(), bodies.end()}, media, structure, cards);
}

void LiveSite::finish_model(const std::vector<std::size_t>& bodies, const std::vector<std::size_t>& media,
                            bool replan, const std::vector<std::size_t>& cards) {
  const std::string stories_dir = m_options.content_dir + "/stories/";
  DiagnosticBag body_bag;
  render_bodies(m_site, m_fs, bodies, m_options.jobs, body_bag);
  std::map<std::string, std::vector<Diagnostic>> by_folder;
  m_diagnostics->pages.clear();
  split_by_story(body_bag.sorted(), stories_dir, by_folder, m_diagnostics->pages);
  for (const std::size_t i : bodies) {
    const std::string& folder = m_site.stories[i].folder;
    m_diagnostics->body.erase(folder);
    if (const auto it = by_folder.find(folder); it != by_folder.end()) {
      m_diagnostics->body[folder] = it->second;
    }
  }

  DiagnosticBag media_bag;
  BuildCache cache(m_options.cache_dir);
  NullStatus quiet;
  process_media(m_site, media, m_fs, cache, m_options.jobs, media_bag, quiet);
  by_folder.clear();
  std::vector<Diagnostic> other;
  split_by_story(media_bag.sorted(), stories_dir, by_folder, other);
  for (const std::size_t i : media) {
    const std::string& folder = m_site.stories[i].folder;
    m_diagnostics->media.erase(folder);
    if (const auto it = by_folder.find(folder); it != by_folder.end()) {
      m_diagnostics->media[folder] = it->second;
    }
  }

  // Fingerprints: the changed stories' again, the others' as they were.
  std::set<std::size_t> changed(bodies.begin(), bodies.end());
  changed.insert(media.begin(), media.end());
  for (const std::size_t i : changed) {
    m_fingerprints[m_site.stories[i].source_path] = story_fingerprint(m_site.stories[i]);
  }
  m_inputs.stories.resize(m_site.stories.size());
  std::map<std::string, std::uint64_t> kept;
  for (std::size_t i = 0; i < m_site.stories.size(); ++i) {
    const std::string& path = m_site.stories[i].source_path;
    auto it = m_fingerprints.find(path);
    if (it == m_fingerprints.end()) {
      it = m_fingerprints.emplace(path, story_fingerprint(m_site.stories[i])).first;
    }
    m_inputs.stories[i] = it->second;
    kept.insert(*it);
  }
  m_fingerprints = std::move(kept);
  if (m_renderer) {
    m_renderer->refresh(cards, replan);
  }
}

std::vector<Diagnostic> LiveSite::collect_errors() const {
  DiagnosticBag all;
  for (const auto& diagnostic : m_diagnostics->fixed) {
    all.add(diagnostic);
  }
  for (const auto* group : {&m_diagnostics->decode, &m_diagnostics->body, &m_diagnostics->media}) {
    for (const auto& [folder, diagnostics] : *group) {
      for (const auto& diagnostic : diagnostics) {
        all.add(diagnostic);
      }
    }
  }
  for (const auto& diagnostic : m_diagnostics->pages) {
    all.add(diagnostic);
  }
  validate_site(m_site, m_fs, all);
  check_menu_links(m_site, all);
  return all.sorted();
}

LiveResult LiveSite::publish(LiveResult result) {
  const auto start = std::chrono::steady_clock::now();
  result.errors = collect_errors();
  const bool had_errors = !m_errors.empty();
  if (!result.errors.empty() || !m_renderer) {
    result.changed = format_all(result.errors, DiagnosticFormat::text, nullptr, false) !=
                     format_all(m_errors, DiagnosticFormat::text, nullptr, false);
    m_errors = result.errors;
    result.took += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    return result;
  }
  m_errors.clear();

  PreviewSink sink(m_options.out_dir, m_manifest);
  NullStatus quiet;
  result.pages_rendered = m_renderer->render(m_fs, sink, m_options.jobs, quiet, &m_inputs).rendered;
  const BuildCache cache(m_options.cache_dir);
  write_media(m_site, cache, m_fs, sink);
  result.files_removed = sink.finish();
  result.files_written = sink.written();
  m_manifest_dirty = m_manifest_dirty || result.files_written > 0 || result.files_removed > 0;

  // The search index, in place: the server's searchers reopen it when the
  // folder's mtime moves on.
  IndexState next = index_state_of(m_site, m_inputs, m_fs, m_options);
  const IndexPlan plan = plan_index(m_site, m_index, next, m_options.index_dir, static_cast<std::size_t>(-1));
  if (plan.action != IndexPlan::Action::keep) {
    bool done = false;
    if (plan.action == IndexPlan::Action::update) {
      done = search::update_index(m_site, m_options.index_dir, plan.changed, plan.removed);
      if (done) {
        ::utimensat(AT_FDCWD, m_options.index_dir.c_str(), nullptr, 0);
        result.documents = plan.changed.size() + plan.removed.size();
      }
    }
    if (!done) {
      const std::string staged = search::stage_index(m_site, m_options.index_dir, m_options.jobs, nullptr);
      swap_directory(staged, m_options.index_dir, false);
      result.documents = m_site.stories.size();
    }
    next.identify(m_options.index_dir);
    m_index = std::move(next);
    m_index.save(IndexState::path_for(m_options.cache_dir, m_options.index_dir));
  }
  result.changed = had_errors || result.files_written > 0 || result.files_removed > 0 || result.documents > 0;
  result.took += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  return result;
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
  }
  m_status.finish();
  m_stories->save();
  m_manifest = OutputManifest::load(OutputManifest::path_for(m_options.cache_dir, m_options.out_dir));
  m_index = IndexState::load(IndexState::path_for(m_options.cache_dir, m_options.index_dir));
  result.took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - begin);
  return result;
}

LiveResult LiveSite::apply(const FileChanges& changes) {
  const auto begin = std::chrono::steady_clock::now();
  LiveResult result;
  bool full = changes.overflow;
  std::set<std::string> folders;
  for (const auto& path : changes.paths) {
    std::string folder;
    if (under(path, m_options.theme_dir)) {
      full = true;
    } else if (is_story_path(path, folder)) {
      folders.insert(folder);
    } else if (under(path, m_options.content_dir)) {
      full = true;  // site.yaml, taxonomies, awards, events, pages, or the folder itself
    }
  }
  if (full) {
    result.full = true;
    result.stories = m_site.stories.size();
    reload_all();
  } else if (!folders.empty()) {
    update_stories({folders.begin(), folders.end()}, result);
  } else {
    return result;  // nothing the site is made from
  }
  result = publish(std::move(result));
  result.took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - begin);
  return result;
}

std::string LiveSite::error_text() const {
  return format_all(m_errors, DiagnosticFormat::text, &m_fs, false);
}

}  // namespace vetrina
