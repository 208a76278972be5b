#pragma once
// Dates as editors write them in content ("2016-05-10"). Pure.

#include <optional>
#include <string_view>

#include "generator/model/site.h"

namespace vetrina {

// "2016-05-10" -> Date when it is a real calendar date; anything else nullopt.
std::optional<Date> parse_date(std::string_view text);

}  // namespace vetrina
