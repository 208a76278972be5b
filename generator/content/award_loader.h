#pragma once
// Decoding content/awards/<year>.yaml (a year's national prizes, special
// mentions, European prizes and Quality Label counts) and
// content/events.yaml (conferences and fairs) into the model, every problem
// a located diagnostic.

#include <string>
#include <string_view>
#include <vector>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"
#include "generator/util/file_system.h"

namespace vetrina {

// Decodes one award file. `year` comes from the file name.
AwardYear decode_award_year(std::string_view text, const std::string& path, int year, DiagnosticBag& diagnostics);
// Decodes content/events.yaml.
std::vector<Event> decode_events(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);

// Reads content/awards/*.yaml and content/events.yaml (both optional) into
// `site` (awards newest first, events oldest first).
void load_awards_and_events(const util::FileSystem& fs, const std::string& content_dir, Site& site,
                            DiagnosticBag& diagnostics);

}  // namespace vetrina
