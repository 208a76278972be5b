#include "generator/render/markdown_pass.h"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <optional>
#include <string>

#include "generator/render/markdown.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "generator/util/safe_url.h"
#include "generator/util/strings.h"

namespace vetrina {

namespace {

const std::string k_stories_url = "/esperienze/";

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

// Where each voice with a `section` goes in the rendered body: at the end of
// that `##` section (before the next heading of level 1 or 2, or at the end
// of the body). A section naming no `##` heading is an error at its value.
void place_voices(Story& story, const RenderedMarkdown& rendered, DiagnosticBag& diagnostics) {
  std::vector<std::string> names;  // the `##` headings' texts, for the message
  for (const auto& heading : rendered.headings) {
    if (heading.level == 2) {
      names.push_back(heading.text);
    }
  }
  for (auto& interview : story.interviews) {
    interview.body_offset.reset();
    const std::string& wanted = interview.section.value;
    if (wanted.empty()) {
      continue;
    }
    const std::string wanted_slug = util::slugify(wanted);
    auto found = rendered.headings.end();
    for (auto it = rendered.headings.begin(); it != rendered.headings.end(); ++it) {
      if (it->level == 2 && (it->text == wanted || it->id == wanted || util::slugify(it->text) == wanted_slug)) {
        found = it;
        break;
      }
    }
    if (found == rendered.headings.end()) {
      if (names.empty()) {
        diagnostics.error(interview.section.location,
                          tr("section '{}' is not a heading of the story: the text has no '##' headings; add one "
                             "(a line '## {}') or remove 'section'",
                             wanted, wanted));
      } else {
        std::string list;
        for (const auto& name : names) {
          list += (list.empty() ? "'" : ", '") + name + "'";
        }
        diagnostics.error(interview.section.location,
                          tr("section '{}' is not a '##' heading of the story{}; its '##' headings are {}", wanted,
                             util::did_you_mean_suffix(wanted, names), list));
      }
      continue;
    }
    std::size_t end = rendered.html.size();
    for (auto next = found + 1; next != rendered.headings.end(); ++next) {
      if (next->level <= 2) {
        end = next->offset;
        break;
      }
    }
    interview.body_offset = end;
  }
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
              where, tr("link to a missing story '{}'{}", url, util::did_you_mean_suffix(slug, sorted_slugs())));
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
  // The published slugs, sorted once for every link to a missing story
  // (sorting 100,000 slugs for each one made a site with many broken links
  // take minutes); shared by the workers, made by the first that needs it.
  const std::vector<std::string>& sorted_slugs() const {
    std::call_once(m_slugs_made, [this] { m_sorted_slugs = m_site.sorted_slugs(); });
    return m_sorted_slugs;
  }

  const Site& m_site;
  const util::FileSystem& m_fs;
  DiagnosticBag& m_diagnostics;
  std::vector<std::string> m_reserved;
  mutable std::once_flag m_slugs_made;
  mutable std::vector<std::string> m_sorted_slugs;
};

}  // namespace

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
    RenderedMarkdown rendered = renderer.render(story.body.str(), story.source_path, story.body_line, story.folder,
                                                &story.files, &story.linked_slugs);
    place_voices(story, rendered, diagnostics);
    story.body_html = rendered.html;  // packed
    story.body_text = rendered.plain_text;
  });
  for (auto& page : site.pages) {
    page.body_html = renderer.render(page.body, page.source_path, page.body_line, "", nullptr, nullptr).html;
  }
}

}  // namespace vetrina
