#pragma once
// DESIGN.md's JSON for /api/search: a SearchResult, or `{"error": message}`.
// Written straight into a string, byte for byte as nlohmann::json's dump()
// would write the same document.
//
// Thread-safety: pure functions.

#include <string>

#include "search/query/search_result.h"

namespace vetrina::search {

// `result` as JSON. Its text must be valid UTF-8 (checked where requests
// come in; the index holds what the indexer wrote).
std::string to_json(const SearchResult& result);
std::string error_json(const std::string& message);

}  // namespace vetrina::search
