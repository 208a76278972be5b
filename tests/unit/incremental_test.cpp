#include "generator/build/incremental.h"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "generator/output/output_manifest.h"
#include "generator/output/output_writer.h"
#include "generator/render/renderer.h"
#include "generator/util/hash.h"
#include "tests/unit/test_support.h"

using vetrina::IndexPlan;
using vetrina::IndexState;
using vetrina::OutputManifest;
using vetrina::OutputWriter;
using vetrina::test::TempDir;
namespace fs = std::filesystem;
namespace util = vetrina::util;

namespace {

struct FileId {
  ino_t inode = 0;
  long long mtime_ns = 0;
  bool operator==(const FileId&) const = default;
};

FileId id_of(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return {info.st_ino, static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A first build of `files` into `target`; returns its manifest.
OutputManifest first_build(const std::string& target, const std::map<std::string, std::string>& files) {
  OutputWriter out(target);
  for (const auto& [path, content] : files) {
    out.write(path, content, util::hash64(path));
  }
  out.commit();
  return out.manifest();
}

// Records what a render wrote or kept; keeps what it holds with the same inputs.
class RecordingSink final : public vetrina::OutputSink {
 public:
  bool reuse(const std::string& relative, std::uint64_t inputs) override {
    const std::lock_guard lock(m_mutex);
    const auto it = m_inputs.find(relative);
    return inputs != 0 && it != m_inputs.end() && it->second == inputs;
  }
  void write(const std::string& relative, std::string_view, std::uint64_t inputs) override {
    const std::lock_guard lock(m_mutex);
    m_inputs[relative] = inputs;
    written.insert(relative);
  }
  std::set<std::string> written;

 private:
  std::mutex m_mutex;
  std::map<std::string, std::uint64_t> m_inputs;
};

}  // namespace

TEST_SUITE("incremental") {
  TEST_CASE("an output manifest is saved and read back; other versions and damaged files read as empty") {
    TempDir dir;
    OutputManifest manifest;
    manifest.files()["index.html"] = {0x1234, 0x5678, 42, 1'700'000'000'123'456'789, 99};
    manifest.files()["esperienze/a b/index.html"] = {1, 0, 0, 0, 1};
    manifest.save(dir / "m");
    CHECK(OutputManifest::load(dir / "m").files() == manifest.files());
    std::ofstream(dir / "old") << "vetrina outputs v0\n";
    CHECK(OutputManifest::load(dir / "old").files().empty());
    std::ofstream(dir / "bad") << "vetrina outputs v1\nindex.html\tnot-hex\t0\t1\t2\t3\n";
    CHECK(OutputManifest::load(dir / "bad").files().empty());
    CHECK(OutputManifest::load(dir / "missing").files().empty());
    CHECK(OutputManifest::path_for("c", "public") == OutputManifest::path_for("c", "./public/"));
    CHECK(OutputManifest::path_for("c", "public") != OutputManifest::path_for("c", "other"));
  }

  TEST_CASE("a rebuild keeps files with the same bytes (same inode and mtime) and writes the others") {
    TempDir dir;
    const std::string target = dir / "public";
    const OutputManifest manifest = first_build(target, {{"a.html", "A"}, {"sub/b.html", "B"}, {"gone.html", "G"}});
    const FileId a = id_of(target + "/a.html");
    const FileId b = id_of(target + "/sub/b.html");
    OutputWriter out(target, manifest);
    out.write("a.html", "A");
    out.write("sub/b.html", "B changed");
    out.write("new.html", "N");
    CHECK_FALSE(out.unchanged());
    out.commit();
    CHECK(id_of(target + "/a.html") == a);
    CHECK_FALSE(id_of(target + "/sub/b.html") == b);
    CHECK(read(target + "/sub/b.html") == "B changed");
    CHECK(read(target + "/new.html") == "N");
    CHECK_FALSE(fs::exists(target + "/gone.html"));
    CHECK(out.files_written() == 3);
    CHECK(out.files_changed() == 2);
    CHECK(out.manifest().files().size() == 3);
    CHECK(out.manifest().find("a.html")->inode == manifest.find("a.html")->inode);
  }

  TEST_CASE("the old tree becomes the spare, and the next build stages into it without leaving stale files") {
    TempDir dir;
    const std::string target = dir / "public";
    const std::string spare = OutputWriter::spare_dir(target);
    CHECK(spare == dir / ".public.spare");
    OutputManifest first = first_build(target, {{"a/index.html", "A"}, {"b/index.html", "B"}, {"old/x.html", "X"}});
    CHECK_FALSE(fs::exists(spare));  // no old tree the first time
    OutputManifest second;
    {
      OutputWriter out(target, first);
      out.write("a/index.html", "A");
      out.write("b/index.html", "B2");
      out.write("old/x.html", "X");
      out.commit();
      second = out.manifest();
      CHECK(out.spare_manifest().files() == first.files());
    }
    REQUIRE(fs::is_directory(spare));
    CHECK(read(spare + "/b/index.html") == "B");
    const FileId a = id_of(target + "/a/index.html");
    const FileId b = id_of(target + "/b/index.html");
    OutputWriter out(target, second, first);
    CHECK_FALSE(fs::exists(spare));  // in use: nobody else may trust it now
    out.write("a/index.html", "A");
    out.write("b/index.html", "B2");
    out.write("c/index.html", "C");  // new; old/x.html is gone
    out.commit();
    CHECK(id_of(target + "/a/index.html") == a);
    CHECK(id_of(target + "/b/index.html") == b);
    CHECK(read(target + "/c/index.html") == "C");
    CHECK_FALSE(fs::exists(target + "/old"));
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(target)) {
      if (entry.is_regular_file()) {
        files.insert(fs::relative(entry.path(), target).string());
      }
    }
    CHECK(files == std::set<std::string>{"a/index.html", "b/index.html", "c/index.html"});
    CHECK(read(spare + "/b/index.html") == "B2");  // the tree of the second build
    CHECK(out.spare_manifest().files() == second.files());
  }

  TEST_CASE("a spare without its manifest is not trusted: it is deleted and the tree staged afresh") {
    TempDir dir;
    const std::string target = dir / "public";
    const OutputManifest manifest = first_build(target, {{"a.html", "A"}});
    fs::create_directories(OutputWriter::spare_dir(target));
    std::ofstream(OutputWriter::spare_dir(target) + "/junk.html") << "junk";
    OutputWriter out(target, manifest, OutputManifest());
    out.write("a.html", "A2");
    out.commit();
    CHECK_FALSE(fs::exists(target + "/junk.html"));
    CHECK(read(target + "/a.html") == "A2");
  }

  TEST_CASE("reuse keeps a file made from the same inputs without its bytes, unless it was touched since") {
    TempDir dir;
    const std::string target = dir / "public";
    const OutputManifest manifest = first_build(target, {{"a.html", "A"}, {"b.html", "B"}});
    {
      OutputWriter out(target, manifest);
      CHECK(out.reuse("a.html", util::hash64("a.html")));
      CHECK_FALSE(out.reuse("b.html", 12345));                   // other inputs
      CHECK_FALSE(out.reuse("c.html", util::hash64("c.html")));  // not there
      CHECK_FALSE(out.reuse("a.html", 0));                       // unknown inputs
    }
    std::ofstream(target + "/b.html") << "B by hand";
    OutputWriter out(target, manifest);
    CHECK_FALSE(out.reuse("b.html", util::hash64("b.html")));
  }

  TEST_CASE("unchanged is true only when the target would stay exactly as it is") {
    TempDir dir;
    const std::string target = dir / "public";
    const OutputManifest manifest = first_build(target, {{"a.html", "A"}, {"b.html", "B"}});
    std::ofstream(target + "/README.md") << "tracked by Git";
    {
      OutputWriter out(target, manifest);
      out.write("a.html", "A");
      CHECK(out.reuse("b.html", util::hash64("b.html")));
      CHECK(out.unchanged());
    }
    {
      OutputWriter out(target, manifest);
      out.write("a.html", "A");  // b.html is not made any more
      CHECK_FALSE(out.unchanged());
    }
    std::ofstream(target + "/by-hand.html") << "x";
    OutputWriter out(target, manifest);
    out.write("a.html", "A");
    CHECK(out.reuse("b.html", util::hash64("b.html")));
    CHECK_FALSE(out.unchanged());
  }

  TEST_CASE("an index state is saved and read back, and knows its folder") {
    TempDir dir;
    fs::create_directories(dir / "index");
    IndexState state;
    state.fingerprint = 7;
    state.base = 8;
    state.shards = 2;
    state.stories = {{"a", 1}, {"b", 2}};
    state.identify(dir / "index");
    state.save(dir / "state");
    const IndexState back = IndexState::load(dir / "state");
    CHECK(back.fingerprint == 7);
    CHECK(back.base == 8);
    CHECK(back.shards == 2);
    CHECK(back.stories == state.stories);
    CHECK(back.describes(dir / "index"));
    fs::rename(dir / "index", dir / "index-old");  // kept, so the new folder gets another inode
    fs::create_directories(dir / "index");
    CHECK_FALSE(back.describes(dir / "index"));  // another folder now
    CHECK(IndexState::load(dir / "missing").fingerprint == 0);
  }

  TEST_CASE("plan_index keeps, updates or rebuilds") {
    TempDir dir;
    fs::create_directories(dir / "index");
    auto fs_site = vetrina::test::tiny_site();
    vetrina::test::add_story(fs_site, "a", vetrina::test::StoryText());
    vetrina::test::add_story(fs_site, "b", vetrina::test::StoryText().set("date", "2017-01-01"));
    const vetrina::Site site = vetrina::test::load_clean(fs_site);
    vetrina::RenderInputs inputs{1, {10, 20}, {}};
    vetrina::BuildOptions options;
    options.content_dir = "content";
    IndexState previous = vetrina::index_state_of(site, inputs, fs_site, options);
    previous.identify(dir / "index");

    IndexState next = vetrina::index_state_of(site, inputs, fs_site, options);
    CHECK(vetrina::plan_index(site, previous, next, dir / "index", 50).action == IndexPlan::Action::keep);

    inputs.stories[1] = 21;  // site.stories[1] is "a" (newest first)
    next = vetrina::index_state_of(site, inputs, fs_site, options);
    IndexPlan plan = vetrina::plan_index(site, previous, next, dir / "index", 50);
    CHECK(plan.action == IndexPlan::Action::update);
    CHECK(plan.changed == std::vector<std::size_t>{1});
    CHECK(plan.removed.empty());

    previous.stories["gone"] = 5;
    plan = vetrina::plan_index(site, previous, next, dir / "index", 50);
    CHECK(plan.removed == std::vector<std::string>{"gone"});
    CHECK(vetrina::plan_index(site, previous, next, dir / "index", 1).action == IndexPlan::Action::rebuild);

    next.base = previous.base + 1;  // the binary or the facet labels changed
    CHECK(vetrina::plan_index(site, previous, next, dir / "index", 50).action == IndexPlan::Action::rebuild);
    CHECK(vetrina::plan_index(site, previous, next, dir / "elsewhere", 50).action == IndexPlan::Action::rebuild);
  }

  TEST_CASE("pages whose inputs did not change are not rendered again") {
    auto files = vetrina::test::tiny_site();
    vetrina::test::add_story(files, "a", vetrina::test::StoryText().set("levels", "[primaria]"));
    vetrina::test::add_story(files, "b",
                             vetrina::test::StoryText().set("levels", "[infanzia]").set("date", "2017-01-01"));
    // "c" shares nothing with "b" and is not next to it in the order.
    vetrina::test::add_story(files, "c",
                             vetrina::test::StoryText()
                                 .set("levels", "[secondaria-2]")
                                 .set("competences", "[culturale]")
                                 .set("subjects", "[storia]")
                                 .set("date", "2015-01-01"));
    for (const auto& name : vetrina::required_templates()) {
      files.add_file("themes/t/templates/" + name + ".mustache", "<title>{{meta.title}}</title>");
    }
    vetrina::Site site = vetrina::test::load_clean(files);
    vetrina::DiagnosticBag diagnostics;
    const auto theme = vetrina::Theme::load(files, "themes/t", vetrina::required_templates(), diagnostics);
    REQUIRE(theme.has_value());
    vetrina::NullStatus status;
    const vetrina::SiteRenderer renderer(site, *theme);
    vetrina::RenderInputs inputs = vetrina::render_inputs(site, 42, 1);
    RecordingSink sink;
    const auto first = renderer.render(files, sink, 1, status, &inputs);
    CHECK(first.rendered == first.pages);
    CHECK(sink.written.count("esperienze/a/index.html") == 1);

    sink.written.clear();
    const auto again = renderer.render(files, sink, 1, status, &inputs);
    // Only pages that show site-wide data: home, awards, events, 404.
    CHECK(again.rendered == 4);
    CHECK(sink.written.count("index.html") == 1);
    CHECK(sink.written.count("esperienze/a/index.html") == 0);

    // Story "b" (index 0: newest first) changes: its page, the lists it is on
    // and the page of "a", which shows it (related story, previous in the
    // order); nothing of "c", which shows nothing of "b".
    REQUIRE(site.stories[0].slug == "b");
    REQUIRE(site.stories[2].slug == "c");
    sink.written.clear();
    inputs.stories[0] += 1;
    renderer.render(files, sink, 1, status, &inputs);
    CHECK(sink.written.count("esperienze/b/index.html") == 1);
    CHECK(sink.written.count("esperienze/index.html") == 1);
    CHECK(sink.written.count("esperienze/livello/infanzia/index.html") == 1);
    CHECK(sink.written.count("esperienze/a/index.html") == 1);
    CHECK(sink.written.count("esperienze/c/index.html") == 0);
    CHECK(sink.written.count("esperienze/livello/primaria/index.html") == 0);
    CHECK(sink.written.count("esperienze/livello/index.html") == 0);  // same counts

    // Anything site-wide changes: everything again.
    sink.written.clear();
    inputs.site += 1;
    CHECK(renderer.render(files, sink, 1, status, &inputs).rendered == first.pages);
  }
}
