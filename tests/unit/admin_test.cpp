#include "generator/admin/admin_writer.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "generator/admin/cms_config.h"
#include "generator/admin/cms_settings.h"
#include "tests/unit/test_support.h"

using vetrina::CmsSettings;
using vetrina::DiagnosticBag;
using vetrina::test::diagnostics_text;

namespace {

const char* const k_admin_yaml = "backend: github\nrepo: indire/esperienze\nbranch: main\n";

// What the build wrote, by path.
class MemorySink final : public vetrina::OutputSink {
 public:
  bool reuse(const std::string&, std::uint64_t) override { return false; }
  void write(const std::string& relative, std::string_view content, std::uint64_t) override {
    files[relative] = std::string(content);
  }
  std::map<std::string, std::string> files;
};

CmsSettings settings_of(const std::string& text) {
  DiagnosticBag diagnostics;
  CmsSettings settings = vetrina::decode_cms_settings(text, "content/admin.yaml", diagnostics);
  REQUIRE(diagnostics_text(diagnostics) == "");
  return settings;
}

YAML::Node config_of(const vetrina::Site& site, const CmsSettings& settings) {
  return YAML::Load(vetrina::cms_config_yaml(site, settings));
}

bool has_field(const YAML::Node& fields, const std::string& name) {
  for (const auto& f : fields) {
    if (f["name"].as<std::string>() == name) {
      return true;
    }
  }
  return false;
}

// The field `name` among `fields` (a YAML list of field mappings).
YAML::Node field(const YAML::Node& fields, const std::string& name) {
  for (const auto& f : fields) {
    if (f["name"].as<std::string>() == name) {
      return f;
    }
  }
  FAIL("no field " << name);
  return {};
}

std::vector<std::pair<std::string, std::string>> options(const YAML::Node& select) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& o : select["options"]) {
    out.emplace_back(o["value"].as<std::string>(), o["label"].as<std::string>());
  }
  return out;
}

bool required(const YAML::Node& f) {
  return !f["required"] || f["required"].as<bool>();
}

}  // namespace

