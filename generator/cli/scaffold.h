#pragma once
// Scaffolds for `vetrina new`: the text of a new story with every field of
// the contract, commented in Italian for editors, marked `draft: true` and
// filled with valid placeholders, so the site keeps building (drafts are not
// published) until the editor completes it. Pure functions.

#include <string>

#include "generator/model/site.h"

namespace vetrina {

// The index.md of a new story titled `title`, dated `today`.
std::string story_scaffold(const std::string& title, const Date& today);

// The school year a date falls in ("2026/2027" from September 2026).
std::string school_year_of(const Date& date);

}  // namespace vetrina
