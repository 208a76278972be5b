#pragma once
// Decodes content/taxonomies.yaml: the labels, URL segments and terms of the
// controlled vocabularies whose ids DESIGN.md fixes (model/site.h
// taxonomy_specs), and the computed terms of "premio" (model/awards.h).
// Problems become located diagnostics; decoding goes on. Pure; thread-safe.

#include <array>
#include <string>
#include <string_view>

#include "generator/model/site.h"
#include "generator/util/diagnostics.h"

namespace vetrina {

// Every taxonomy, in TaxonomyId order; one missing from the file (or the
// whole file unreadable: pass "") keeps its id as label, segment and param.
std::array<Taxonomy, k_taxonomy_count> decode_taxonomies(std::string_view text, const std::string& path,
                                                         DiagnosticBag& diagnostics);

}  // namespace vetrina
