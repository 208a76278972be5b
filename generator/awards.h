#pragma once
// Awards and events (DESIGN.md "Content"): content/awards/<year>.yaml holds a
// year's national prizes, special mentions, European prizes and Quality Label
// counts; content/events.yaml the conferences and fairs.
//
// The award files are the one source of a story's prizes: story front matter
// has no prize field. attach_awards() gives each story its recognitions and
// its terms of the computed taxonomy "premio" (prizes from the award files,
// Quality Labels from the story's own quality_labels), so lists, term pages
// and the search facet all come from the same place.
//
// validate_awards() enforces the rules of the facts file, one located message
// per rule: known categories; 'mista' exactly for stories spanning several
// school levels, otherwise the story's level; at most two national prizes per
// category and year; a prize needs the story's Quality Label in that year or
// before; institute projects receive nothing; referenced stories exist; the
// `year` field equals the file name.

#include <string>
#include <string_view>
#include <vector>

#include "generator/diagnostics.h"
#include "generator/site.h"
#include "generator/util/file_system.h"

namespace vetrina {

// The statistics dataset (content/stats/<id>.yaml) holding the yearly Quality
// Label counts too: when it exists, every award file's counts must equal its
// values for that year (series 1-3: applications, national, European).
inline constexpr const char* k_quality_labels_dataset = "certificati-di-qualita";

// Prize categories, in display order: the four school levels and "mista".
const std::vector<std::string>& prize_categories();
// "infanzia" -> "Scuola dell'infanzia", "mista" -> "Progetti misti (più livelli)".
std::string prize_category_label(const Site& site, const std::string& category);

// The fixed term ids of taxonomy "premio", with default labels (used when
// taxonomies.yaml does not list the taxonomy).
const std::vector<Term>& award_terms();
// The term a recognition gives ("premio-nazionale", ...).
const char* award_term_id(AwardKind kind);
// "Premio nazionale", "Menzione speciale", "Premio europeo".
const char* award_kind_label(AwardKind kind);

// Decodes one award file. `year` comes from the file name.
AwardYear decode_award_year(std::string_view text, const std::string& path, int year, DiagnosticBag& diagnostics);
// Decodes content/events.yaml.
std::vector<Event> decode_events(std::string_view text, const std::string& path, DiagnosticBag& diagnostics);

// Reads content/awards/*.yaml and content/events.yaml (both optional) into
// `site` (awards newest first, events oldest first).
void load_awards_and_events(const util::FileSystem& fs, const std::string& content_dir, Site& site,
                            DiagnosticBag& diagnostics);

// Fills story.recognitions and the "premio" terms. Call before site.index().
void attach_awards(Site& site);

// The rules above, plus events (a linked award year must have its file), and
// the award files' Quality Label counts against k_quality_labels_dataset.
void validate_awards(const Site& site, DiagnosticBag& diagnostics);

}  // namespace vetrina
