#pragma once
// A table of the usage report: its HTML form on the page (numbers with
// thousands separators, long text cut, everything escaped) and its CSV file
// (formula-safe cells, so a spreadsheet never runs what a visitor sent).
// Pure functions.

#include <cstddef>
#include <string>
#include <vector>

namespace vetrina {

struct ReportTable {
  std::string file;  // "storie.csv"
  std::string caption;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // plain text; numbers as digits
  std::vector<bool> numeric;                   // per column (missing: text)
  std::size_t shown_rows = 0;                  // 0 = all in the page
};

// The table as HTML, with the link to its CSV file.
std::string html_table(const ReportTable& table);
// The table as CSV: a header line, then the rows, '\n' line ends.
std::string csv_of(const ReportTable& table);

}  // namespace vetrina
