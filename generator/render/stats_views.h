#pragma once
// What the statistics show on a page: the headline figures and, for
// /numeri/, every theme's datasets with chart, note, source, table and CSV
// link. Pure functions of the model, safe from any thread.

#include <cstddef>

#include "generator/model/stats.h"
#include "generator/render/template_data.h"

namespace vetrina {

// The first `limit` headline figures (prefix, value, label): /numeri/ shows
// them all, the home page the first few.
TemplateData highlights_view(const StatsCatalog& stats, std::size_t limit);

// What numeri.mustache receives under `numbers` (exposed for tests).
TemplateData stats_view(const StatsCatalog& stats);

}  // namespace vetrina
