#pragma once
// The Xapian index layout, shared by the indexer and the query side, and
// documented for people in docs/search.md. Changing anything here changes the
// index format: bump k_schema_version (stored in the index metadata) so an old
// index is refused with a clear message instead of answering wrongly.
//
// One document per story:
// - unique id term "Q<slug>";
// - free text (no prefix) from title (wdf x5), summary (x2), body, school,
//   city, teachers, partners (with the Italian names of their cities),
//   the labels of the story's terms (with aliases; countries also by ISO
//   code), school year, prize names and interviews; each word both as a
//   stem ("Z" prefix, with positions: phrases are parsed as stems) and as
//   written (accent-folded, lowercase, no stop words, without positions:
//   read as plain terms only); title stems also under prefix "S";
//   text is accent-folded and apostrophes become spaces before indexing and
//   before parsing a query, so "citta" finds "città" and "orto" finds "l'orto";
// - boolean filter terms per facet value: prefix + value id (table below);
//   over a local index they also give the facet counts (bitset_index.h);
// - value slot 0: date "YYYYMMDD" (sorting newest first); slot 1: school year;
// - facet counts over remote shards: a facet whose stories have at most k
//   values uses k slots (the 1st, 2nd, ... k-th value of the story), each
//   counted by Xapian's own ValueCountMatchSpy and summed. Exact for
//   multi-valued fields, and it works over remote shards (xapian-tcpsrv knows
//   only its built-in spies). k per facet is stored in the metadata
//   "facet_slots".
// - document ids follow the stories' order, newest first (the service lists
//   the empty query by document id when it finds them in date order);
// - value slot 2: the spelling words not in the document data (labels,
//   names, places, interviews), so an update can remove them again;
// - document data: compact JSON with what a result shows (url, title,
//   summary, school_year, levels, cover, "x": true for an example story,
//   "n": the size of the snippet text), a newline, then the plain text
//   snippets are cut from, packed (zstd, as util::PackedText holds it: a
//   hit unpacks only as far as its snippet needs, and Xapian does not
//   unpack the whole text first), kept out of the JSON so a hit parses
//   only the small part.
// Thread-safety: constants and pure functions only.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vetrina::search {

inline constexpr int k_schema_version = 6;

inline constexpr unsigned k_slot_date = 0;
inline constexpr unsigned k_slot_school_year = 1;
// The document's spelling words that its data does not hold (labels, names,
// places, interviews), space-separated: an update removes them again.
inline constexpr unsigned k_slot_spelling = 2;
// Facet f uses slots k_facet_slot_base + f * k_facet_slot_stride + i.
inline constexpr unsigned k_facet_slot_base = 10;
inline constexpr unsigned k_facet_slot_stride = 64;

inline constexpr const char* k_prefix_id = "Q";
inline constexpr const char* k_prefix_title = "S";

struct FacetSpec {
  const char* name;    // query parameter and JSON key (fixed by DESIGN.md)
  const char* prefix;  // boolean term prefix
};

// The facets, in the order the API and /cerca/ show them.
inline constexpr std::array<FacetSpec, 8> k_facets = {{
    {"livello", "XL"},
    {"competenza", "XC"},
    {"disciplina", "XD"},
    {"anno", "XA"},
    {"paese", "XP"},
    {"regione", "XR"},
    {"tipo", "XT"},
    {"premio", "XW"},
}};

inline unsigned facet_slot(std::size_t facet, std::size_t i) {
  return static_cast<unsigned>(k_facet_slot_base + facet * k_facet_slot_stride + i);
}

// The JSON part of a document's data: what comes before the first newline
// (the snippet text follows it).
inline std::string_view document_json(std::string_view data) {
  return data.substr(0, data.find('\n'));
}

// The packed snippet text of a document's data: what follows the first
// newline ("n" in the JSON is its size unpacked).
inline std::string_view document_packed_text(std::string_view data) {
  const auto newline = data.find('\n');
  return newline == std::string_view::npos ? std::string_view() : data.substr(newline + 1);
}

// The longest query accepted, in characters (code points, as the form's
// maxlength counts them; at most 800 bytes of UTF-8). Longer ones get HTTP 400.
inline constexpr std::size_t k_max_query_chars = 200;

// Snowball's Italian stop words, accent-folded.
const std::vector<std::string>& italian_stop_words();

// Text as it is indexed and queried: accents folded, apostrophes (' and ’)
// replaced by spaces.
std::string normalize_text(std::string_view text);

// The facet id of a school year: "2019/2020" -> "2019-2020".
std::string school_year_id(std::string_view school_year);
// The reverse, when `id` is a well-formed school year id ("2019-2020"): its
// label "2019/2020". School years are open-ended (new ones every year, and a
// shard only knows its own), so they are checked by form, not by a list.
std::optional<std::string> school_year_label(std::string_view id);

// Index of the school year facet in k_facets.
inline constexpr std::size_t k_facet_anno = 3;

}  // namespace vetrina::search
