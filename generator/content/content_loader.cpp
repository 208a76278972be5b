#include "generator/content/content_loader.h"

#include <optional>
#include <string>
#include <vector>

#include "generator/content/award_loader.h"
#include "generator/content/page_decoder.h"
#include "generator/content/site_config_decoder.h"
#include "generator/content/stats_loader.h"
#include "generator/content/story_decoder.h"
#include "generator/content/taxonomy_decoder.h"
#include "generator/model/awards.h"
#include "generator/util/i18n.h"
#include "generator/util/parallel.h"
#include "generator/util/strings.h"

namespace vetrina {

LoadedStory load_story(const util::FileSystem& fs, const std::string& folder, StoryDecodeCache* cache,
                       DiagnosticBag& diagnostics, std::uint64_t max_bytes, const std::string& folder_real) {
  const std::string index_path = util::join_path(folder, "index.md");
  const util::FileLimits limits{folder, max_bytes, folder_real};
  auto text = fs.read_file(index_path, limits);
  if (!text) {
    const util::FileCheck check = fs.check_file(index_path, limits);
    if (check.refusal == util::FileRefusal::missing) {
      diagnostics.error({index_path, 0, 0}, tr("the story folder has no index.md ({})", text.error()));
      return {};
    }
    diagnostics.error(
        {index_path, 0, 0},
        tr("index.md cannot be read: {}{}", text.error(),
           check.refusal == util::FileRefusal::too_large ? _(" (file_limits.max_text_bytes in site.yaml)") : ""));
    return {std::nullopt, true};
  }
  if (cache != nullptr) {
    if (auto story = cache->find(folder, *text)) {
      return {std::move(story), false};
    }
  }
  if (!util::is_valid_utf8(*text)) {
    int line = 1;
    std::size_t good = 0;
    while (good < text->size() && util::is_valid_utf8(std::string_view(*text).substr(0, good + 1))) {
      line += (*text)[good] == '\n' ? 1 : 0;
      ++good;
    }
    diagnostics.error({index_path, line, 1},
                      _("the file is not UTF-8 text: save it as UTF-8 (accented letters would show as \xEF\xBF\xBD)"));
    return {std::nullopt, true};
  }
  DiagnosticBag local;
  LoadedStory loaded{decode_story(*text, folder, local), false};
  loaded.broken = local.has_errors() || !loaded.story;
  if (cache != nullptr && loaded.story && local.sorted().empty()) {
    cache->store(folder, *text, *loaded.story);
  }
  diagnostics.merge(local);
  return loaded;
}

std::optional<std::string> story_folder_inside(const util::FileSystem& fs, const std::string& folder,
                                               const std::optional<std::string>& stories_real) {
  std::optional<std::string> folder_real = fs.real_path(folder);
  if (!stories_real || !folder_real || !util::path_inside(*folder_real, *stories_real)) {
    return std::nullopt;
  }
  return folder_real;
}

void report_outside_story_folder(const std::string& folder, const std::string& stories_dir,
                                 DiagnosticBag& diagnostics) {
  diagnostics.error({folder, 0, 0}, tr("the story folder is a symbolic link leading outside {}: move the story "
                                       "itself into {}",
                                       stories_dir, stories_dir));
}

Site load_content(const util::FileSystem& fs, const std::string& content_dir, const LoadOptions& options,
                  DiagnosticBag& diagnostics) {
  Site site;
  site.content_dir = content_dir;
  if (!fs.is_directory(content_dir)) {
    diagnostics.error({content_dir, 0, 0}, _("content folder not found (give another with --content)"));
    return site;
  }
  // Every file of the content stays inside the content folder (symlinks included).
  auto read = [&](const std::string& path, std::uint64_t max_bytes = util::k_default_max_file_bytes) {
    auto text = fs.read_file(path, {content_dir, max_bytes});
    if (!text) {
      diagnostics.error({path, 0, 0}, text.error() == _("no such file")
                                          ? tr("{} (every site needs it: see docs/content-format.md)", text.error())
                                          : tr("cannot read file: {}", text.error()));
    }
    return text;
  };
  const std::string site_path = util::join_path(content_dir, "site.yaml");
  if (auto text = read(site_path)) {
    site.config = decode_site_config(*text, site_path, diagnostics);
  }
  const std::string tax_path = util::join_path(content_dir, "taxonomies.yaml");
  if (auto text = read(tax_path)) {
    site.taxonomies = decode_taxonomies(*text, tax_path, diagnostics);
  } else {
    site.taxonomies = decode_taxonomies("", tax_path, diagnostics);
  }

  if (options.config_only) {
    return site;
  }
  site.stats = load_stats(fs, content_dir, diagnostics);
  // Stories: one folder each, parsed in parallel into fixed slots.
  const std::string stories_dir = util::join_path(content_dir, "stories");
  std::vector<std::string> folders;
  for (const auto& entry : fs.list_directory(stories_dir)) {
    if (entry.name.starts_with(".")) {
      continue;
    }
    const std::string path = util::join_path(stories_dir, entry.name);
    if (!entry.is_directory) {
      if (entry.name.ends_with(".md") && entry.name != "README.md") {
        diagnostics.error({path, 0, 0},
                          tr("a story must be a folder with an index.md inside: move this file to {}/index.md",
                             util::join_path(stories_dir, util::slugify(entry.name.substr(0, entry.name.size() - 3)))));
      }
      continue;
    }
    folders.push_back(path);
  }
  // A folder that is a link leading outside is refused before anything in
  // it is read; checked with the reading, in parallel. The stories folder
  // is resolved once, each story's folder once (three system calls each),
  // and index.md is then read within that resolved folder.
  std::vector<LoadedStory> loaded(folders.size());
  std::vector<char> outside(folders.size(), 0);
  const std::optional<std::string> stories_real = fs.real_path(stories_dir);
  util::parallel_for(folders.size(), options.jobs, [&](std::size_t i) {
    const std::optional<std::string> folder_real = story_folder_inside(fs, folders[i], stories_real);
    if (!folder_real) {
      outside[i] = 1;
      return;
    }
    loaded[i] =
        load_story(fs, folders[i], options.cache, diagnostics, site.config.file_limits.max_text_bytes, *folder_real);
  });
  site.stories.reserve(folders.size());
  for (std::size_t i = 0; i < loaded.size(); ++i) {
    if (outside[i] != 0) {
      report_outside_story_folder(folders[i], stories_dir, diagnostics);
      site.broken_slugs.push_back(util::slugify(util::last_component(folders[i])));
      continue;
    }
    auto& story = loaded[i].story;
    if (loaded[i].broken) {
      site.broken_slugs.push_back(util::slugify(util::last_component(folders[i])));
    }
    if (story && (!story->draft || options.include_drafts)) {
      site.stories.push_back(std::move(*story));
    } else if (story && !loaded[i].broken) {
      site.draft_slugs.push_back(story->slug);
    }
  }

  const std::string pages_dir = util::join_path(content_dir, "pages");
  for (const auto& entry : fs.list_directory(pages_dir)) {
    if (entry.is_directory || !entry.name.ends_with(".md") || entry.name.starts_with(".")) {
      continue;
    }
    const std::string path = util::join_path(pages_dir, entry.name);
    if (auto text = read(path, site.config.file_limits.max_text_bytes)) {
      if (auto page = decode_page(*text, path, diagnostics); page && (!page->draft || options.include_drafts)) {
        site.pages.push_back(std::move(*page));
      }
    }
  }
  load_awards_and_events(fs, content_dir, site, diagnostics);
  attach_awards(site);
  site.index();
  return site;
}

}  // namespace vetrina
