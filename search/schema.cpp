#include "search/schema.h"

#include "generator/util/strings.h"

namespace vetrina::search {

std::string normalize_text(std::string_view text) {
  std::string folded = util::fold_accents(text);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
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

std::string school_year_id(std::string_view school_year) { return util::replace_all(school_year, "/", "-"); }

}  // namespace vetrina::search
