#include "generator/render/feeds.h"

#include <doctest/doctest.h>

#include "tests/unit/test_support.h"

using vetrina::atom_feed;
using vetrina::robots_txt;
using vetrina::Site;
using vetrina::sitemap;
using vetrina::test::add_story;
using vetrina::test::load_clean;
using vetrina::test::StoryText;
using vetrina::test::tiny_site;

namespace {

vetrina::util::MemoryFileSystem two_stories(const std::string& extra_site_yaml = "") {
  auto fs = tiny_site();
  fs.add_file("content/site.yaml", std::string(vetrina::test::k_site_yaml) + extra_site_yaml);
  add_story(fs, "vecchia", StoryText().set("date", "2016-05-10"));
  add_story(fs, "nuova",
            StoryText()
                .set("title", "\"Tom & Jerry <3\"")
                .set("summary", "'Una \"scatola\" & altro'")
                .set("date", "2019-05-10")
                .set("levels", "[primaria, infanzia]"));
  return fs;
}

}  // namespace

TEST_SUITE("feeds") {
  TEST_CASE("atom_feed lists the newest stories with escaped text and dates, never the build time") {
    const Site site = load_clean(two_stories());
    CHECK(atom_feed(site) ==
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"it\">\n"
          "  <title>Esperienze eTwinning</title>\n"
          "  <subtitle>Storie di progetti eTwinning</subtitle>\n"
          "  <id>https://etwinning.example.it/</id>\n"
          "  <link rel=\"alternate\" type=\"text/html\" href=\"https://etwinning.example.it/\"/>\n"
          "  <link rel=\"self\" type=\"application/atom+xml\" href=\"https://etwinning.example.it/feed.xml\"/>\n"
          "  <updated>2019-05-10T00:00:00Z</updated>\n"
          "  <author><name>Unità nazionale eTwinning</name></author>\n"
          "  <entry>\n"
          "    <title>Tom &amp; Jerry &lt;3</title>\n"
          "    <id>https://etwinning.example.it/esperienze/nuova/</id>\n"
          "    <link rel=\"alternate\" type=\"text/html\" href=\"https://etwinning.example.it/esperienze/nuova/\"/>\n"
          "    <published>2019-05-10T00:00:00Z</published>\n"
          "    <updated>2019-05-10T00:00:00Z</updated>\n"
          "    <category term=\"primaria\" label=\"Scuola primaria\"/>\n"
          "    <category term=\"infanzia\" label=\"Scuola dell&apos;infanzia\"/>\n"
          "    <summary>Una &quot;scatola&quot; &amp; altro</summary>\n"
          "  </entry>\n"
          "  <entry>\n"
          "    <title>Holidays in a box</title>\n"
          "    <id>https://etwinning.example.it/esperienze/vecchia/</id>\n"
          "    <link rel=\"alternate\" type=\"text/html\" href=\"https://etwinning.example.it/esperienze/vecchia/\"/>\n"
          "    <published>2016-05-10T00:00:00Z</published>\n"
          "    <updated>2016-05-10T00:00:00Z</updated>\n"
          "    <category term=\"primaria\" label=\"Scuola primaria\"/>\n"
          "    <summary>Una scatola di vacanze da spedire ai compagni europei.</summary>\n"
          "  </entry>\n"
          "</feed>\n");
  }

  TEST_CASE("atom_feed is the same for the same content, whatever the job count") {
    const auto fs = two_stories();
    CHECK(atom_feed(load_clean(fs, 1)) == atom_feed(load_clean(fs, 4)));
  }

  TEST_CASE("atom_feed keeps only feed_items entries, newest first") {
    const std::string feed = atom_feed(load_clean(two_stories("feed_items: 1\n")));
    CHECK(feed.find("/esperienze/nuova/") != std::string::npos);
    CHECK(feed.find("/esperienze/vecchia/") == std::string::npos);
    CHECK(feed.find("<entry>") == feed.rfind("<entry>"));
  }

  TEST_CASE("atom_feed of a site without stories is still valid and fixed in time") {
    const std::string feed = atom_feed(load_clean(tiny_site()));
    CHECK(feed.find("  <updated>1970-01-01T00:00:00Z</updated>\n") != std::string::npos);
    CHECK(feed.find("<entry>") == std::string::npos);
    CHECK(feed.ends_with("</feed>\n"));
  }

  TEST_CASE("atom_feed escapes site settings and drops characters XML forbids") {
    Site site = load_clean(tiny_site());
    site.config.title = "Scuole & <classi>\x01";
    site.config.language = "it\"";
    const std::string feed = atom_feed(site);
    CHECK(feed.find("<title>Scuole &amp; &lt;classi&gt;</title>") != std::string::npos);
    CHECK(feed.find("xml:lang=\"it&quot;\"") != std::string::npos);
  }

  TEST_CASE("sitemap lists every address under base_url, escaped, in the given order") {
    const Site site = load_clean(tiny_site());
    CHECK(sitemap(site.config, {"/", "/esperienze/", "/esperienze/a&b/"}) ==
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
          "  <url><loc>https://etwinning.example.it/</loc></url>\n"
          "  <url><loc>https://etwinning.example.it/esperienze/</loc></url>\n"
          "  <url><loc>https://etwinning.example.it/esperienze/a&amp;b/</loc></url>\n"
          "</urlset>\n");
    CHECK(sitemap(site.config, {}) ==
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
          "</urlset>\n");
  }

  TEST_CASE("robots_txt allows everything and names the sitemap") {
    const Site site = load_clean(tiny_site());
    CHECK(robots_txt(site.config) == "User-agent: *\nAllow: /\n\nSitemap: https://etwinning.example.it/sitemap.xml\n");
  }
}
