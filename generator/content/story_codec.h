#pragma once
// A Story as bytes, and back: the payload of the parsed-story cache
// (story_cache.h) and the input of a story's fingerprint. Both directions
// walk one list of fields (visit_story in story_codec.cpp), so a field
// cannot be written without being read.
//
// Format (no header of its own: the cache file's header carries the
// version, "vetrina story v2"): the Story's fields in declaration order;
// strings as u64 length + bytes; integers, enums and dates as i64; bools as
// one byte; a list as its u64 length then each item; an optional as a bool
// then its value; a Located value as the value then its location; a
// location as a bool (1 = in the story's own index.md, whose path is not
// repeated), the path when not, then line and column. Integers are
// little-endian. What later phases attach (recognitions, published media)
// is written only for fingerprints.
//
// Pure functions: safe from any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "generator/model/site.h"

namespace vetrina {

// The Story as bytes. `derived` adds what later phases attach (recognitions,
// published media): used for fingerprints, not for the cache.
std::string serialize_story(const Story& story, bool derived);
// The reverse of serialize_story(story, false); nullopt on malformed or
// truncated bytes, or bytes left over.
std::optional<Story> deserialize_story(std::string_view bytes);

// A hash of everything the story contributes to any output (fields, rendered
// body, recognitions, published media): equal fingerprints give equal pages.
// The Markdown source is left out: the rendered body stands for it.
std::uint64_t story_fingerprint(const Story& story);

}  // namespace vetrina
