#include "search/query/search_request.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina::search {

namespace {

std::optional<std::size_t> facet_index(const std::string& name) {
  for (std::size_t f = 0; f < k_facets.size(); ++f) {
    if (name == k_facets[f].name) {
      return f;
    }
  }
  return std::nullopt;
}

// " (did you mean 'x'?)" for visitors.
std::string did_you_mean(const std::string& value, const std::vector<std::string>& ids) {
  const auto hint = util::did_you_mean(value, ids);
  return hint ? tr(" (did you mean '{}'?)", *hint) : "";
}

}  // namespace

Result<SearchRequest> parse_request(const std::vector<std::pair<std::string, std::string>>& params,
                                    const IndexInfo& info) {
  SearchRequest request;
  bool seen_q = false;
  bool seen_page = false;
  for (const auto& [name, value] : params) {
    if (!util::is_valid_utf8(value) || !util::is_valid_utf8(name)) {
      return Status::error(_("the parameters must be valid UTF-8 text"));
    }
    if (name == "q") {
      if (seen_q) {
        return Status::error(_("the parameter 'q' can be given only once"));
      }
      seen_q = true;
      if (util::utf8_length(value) > k_max_query_chars) {
        return Status::error(
            tr("the text to search for is too long (at most {} characters)", std::to_string(k_max_query_chars)));
      }
      request.query = std::string(util::trim(value));
    } else if (name == "page") {
      if (seen_page) {
        return Status::error(_("the parameter 'page' can be given only once"));
      }
      seen_page = true;
      int page = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), page);
      if (ec != std::errc() || end != value.data() + value.size() || page < 1 || page > k_max_page) {
        return Status::error(tr("the page must be a whole number from 1 to {}", std::to_string(k_max_page)));
      }
      request.page = page;
    } else if (name == "sort") {
      if (value == "recenti") {
        request.sort_recent = true;
      } else if (!value.empty() && value != "rilevanza") {
        return Status::error(_("the order must be 'recenti' or 'rilevanza'"));
      }
    } else if (const auto facet = facet_index(name)) {
      if (value.empty()) {
        continue;  // an empty select in a form
      }
      if (*facet == k_facet_anno) {
        if (!school_year_label(value)) {
          return Status::error(tr("unknown value '{}' for 'anno': write the school year as 2019-2020", value));
        }
      } else if (info.find(*facet, value) == nullptr) {
        std::vector<std::string> ids;
        for (const auto& term : info.terms[*facet]) {
          ids.push_back(term.id);
        }
        return Status::error(tr("unknown value '{}' for '{}'", value, name) + did_you_mean(value, ids));
      }
      auto& selected = request.selected[*facet];
      if (std::find(selected.begin(), selected.end(), value) == selected.end()) {
        selected.push_back(value);
      }
    }
  }
  return request;
}

}  // namespace vetrina::search
