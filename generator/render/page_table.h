#pragma once
// The page table: every kind of page the site publishes, one row each, with
// its URL rule (which pages of that kind exist, at which addresses), its
// fingerprint (what such a page is made from, for incremental builds), and
// its view (page_views.h: the frame's meta and the template's data). The
// plan of a build (page_plan.h), the sitemap, the menu check and the
// renderer all read this table: a new kind of page is one row plus its view.
// docs/architecture.md, section "Page table", describes the rows.
// Constant data and pure functions: safe from any thread.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "generator/model/site.h"
#include "generator/render/page_job.h"
#include "generator/render/page_views.h"
#include "generator/render/render_inputs.h"
#include "generator/util/hash.h"

namespace vetrina {

// Which pages a row's URL rule adds: once for the site, or once per
// taxonomy. Rows of the taxonomy scope are planned together, taxonomy by
// taxonomy (a taxonomy's term list, then its terms' pages, then the next
// taxonomy), so the consecutive rows of that scope form one group.
enum class PageScope { site, taxonomy };

struct PageKindRow {
  PageKind kind;
  const char* template_name;  // themes/<name>/templates/<template_name>.mustache
  const char* key;            // where the view's data goes in the template's data
  PageScope scope;
  // URL rule: appends the pages of this kind (of taxonomy `taxonomy` for the
  // taxonomy scope, 0 otherwise), in output order.
  void (*plan)(const Site& site, std::size_t taxonomy, std::vector<PageJob>& jobs);
  // Fingerprint: adds to `hasher` what `job` shows besides the site-wide
  // inputs. nullptr: the page shows site-wide data (menus, awards, ...), so
  // it is always rendered and the sink compares its bytes.
  void (*fingerprint)(const Site& site, const PageJob& job, const RenderInputs& inputs, util::Hasher& hasher);
  // Kept out of search engines (meta robots noindex) and of the sitemap;
  // nullptr: never.
  bool (*noindex)(const Site& site, const PageJob& job);
  PageView (*view)(const PageContext& context, const PageJob& job);
};

// Every row, in output order.
std::span<const PageKindRow> page_table();
// The row of `kind`.
const PageKindRow& page_row(PageKind kind);

// What `job` is made from, as one hash of the site-wide inputs, `address`
// (the hash of its kind and URL) and what its row's fingerprint adds; 0 for
// a row without fingerprint (always rendered). `inputs` must hold one
// fingerprint per story of `site`.
std::uint64_t page_fingerprint(const Site& site, const PageJob& job, std::uint64_t address, const RenderInputs& inputs);

}  // namespace vetrina
