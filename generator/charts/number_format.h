#pragma once
// Italian number formatting for charts, tables and CSV: grouping with '.',
// decimals with ',', "%" after a no-break space. Pure functions, thread-safe.

#include <string>
#include <string_view>

namespace vetrina {

// 4592 -> "4.592"; 4.99 with 2 decimals -> "4,99"; -1234.5 with 1 -> "-1.234,5".
// Rounds half away from zero; never prints "-0".
std::string format_number(double value, int decimals);
// A value as a label: the number, and for the unit "%" a no-break space and
// "%" ("4,99 %"); other units are shown elsewhere (axis, caption).
std::string format_value(double value, int decimals, std::string_view unit);
// A value in a sentence: "4.592 progetti", "4,99 %", "12" (no unit).
std::string format_quantity(double value, int decimals, std::string_view unit);
// Machine form for CSV: '.' decimals, no grouping ("4592", "4.99").
std::string format_plain(double value, int decimals);

}  // namespace vetrina
