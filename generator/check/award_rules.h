#pragma once
// The rules of the facts file for awards and events, one located message per
// rule: known categories; 'mista' exactly for stories spanning several
// school levels, otherwise the story's level; at most two national prizes per
// category and year; a prize needs the story's Quality Label in that year or
// before; institute projects receive nothing; referenced stories exist; the
// `year` field equals the file name.

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// The rules above, plus events (a linked award year must have its file), and
// the award files' Quality Label counts against k_quality_labels_dataset.
void validate_awards(const Site& site, DiagnosticBag& diagnostics);

}  // namespace vetrina
