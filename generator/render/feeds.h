#pragma once
// Machine-readable outputs derived from the model: the Atom feed of stories,
// the XML sitemap and robots.txt. Pure functions of their inputs, so the same
// site gives byte-identical files (the feed's <updated> is the newest story's
// date, never the build time).

#include <string>
#include <vector>

#include "generator/model/site.h"

namespace vetrina {

// Atom 1.0 feed of the newest `config.feed_items` stories.
std::string atom_feed(const Site& site);

// sitemap.xml listing `urls` (site-relative, in the given order) under base_url.
std::string sitemap(const SiteConfig& config, const std::vector<std::string>& urls);

// robots.txt allowing everything and naming the sitemap.
std::string robots_txt(const SiteConfig& config);

}  // namespace vetrina
