// The index stage shared by `vetrina build` and `serve --watch`
// (generator/build/index_publisher.h): the same decision, carried out on a
// staged copy (build) or on the live index (preview), with a real Xapian
// index.
#include "generator/build/index_publisher.h"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <xapian.h>

#include <filesystem>

#include "tests/unit/test_support.h"

using vetrina::IndexPlan;
using vetrina::IndexPublisher;
using vetrina::IndexState;
using vetrina::test::TempDir;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  TempDir dir;
  vetrina::util::MemoryFileSystem files = vetrina::test::tiny_site();
  vetrina::Site site;
  vetrina::RenderInputs inputs{1, {10, 20}, {}};
  vetrina::BuildOptions options;

  Fixture() {
    vetrina::test::add_story(files, "a", vetrina::test::StoryText());
    vetrina::test::add_story(files, "b", vetrina::test::StoryText().set("date", "2017-01-01"));
    site = vetrina::test::load_clean(files);
    options.content_dir = "content";
    options.index_dir = dir / "index";
    options.cache_dir = dir / "cache";
    options.jobs = 1;
  }
  Xapian::doccount documents() const { return Xapian::Database(options.index_dir).get_doccount(); }
};

}  // namespace

TEST_SUITE("index_publisher") {
  TEST_CASE("staged: nothing reaches the live index before swap(); then keep, update on a copy, save") {
    Fixture f;
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      const IndexPlan plan = index.plan(f.site, f.inputs, f.files, 50);
      CHECK(plan.action == IndexPlan::Action::rebuild);  // no state yet
      CHECK(index.stage(f.site, f.inputs, f.files, plan) == 2);
      CHECK(index.action() == "rebuilt");
      CHECK_FALSE(fs::exists(f.options.index_dir));
      index.swap();
      index.save();
    }
    CHECK(f.documents() == 2);
    CHECK(IndexState::load(IndexState::path_for(f.options.cache_dir, f.options.index_dir))
              .describes(f.options.index_dir));
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      CHECK(index.plan(f.site, f.inputs, f.files, 50).action == IndexPlan::Action::keep);
    }
    f.inputs.stories[0] = 11;
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      const IndexPlan plan = index.plan(f.site, f.inputs, f.files, 50);
      REQUIRE(plan.action == IndexPlan::Action::update);
      CHECK(index.stage(f.site, f.inputs, f.files, plan) == 1);
      CHECK(index.action() == "updated 1");
      index.discard();  // a failed build: the live index stays as it was
    }
    IndexPublisher index(f.options, IndexPublisher::Mode::staged);
    CHECK(index.plan(f.site, f.inputs, f.files, 50).action == IndexPlan::Action::update);  // the state was not saved
  }

  TEST_CASE("in place: an edit updates the live index at once; only touched stories are compared") {
    Fixture f;
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      index.stage(f.site, f.inputs, f.files, index.plan(f.site, f.inputs, f.files, 50));
      index.swap();
      index.save();
    }
    IndexPublisher index(f.options, IndexPublisher::Mode::in_place);
    f.inputs.stories[1] = 21;
    // Story 1 changed, but only story 0 was touched: nothing to do.
    CHECK(index.plan_touched(f.site, f.inputs, {0, 0}, {}).action == IndexPlan::Action::keep);
    const IndexPlan plan = index.plan_touched(f.site, f.inputs, {1, 0, 1}, {"gone", f.site.stories[0].slug});
    CHECK(plan.action == IndexPlan::Action::update);
    CHECK(plan.changed == std::vector<std::size_t>{1});
    CHECK(plan.removed.empty());  // "gone" has no document, the other is still in the site
    CHECK(index.stage(f.site, f.inputs, f.files, plan) == 1);
    CHECK(index.state().stories.at(f.site.stories[1].slug) == 21);
    CHECK(index.state().describes(f.options.index_dir));
    CHECK(f.documents() == 2);
    index.save();
    CHECK(IndexState::load(IndexState::path_for(f.options.cache_dir, f.options.index_dir))
              .stories.at(f.site.stories[1].slug) == 21);

    // A story removed from the model: its document goes.
    const std::string slug = f.site.stories[0].slug;
    f.site.stories.erase(f.site.stories.begin());
    f.site.index();
    f.inputs.stories.erase(f.inputs.stories.begin());
    const IndexPlan removal = index.plan_touched(f.site, f.inputs, {}, {slug});
    CHECK(removal.removed == std::vector<std::string>{slug});
    CHECK(index.stage(f.site, f.inputs, f.files, removal) == 1);
    CHECK(f.documents() == 1);
  }

  TEST_CASE("staged shards: story i in shard i mod N, made again only when the index or the shard count changed") {
    Fixture f;
    f.options.index_shards = 2;
    const std::string shard0 = f.options.index_dir + "-shard-0";
    const std::string shard1 = f.options.index_dir + "-shard-1";
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      index.stage(f.site, f.inputs, f.files, index.plan(f.site, f.inputs, f.files, 50));
      index.stage_shards(f.site);
      CHECK_FALSE(fs::exists(shard0));
      index.swap();
      index.save();
    }
    CHECK(Xapian::Database(shard0).get_doccount() == 1);
    CHECK(Xapian::Database(shard1).get_doccount() == 1);
    CHECK(IndexState::load(IndexState::path_for(f.options.cache_dir, f.options.index_dir)).shards == 2);
    const auto inode = [](const std::string& path) {
      struct stat info {};
      REQUIRE(::stat(path.c_str(), &info) == 0);
      return info.st_ino;
    };
    const auto before = inode(shard0);
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      const IndexPlan plan = index.plan(f.site, f.inputs, f.files, 50);
      REQUIRE(plan.action == IndexPlan::Action::keep);
      index.stage(f.site, f.inputs, f.files, plan);
      index.stage_shards(f.site);  // kept: nothing staged
      index.swap();
    }
    CHECK(inode(shard0) == before);
    f.inputs.stories[0] = 12;
    {
      IndexPublisher index(f.options, IndexPublisher::Mode::staged);
      index.stage(f.site, f.inputs, f.files, index.plan(f.site, f.inputs, f.files, 50));
      index.stage_shards(f.site);  // the index changed: the shards too
      index.swap();
    }
    CHECK(inode(shard0) != before);
  }
}
