#pragma once
// The query layer's interface for its users (the service, the /cerca/ page,
// tests and benchmarks), one include for all of it: parsing a request
// (search_request.h), the index's own description (index_info.h), running
// a search (searcher.h), its result (search_result.h) and the result's JSON
// (result_json.h). Each of those headers says what it owns and its
// thread-safety; this one declares nothing.

#include "search/query/index_info.h"
#include "search/query/query_words.h"
#include "search/query/result_json.h"
#include "search/query/search_request.h"
#include "search/query/search_result.h"
#include "search/query/searcher.h"
