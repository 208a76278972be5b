#pragma once
// Awards as data (DESIGN.md "Content"): the prize categories, the computed
// taxonomy "premio" and what each recognition is called. The award files are
// the one source of a story's prizes (story front matter has no prize
// field): attach_awards() gives each story its recognitions and its terms of
// "premio" (prizes from the award files, Quality Labels from the story's own
// quality_labels), so lists, term pages and the search facet all come from
// the same place. Decoding: content/award_loader.h; rules: check/award_rules.h.

#include <string>
#include <vector>

#include "generator/model/site.h"

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

// "national prize", "special mention", "European prize": a recognition in a diagnostic.
const char* entry_noun(AwardKind kind);

// Fills story.recognitions and the "premio" terms. Call before site.index().
void attach_awards(Site& site);

}  // namespace vetrina
