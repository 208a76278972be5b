#include "generator/build/index_publisher.h"

#include "generator/util/i18n.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "generator/output/output_writer.h"
#include "generator/util/parallel.h"
#include "search/index/indexer.h"

namespace vetrina {

namespace {

namespace fs = std::filesystem;

bool same_state(const IndexState& a, const IndexState& b) {
  return a.fingerprint == b.fingerprint && a.inode == b.inode && a.device == b.device;
}

BuildOptions with_jobs(BuildOptions options) {
  if (options.jobs == 0) {
    options.jobs = util::default_jobs();
  }
  return options;
}

}  // namespace

IndexPublisher::IndexPublisher(BuildOptions options, Mode mode)
    : m_options(with_jobs(std::move(options))),
      m_mode(mode),
      m_state(IndexState::load(IndexState::path_for(m_options.cache_dir, m_options.index_dir))),
      m_saved(m_state) {}

IndexPublisher::~IndexPublisher() {
  discard();
}

IndexPlan IndexPublisher::plan(const Site& site, const RenderInputs& inputs, const util::FileSystem& fs,
                               std::size_t max_changes) const {
  const IndexState next = index_state_of(site, inputs, fs, m_options);
  return plan_index(site, m_state, next, m_options.index_dir, max_changes);
}

IndexPlan IndexPublisher::plan_touched(const Site& site, const RenderInputs& inputs, std::vector<std::size_t> touched,
                                       const std::vector<std::string>& gone) const {
  IndexPlan plan;
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (const std::size_t i : touched) {
    const auto it = m_state.stories.find(site.stories[i].slug);
    if (it == m_state.stories.end() || it->second != inputs.stories[i]) {
      plan.changed.push_back(i);
    }
  }
  for (const auto& slug : gone) {
    if (site.find_story(slug) == nullptr && m_state.stories.count(slug) != 0 &&
        std::find(plan.removed.begin(), plan.removed.end(), slug) == plan.removed.end()) {
      plan.removed.push_back(slug);
    }
  }
  plan.action = plan.changed.empty() && plan.removed.empty() ? IndexPlan::Action::keep : IndexPlan::Action::update;
  return plan;
}

// A copy of the index folder in a staging folder beside it, for an update
// that must not touch the live index until the swap.
std::string IndexPublisher::copy_index() const {
  static std::atomic<unsigned> counter{0};
  const std::string& dir = m_options.index_dir;
  const fs::path path(dir);
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string staging = (parent / ("." + path.filename().string() + ".staging-" + std::to_string(::getpid()) +
                                         "-u" + std::to_string(counter++)))
                                  .string();
  std::error_code ec;
  fs::remove_all(staging, ec);
  fs::copy(dir, staging, fs::copy_options::recursive, ec);
  if (ec) {
    fs::remove_all(staging, ec);
    throw std::runtime_error("cannot copy the search index " + dir + ": " + ec.message());
  }
  return staging;
}

std::size_t IndexPublisher::stage(const Site& site, const RenderInputs& inputs, const util::FileSystem& fs,
                                  const IndexPlan& plan) {
  const std::string& dir = m_options.index_dir;
  const bool staged = m_mode == Mode::staged;
  m_action = _("kept");
  m_main_staged = false;
  std::size_t documents = 0;
  bool updated = false;
  if (plan.action == IndexPlan::Action::update) {
    const std::string target = staged ? copy_index() : dir;
    try {
      updated = search::update_index(site, target, plan.changed, plan.removed);
    } catch (...) {
      std::error_code ec;
      if (staged) {
        fs::remove_all(target, ec);
      }
      throw;
    }
    if (updated) {
      if (staged) {
        m_staged.emplace_back(target, dir);
        m_main_staged = true;
      } else {
        ::utimensat(AT_FDCWD, dir.c_str(), nullptr, 0);  // the server's searchers reopen it
      }
      documents = plan.changed.size() + plan.removed.size();
      m_action = tr("updated {}", std::to_string(documents));
      m_dirty = true;
      // The documents now match the model.
      for (const std::size_t i : plan.changed) {
        m_state.stories[site.stories[i].slug] = inputs.stories[i];
      }
      for (const auto& slug : plan.removed) {
        m_state.stories.erase(slug);
      }
      m_state.fingerprint = index_fingerprint(site, inputs, m_state.base);
    } else if (staged) {
      std::error_code ec;
      fs::remove_all(target, ec);
    }
  }
  if (plan.action == IndexPlan::Action::rebuild || (plan.action == IndexPlan::Action::update && !updated)) {
    const std::string folder = search::stage_index(site, dir, m_options.jobs, nullptr);
    if (staged) {
      m_staged.emplace_back(folder, dir);
      m_main_staged = true;
    } else {
      swap_directory(folder, dir, false);
    }
    documents = site.stories.size();
    m_action = _("rebuilt");
    m_dirty = true;
    m_state = index_state_of(site, inputs, fs, m_options);
  }
  if (staged) {
    m_state.shards = m_options.index_shards;  // stage_shards() makes them so
  } else if (plan.action != IndexPlan::Action::keep) {
    m_state.identify(dir);
  }
  return documents;
}

bool IndexPublisher::shards_present() const {
  std::error_code ec;
  for (unsigned shard = 0; shard < m_options.index_shards; ++shard) {
    if (!fs::is_directory(m_options.index_dir + "-shard-" + std::to_string(shard), ec)) {
      return false;
    }
  }
  return true;
}

void IndexPublisher::stage_shards(const Site& site) {
  const bool current = !m_main_staged && m_saved.shards == m_options.index_shards && shards_present();
  for (unsigned shard = 0; shard < m_options.index_shards && !current; ++shard) {
    Site part;
    part.config = site.config;
    part.taxonomies = site.taxonomies;
    for (std::size_t i = shard; i < site.stories.size(); i += m_options.index_shards) {
      part.stories.push_back(site.stories[i]);
    }
    part.index();
    const std::string target = m_options.index_dir + "-shard-" + std::to_string(shard);
    m_staged.emplace_back(search::stage_index(part, target, m_options.jobs, nullptr), target);
  }
}

void IndexPublisher::swap() {
  std::vector<std::pair<std::string, std::string>> staged;
  std::swap(staged, m_staged);
  for (const auto& [staging, target] : staged) {
    swap_directory(staging, target, false);
  }
  m_dirty = m_dirty || !staged.empty();
  m_state.identify(m_options.index_dir);
}

void IndexPublisher::discard() {
  std::error_code ec;
  for (const auto& [staging, target] : m_staged) {
    fs::remove_all(staging, ec);
  }
  m_staged.clear();
}

void IndexPublisher::save() {
  if (!m_dirty && same_state(m_state, m_saved)) {
    return;
  }
  m_state.save(IndexState::path_for(m_options.cache_dir, m_options.index_dir));
  m_saved = m_state;
  m_dirty = false;
}

}  // namespace vetrina
