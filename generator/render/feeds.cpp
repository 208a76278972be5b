#include "generator/render/feeds.h"

#include "generator/util/strings.h"

namespace vetrina {

namespace {

std::string atom_time(const Date& date) {
  return date.iso() + "T00:00:00Z";
}

}  // namespace

std::string atom_feed(const Site& site) {
  const SiteConfig& config = site.config;
  const std::string home = config.base_url + "/";
  std::string out;
  out.reserve(1024 + site.stories.size() * 512);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + util::xml_escape(config.language) + "\">\n";
  out += "  <title>" + util::xml_escape(config.title) + "</title>\n";
  out += "  <subtitle>" + util::xml_escape(config.description) + "</subtitle>\n";
  out += "  <id>" + util::xml_escape(home) + "</id>\n";
  out += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + util::xml_escape(home) + "\"/>\n";
  out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + util::xml_escape(config.base_url) +
         "/feed.xml\"/>\n";
  const Date updated = site.stories.empty() ? Date{1970, 1, 1} : site.stories.front().date.value;
  out += "  <updated>" + atom_time(updated) + "</updated>\n";
  out += "  <author><name>" + util::xml_escape(config.publisher) + "</name></author>\n";
  const Taxonomy& levels = site.taxonomy(TaxonomyId::livello);
  const auto limit = static_cast<std::size_t>(config.feed_items);
  for (std::size_t i = 0; i < site.stories.size() && i < limit; ++i) {
    const Story& story = site.stories[i];
    const std::string url = config.base_url + story.url();
    out += "  <entry>\n";
    out += "    <title>" + util::xml_escape(story.title.value) + "</title>\n";
    out += "    <id>" + util::xml_escape(url) + "</id>\n";
    out += "    <link rel=\"alternate\" type=\"text/html\" href=\"" + util::xml_escape(url) + "\"/>\n";
    out += "    <published>" + atom_time(story.date.value) + "</published>\n";
    out += "    <updated>" + atom_time(story.date.value) + "</updated>\n";
    for (const auto& level : story.terms_of(TaxonomyId::livello)) {
      const Term* term = levels.find(level.value);
      out += "    <category term=\"" + util::xml_escape(level.value) + "\" label=\"" +
             util::xml_escape(term != nullptr ? term->label : level.value) + "\"/>\n";
    }
    if (story.example.value) {
      out += "    <category term=\"esempio\" label=\"Storia di esempio\"/>\n";
    }
    const std::string summary =
        story.example.value ? std::string(k_example_notice) + ". " + story.summary.value : story.summary.value;
    out += "    <summary>" + util::xml_escape(summary) + "</summary>\n";
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

std::string sitemap(const SiteConfig& config, const std::vector<std::string>& urls) {
  std::string out;
  out.reserve(128 + urls.size() * 96);
  out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& url : urls) {
    out += "  <url><loc>" + util::xml_escape(config.base_url + url) + "</loc></url>\n";
  }
  out += "</urlset>\n";
  return out;
}

std::string robots_txt(const SiteConfig& config) {
  return "User-agent: *\nAllow: /\n\nSitemap: " + config.base_url + "/sitemap.xml\n";
}

}  // namespace vetrina