TEST_SUITE("admin") {
  TEST_CASE("admin.yaml: every key read, defaults for the optional ones") {
    const CmsSettings full = settings_of(
        "backend: github\nrepo: indire/esperienze\nbranch: redazione\neditorial_workflow: false\n"
        "auth_url: \"https://auth.example.it\"\nauth_endpoint: oauth/authorize\n");
    CHECK(full.backend == "github");
    CHECK(full.repo == "indire/esperienze");
    CHECK(full.branch == "redazione");
    CHECK_FALSE(full.editorial_workflow);
    CHECK(full.auth_url == "https://auth.example.it");
    CHECK(full.auth_endpoint == "oauth/authorize");
    const CmsSettings plain = settings_of("backend: git-gateway\n");
    CHECK(plain.repo.empty());
    CHECK(plain.branch == "main");
    CHECK(plain.editorial_workflow);
  }

  TEST_CASE("admin.yaml: located errors, all of them") {
    struct Case {
      std::string yaml;
      std::string expected;
    };
    const Case cases[] = {
        {"backend: gitlab\nrepo: a/b\n",
         "content/admin.yaml:1:10: error: backend must be 'github' or 'git-gateway', not 'gitlab'\n"},
        {"backend: github\n", "content/admin.yaml:1:1: error: missing required field 'repo' in admin.yaml\n"},
        {"backend: github\nrepo: esperienze\nbranch: \"a b\"\n",
         "content/admin.yaml:2:7: error: repo must name a GitHub repository as owner/name (for example "
         "indire/esperienze), not 'esperienze'\n"
         "content/admin.yaml:3:9: error: 'a b' is not a valid branch name\n"},
        {"backend: github\nrepo: a/b\nbrnach: main\n",
         "content/admin.yaml:3:1: error: unknown field 'brnach' in admin.yaml (did you mean 'branch'?)\n"},
        {"backend: github\nrepo: a/b\nauth_url: \"http://auth.example.it\"\n",
         "content/admin.yaml:3:11: error: auth_url must be an address starting with https://\n"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.yaml);
      DiagnosticBag diagnostics;
      vetrina::decode_cms_settings(c.yaml, "content/admin.yaml", diagnostics);
      CHECK(diagnostics_text(diagnostics) == c.expected);
    }
  }

  TEST_CASE("config.yml: the backend of admin.yaml, the local backend, the Italian locale") {
    const auto site = vetrina::test::load_clean(vetrina::test::tiny_site());
    const YAML::Node github = config_of(site, settings_of(k_admin_yaml));
    CHECK(github["backend"]["name"].as<std::string>() == "github");
    CHECK(github["backend"]["repo"].as<std::string>() == "indire/esperienze");
    CHECK(github["backend"]["branch"].as<std::string>() == "main");
    CHECK(github["publish_mode"].as<std::string>() == "editorial_workflow");
    CHECK(github["local_backend"].as<bool>());
    CHECK(github["locale"].as<std::string>() == "it");
    CHECK(github["site_url"].as<std::string>() == "https://etwinning.example.it");

    const YAML::Node gateway = config_of(site, settings_of("backend: git-gateway\neditorial_workflow: false\n"));
    CHECK(gateway["backend"]["name"].as<std::string>() == "git-gateway");
    CHECK_FALSE(gateway["backend"]["repo"]);
    CHECK_FALSE(gateway["publish_mode"]);
  }

  TEST_CASE("config.yml: taxonomy fields are select lists of the ids of taxonomies.yaml with their labels") {
    auto fs = vetrina::test::tiny_site();
    std::string taxonomies = vetrina::test::k_taxonomies_yaml;
    const std::string anchor = "    - {id: infanzia, label: \"Scuola dell'infanzia\"}\n";
    REQUIRE(taxonomies.find(anchor) != std::string::npos);
    taxonomies.insert(taxonomies.find(anchor) + anchor.size(), "    - {id: nido, label: \"Nido d'infanzia\"}\n");
    fs.add_file("content/taxonomies.yaml", taxonomies);
    const auto site = vetrina::test::load_clean(fs);
    const YAML::Node stories = config_of(site, settings_of(k_admin_yaml))["collections"][0];
    CHECK(stories["folder"].as<std::string>() == "content/stories");
    CHECK(stories["path"].as<std::string>() == "{{slug}}/index");

    const std::pair<vetrina::TaxonomyId, std::string> multiple[] = {
        {vetrina::TaxonomyId::livello, "levels"},      {vetrina::TaxonomyId::competenza, "competences"},
        {vetrina::TaxonomyId::disciplina, "subjects"}, {vetrina::TaxonomyId::tema, "themes"},
        {vetrina::TaxonomyId::metodo, "methods"},      {vetrina::TaxonomyId::strumento, "tools"},
    };
    for (const auto& entry : multiple) {
      const vetrina::TaxonomyId id = entry.first;
      const std::string& name = entry.second;
      CAPTURE(name);
      if (site.taxonomy(id).terms.empty()) {  // Decap refuses a select without options
        CHECK_FALSE(has_field(stories["fields"], name));
        continue;
      }
      const YAML::Node f = field(stories["fields"], name);
      CHECK(f["widget"].as<std::string>() == "select");
      CHECK(f["multiple"].as<bool>());
      std::vector<std::pair<std::string, std::string>> expected;
      for (const auto& term : site.taxonomy(id).terms) {
        expected.emplace_back(term.id, term.label);
      }
      CHECK(options(f) == expected);
    }
    const auto levels = options(field(stories["fields"], "levels"));
    REQUIRE(levels.size() == 5);
    CHECK(levels[1] == std::pair<std::string, std::string>{"nido", "Nido d'infanzia"});

    const YAML::Node region = field(field(stories["fields"], "school")["fields"], "region");
    CHECK(options(region).front().first == site.taxonomy(vetrina::TaxonomyId::regione).terms.front().id);
    const auto countries = options(field(field(stories["fields"], "partners")["fields"], "country"));
    CHECK(countries.front() == std::pair<std::string, std::string>{"IT", "Italia"});
    CHECK(countries[1] == std::pair<std::string, std::string>{"FR", "Francia"});
    CHECK(countries.size() == site.taxonomy(vetrina::TaxonomyId::paese).terms.size() + 1);
    CHECK(options(field(stories["fields"], "project_type")).size() ==
          site.taxonomy(vetrina::TaxonomyId::tipo).terms.size());
  }

  TEST_CASE("config.yml: the fields the content format requires are required, photos ask alt and minors") {
    const auto site = vetrina::test::load_clean(vetrina::test::tiny_site());
    const YAML::Node fields = config_of(site, settings_of(k_admin_yaml))["collections"][0]["fields"];
    for (const char* name : {"title", "summary", "date", "levels", "competences", "subjects", "body"}) {
      CAPTURE(name);
      CHECK(required(field(fields, name)));
    }
    for (const char* name : {"school_year", "project_type", "school", "partners", "cover", "gallery", "videos",
                             "sources", "example", "draft"}) {
      CAPTURE(name);
      CHECK_FALSE(required(field(fields, name)));
    }
    for (const char* photo : {"cover", "gallery"}) {
      CAPTURE(photo);
      const YAML::Node sub = field(fields, photo)["fields"];
      // Decap checks an object's fields even when the story has no cover:
      // there vetrina check asks for them; a gallery item exists only once added.
      const bool in_list = std::string(photo) == "gallery";
      CHECK(required(field(sub, "src")) == in_list);
      CHECK(required(field(sub, "alt")) == in_list);
      const YAML::Node minors = field(sub, "minors");
      CHECK(required(minors) == in_list);
      CHECK_FALSE(minors["default"]);  // an answer, never a default
      CHECK(options(minors) == std::vector<std::pair<std::string, std::string>>{
                                   {"true", "Sì, si riconoscono alunne o alunni"}, {"false", "No"}});
      CHECK_FALSE(required(field(sub, "consent")));
    }
    CHECK(required(field(field(fields, "videos")["fields"], "minors")));
  }

  TEST_CASE("every field of the story form is a front matter key the loader knows") {
    const auto site = vetrina::test::load_clean(vetrina::test::tiny_site());
    const YAML::Node fields = config_of(site, settings_of(k_admin_yaml))["collections"][0]["fields"];
    std::size_t checked = 0;
    for (const auto& f : fields) {
      const std::string name = f["name"].as<std::string>();
      if (name == "body") {
        continue;
      }
      CAPTURE(name);
      auto fs = vetrina::test::tiny_site();
      vetrina::test::add_story(fs, "a", vetrina::test::StoryText().set(name, "x"));
      DiagnosticBag diagnostics;
      vetrina::load_content(fs, "content", vetrina::LoadOptions{}, diagnostics);
      CHECK(diagnostics_text(diagnostics).find("unknown field '" + name + "'") == std::string::npos);
      ++checked;
    }
    CHECK(checked > 20);
  }

  TEST_CASE("a photo as the form writes it (minors as the select's text, the date quoted) loads clean") {
    auto fs = vetrina::test::tiny_site();
    fs.add_file("content/stories/a/foto.jpg", "not decoded by the loader");
    vetrina::test::add_story(fs, "a",
                             vetrina::test::StoryText()
                                 .set("date", "\"2016-05-10\"")
                                 .set("cover", "{src: foto.jpg, alt: \"La classe\", minors: \"true\", consent: true}")
                                 .set("quality_labels", "{national: 2013}"));
    const auto site = vetrina::test::load_clean(fs);
    REQUIRE(site.stories.size() == 1);
    REQUIRE(site.stories[0].cover.has_value());
    CHECK(site.stories[0].cover->minors);
    CHECK(site.stories[0].cover->consent);
  }

  TEST_CASE("/admin/ is written only with admin.yaml; its page is not indexed; the script comes from the theme") {
    auto fs = vetrina::test::tiny_site();
    const auto site = vetrina::test::load_clean(fs);
    MemorySink none;
    vetrina::write_admin(site, fs, "theme", none);
    CHECK(none.files.empty());
    DiagnosticBag quiet;
    CHECK_FALSE(vetrina::check_admin(fs, "content", "theme", quiet).has_value());
    CHECK(diagnostics_text(quiet) == "");

    fs.add_file("content/admin.yaml", k_admin_yaml);
    DiagnosticBag warned;
    CHECK(vetrina::check_admin(fs, "content", "theme", warned).has_value());
    CHECK(diagnostics_text(warned) ==
          "content/admin.yaml:1:1: warning: /admin/ has no theme/admin/decap-cms.js: run 'npm ci' and "
          "'npm run cms-assets' at the repository's root (docs/cms.md)\n");
    MemorySink without_script;
    vetrina::write_admin(site, fs, "theme", without_script);
    CHECK(without_script.files.size() == 2);

    fs.add_file("theme/admin/decap-cms.js", "window.CMS = {};\n");
    fs.add_file("theme/admin/103.decap-cms.js", "chunk\n");
    DiagnosticBag clean;
    vetrina::check_admin(fs, "content", "theme", clean);
    CHECK(diagnostics_text(clean) == "");
    MemorySink out;
    vetrina::write_admin(site, fs, "theme", out);
    REQUIRE(out.files.size() == 4);
    CHECK(out.files["admin/decap-cms.js"] == "window.CMS = {};\n");
    CHECK(out.files["admin/103.decap-cms.js"] == "chunk\n");
    CHECK(out.files["admin/config.yml"] == vetrina::cms_config_yaml(site, settings_of(k_admin_yaml)));
    CHECK(out.files["admin/index.html"].find("<meta name=\"robots\" content=\"noindex, nofollow\">") !=
          std::string::npos);
    CHECK(out.files["admin/index.html"].find("<script src=\"decap-cms.js\"></script>") != std::string::npos);

    fs.add_file("content/admin.yaml", "backend: gitlab\n");
    MemorySink broken;
    vetrina::write_admin(site, fs, "theme", broken);
    CHECK(broken.files.empty());
  }
}
