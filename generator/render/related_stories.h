#pragma once
// Related stories: the few stories a story page suggests next, computed at
// build time from what stories share (school levels, key competences,
// subjects). Deterministic: equal scores go to the story nearer in the
// site's order (newest first), then to the newer one. Pure; thread-safe.

#include <cstddef>
#include <vector>

#include "generator/model/site.h"

namespace vetrina {

// Up to `count` indexes into site.stories related to site.stories[index],
// best first; only stories sharing at least one level, competence or
// subject. Each shared competence or subject weighs 2, a shared level 1.
// For speed on large sites only the `window` stories nearest in the order
// on either side of each shared term are considered (O(terms x window)).
std::vector<std::size_t> related_stories(const Site& site, std::size_t index, std::size_t count = 3,
                                         std::size_t window = 64);

// related_stories() of every story, on `jobs` threads (RenderInputs::related).
std::vector<std::vector<std::size_t>> all_related_stories(const Site& site, unsigned jobs);

}  // namespace vetrina
