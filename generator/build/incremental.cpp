#include "generator/build/incremental.h"

#include <sys/stat.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "generator/content/story_codec.h"
#include "generator/render/related_stories.h"
#include "generator/util/hash.h"
#include "generator/util/parallel.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

std::string read_or_empty(const util::FileSystem& fs, const std::string& path) {
  auto text = fs.read_file(path);
  return text ? std::move(*text) : std::string();
}

std::string absolute_key(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  std::string key = (ec ? fs::path(path) : absolute.lexically_normal()).string();
  while (key.size() > 1 && key.back() == '/') {
    key.pop_back();
  }
  return key;
}

template <typename T>
bool parse_number(std::string_view text, T& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::uint64_t theme_fingerprint(const Theme& theme) {
  util::Hasher hasher;
  for (const auto& [name, source] : theme.sources()) {
    hasher.add(name).add(source);
  }
  for (const auto& file : theme.static_files()) {
    hasher.add(file.path).add(file.content);
  }
  hasher.add(theme.cover_font());
  return hasher.value();
}

std::uint64_t site_fingerprint(const util::FileSystem& fs, const BuildOptions& options, const Theme& theme) {
  return util::Hasher()
      .add("site")
      .add(util::executable_hash())
      .add(theme_fingerprint(theme))
      .add(read_or_empty(fs, util::join_path(options.content_dir, "site.yaml")))
      .add(read_or_empty(fs, util::join_path(options.content_dir, "taxonomies.yaml")))
      .add(options.content_dir)
      .add_bool(options.include_drafts)
      .value();
}

RenderInputs render_inputs(const Site& site, std::uint64_t site_fingerprint, unsigned jobs) {
  RenderInputs inputs;
  inputs.site = site_fingerprint;
  inputs.stories.resize(site.stories.size());
  util::parallel_for(site.stories.size(), jobs,
                     [&](std::size_t i) { inputs.stories[i] = story_fingerprint(site.stories[i]); });
  inputs.related = all_related_stories(site, jobs);
  return inputs;
}

IndexState IndexState::load(const std::string& path) {
  IndexState state;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return state;
  }
  std::string line;
  if (!std::getline(in, line) || line != k_version) {
    return state;
  }
  std::string fingerprint;
  std::string base;
  std::string shards;
  std::string device;
  std::string inode;
  if (!std::getline(in, fingerprint) || !std::getline(in, base) || !std::getline(in, shards) ||
      !std::getline(in, device) || !std::getline(in, inode)) {
    return state;
  }
  IndexState loaded;
  if (!util::parse_hex64(fingerprint, loaded.fingerprint) || !util::parse_hex64(base, loaded.base) ||
      !parse_number(shards, loaded.shards) || !parse_number(device, loaded.device) ||
      !parse_number(inode, loaded.inode)) {
    return state;
  }
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    std::uint64_t story = 0;
    if (tab == std::string::npos || !util::parse_hex64(std::string_view(line).substr(tab + 1), story)) {
      return state;
    }
    loaded.stories.emplace(line.substr(0, tab), story);
  }
  return loaded;
}

void IndexState::save(const std::string& path) const {
  std::string text = std::string(k_version) + "\n" + util::hex64(fingerprint) + "\n" + util::hex64(base) + "\n" +
                     std::to_string(shards) + "\n" + std::to_string(device) + "\n" + std::to_string(inode) + "\n";
  for (const auto& [slug, story] : stories) {
    text += slug + "\t" + util::hex64(story) + "\n";
  }
  util::write_file_atomically(path, text);
}

std::string IndexState::path_for(const std::string& cache_dir, const std::string& index_dir) {
  return cache_dir + "/index/" + util::hex64(util::hash64(absolute_key(index_dir))) + ".state";
}

bool IndexState::describes(const std::string& index_dir) const {
  struct stat info {};
  return fingerprint != 0 && ::stat(index_dir.c_str(), &info) == 0 && S_ISDIR(info.st_mode) &&
         static_cast<std::uint64_t>(info.st_dev) == device && static_cast<std::uint64_t>(info.st_ino) == inode;
}

void IndexState::identify(const std::string& index_dir) {
  struct stat info {};
  if (::stat(index_dir.c_str(), &info) == 0) {
    device = static_cast<std::uint64_t>(info.st_dev);
    inode = static_cast<std::uint64_t>(info.st_ino);
  }
}

IndexState index_state_of(const Site& site, const RenderInputs& inputs, const util::FileSystem& fs,
                          const BuildOptions& options) {
  IndexState state;
  // Facet labels come from taxonomies.yaml; the document layout from the binary.
  state.base = util::Hasher()
                   .add("index")
                   .add(util::executable_hash())
                   .add(read_or_empty(fs, util::join_path(options.content_dir, "taxonomies.yaml")))
                   .value();
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    state.stories.emplace(site.stories[i].slug, inputs.stories[i]);
  }
  state.fingerprint = index_fingerprint(site, inputs, state.base);
  state.shards = options.index_shards;
  return state;
}

std::uint64_t index_fingerprint(const Site& site, const RenderInputs& inputs, std::uint64_t base) {
  util::Hasher hasher;
  hasher.add(base);
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    hasher.add(site.stories[i].slug).add(inputs.stories[i]);
  }
  return hasher.value() == 0 ? 1 : hasher.value();
}

IndexPlan plan_index(const Site& site, const IndexState& previous, const IndexState& next, const std::string& index_dir,
                     std::size_t max_changes) {
  IndexPlan plan;
  if (!previous.describes(index_dir)) {
    return plan;  // rebuild
  }
  if (previous.fingerprint == next.fingerprint) {
    plan.action = IndexPlan::Action::keep;
    return plan;
  }
  for (std::size_t i = 0; i < site.stories.size(); ++i) {
    const auto it = previous.stories.find(site.stories[i].slug);
    if (it == previous.stories.end() || it->second != next.stories.at(site.stories[i].slug)) {
      plan.changed.push_back(i);
    }
  }
  for (const auto& [slug, fingerprint] : previous.stories) {
    if (next.stories.count(slug) == 0) {
      plan.removed.push_back(slug);
    }
  }
  // Facet labels or the binary changed: every document may differ.
  const bool same_base = previous.base == next.base;
  plan.action = same_base && plan.changed.size() + plan.removed.size() <= max_changes ? IndexPlan::Action::update
                                                                                      : IndexPlan::Action::rebuild;
  return plan;
}

}  // namespace vetrina
