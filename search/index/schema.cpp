#include "search/index/schema.h"

#include <algorithm>

#include "generator/util/strings.h"

namespace vetrina::search {

std::string normalize_text(std::string_view text) {
  std::string folded = util::fold_accents(text);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    // What is not an apostrophe, in runs.
    const std::size_t next = std::min(folded.find_first_of("'\xE2", i), folded.size());
    out.append(folded, i, next - i);
    i = next;
    if (i == folded.size()) {
      break;
    }
    if (folded[i] == '\'') {
      out += ' ';
    } else if (folded.compare(i, 3, "\xE2\x80\x99") == 0 || folded.compare(i, 3, "\xE2\x80\x98") == 0) {
      out += ' ';  // ’ and ‘
      i += 2;
    } else {
      out += folded[i];
    }
  }
  return out;
}

std::string school_year_id(std::string_view school_year) {
  return util::replace_all(school_year, "/", "-");
}

std::optional<std::string> school_year_label(std::string_view id) {
  if (id.size() != 9 || id[4] != '-') {
    return std::nullopt;
  }
  int first = 0;
  int second = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    if (i == 4) {
      continue;
    }
    if (id[i] < '0' || id[i] > '9') {
      return std::nullopt;
    }
    int& target = i < 4 ? first : second;
    target = target * 10 + (id[i] - '0');
  }
  if (second != first + 1) {
    return std::nullopt;
  }
  return std::string(id.substr(0, 4)) + "/" + std::string(id.substr(5));
}

}  // namespace vetrina::search
