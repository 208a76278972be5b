#pragma once
// String helpers that know nothing about sites: UTF-8 handling, Italian-friendly
// slugs, edit distance for "did you mean" hints, and escaping for HTML, XML and
// JSON contexts. All functions are pure and thread-safe.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vetrina::util {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Number of code points in well-formed UTF-8 (invalid bytes count one each).
std::size_t utf8_length(std::string_view text);

// Removes combining marks after canonical decomposition (utf8proc), then
// recomposes: "Po\u0300rto" (decomposed) and "Pòrto" both give "Porto".
// Text that is not valid UTF-8 is returned unchanged.
std::string strip_marks(std::string_view text);
// The same through utf8proc on the whole text, always (strip_marks maps
// most text code point by code point; tests compare the two).
std::string strip_marks_utf8proc(std::string_view text);
// Folds Latin accents to ASCII ("città" -> "citta", "Ærø" -> "AEro"), whether
// the accents are precomposed or combining marks (strip_marks), keeping
// other bytes as they are. Used for slugs, anchors and accent-insensitive search.
std::string fold_accents(std::string_view text);

// Lowercase ASCII slug: accents folded, apostrophes and every other run of
// non-alphanumeric characters become one hyphen, no leading/trailing hyphen.
// "L'orto di Città Alta" -> "l-orto-di-citta-alta". May return "".
std::string slugify(std::string_view text);

// True when `text` is a non-empty slug as slugify() makes them.
bool is_slug(std::string_view text);

// Optimal string alignment distance (insert, delete, substitute, transpose).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The same distance when it is at most `bound`, else some value above
// `bound`: it stops once two rows of the table are all above it, so an
// unrelated candidate costs a few rows instead of the whole table.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t bound);

// The candidate closest to `word` when it is close enough to be a likely typo
// (distance <= max(1, size/3), capped at 3), else nullopt. Ties: first wins.
std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string> candidates);

// " (did you mean 'x'?)" or "" — ready to append to a message.
std::string did_you_mean_suffix(std::string_view word, std::span<const std::string> candidates);

std::string_view trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
// Lines split at LF, CRLF or a lone CR, without their line ends.
std::vector<std::string_view> split_lines(std::string_view text);
// `text` with every lone CR (not followed by LF) made a LF: files saved with
// old Mac line ends read like any other (CRLF is left as it is).
std::string lone_cr_to_lf(std::string_view text);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);
// html_escape(text) appended to `out`; ' as `apostrophe` (the templates'
// values keep kainjow's "&apos;").
void append_html_escaped(std::string_view text, std::string& out, const char* apostrophe = "&#39;");
// Escapes for XML 1.0 text/attributes; drops characters XML forbids.
std::string xml_escape(std::string_view text);

// Replaces every occurrence of `from` in `text` by `to`.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

// Percent-encodes everything but RFC 3986 unreserved characters (for query strings).
std::string url_encode(std::string_view text);

// Decodes %XX escapes (invalid ones are kept as they are); '+' stays '+'.
std::string url_decode(std::string_view text);

// Italian number formatting: 4592 -> "4.592".
std::string format_thousands(long long value);

}  // namespace vetrina::util
