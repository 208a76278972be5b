#pragma once
// The rules on the taxonomy terms a story names: every id must be one of
// taxonomies.yaml (else an error that suggests the id meant, found from the
// labels and ids of the file alone: "Francia" -> FR, "Emilia" ->
// emilia-romagna, then spelling), and no term is listed twice. Pure;
// thread-safe.

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// One located error per unknown or repeated term of `story`.
void check_story_terms(const Site& site, const Story& story, DiagnosticBag& diagnostics);

// The noun used in messages for a taxonomy's values ("competence", "level").
const char* taxonomy_noun(TaxonomyId id);

}  // namespace vetrina
