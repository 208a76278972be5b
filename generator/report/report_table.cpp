#include "generator/report/report_table.h"

#include <algorithm>
#include <exception>

#include "generator/util/strings.h"

namespace vetrina {

namespace {

constexpr std::size_t k_max_shown_chars = 120;

// What a visitor sent, cut for display (whole code points).
std::string shown(std::string_view text) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (points == k_max_shown_chars) {
        out += "…";
        break;
      }
      ++points;
    }
    out += text[i];
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string value(text);
  // A cell starting with = + - @ is a formula in spreadsheets: keep it text.
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\n\r") == std::string::npos) {
    return value;
  }
  return "\"" + util::replace_all(value, "\"", "\"\"") + "\"";
}

std::string number_cell(const std::string& digits) {
  try {
    return util::format_thousands(std::stoll(digits));
  } catch (const std::exception&) {
    return digits;
  }
}

}  // namespace

std::string csv_of(const ReportTable& table) {
  std::string out;
  for (std::size_t i = 0; i < table.headers.size(); ++i) {
    out += (i > 0 ? "," : "") + csv_field(table.headers[i]);
  }
  out += '\n';
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += (i > 0 ? "," : "") + csv_field(row[i]);
    }
    out += '\n';
  }
  return out;
}

std::string html_table(const ReportTable& table) {
  std::string out = "<div class=\"table-wrap\"><table>\n<caption>" + util::html_escape(table.caption);
  const std::size_t limit = table.shown_rows == 0 ? table.rows.size() : std::min(table.shown_rows, table.rows.size());
  if (limit < table.rows.size()) {
    out += " (i primi " + std::to_string(limit) + " di " +
           util::format_thousands(static_cast<long long>(table.rows.size())) + ")";
  }
  out += "</caption>\n<thead><tr>";
  for (std::size_t i = 0; i < table.headers.size(); ++i) {
    out += std::string("<th scope=\"col\"") + ((i < table.numeric.size() && table.numeric[i]) ? " class=\"num\"" : "") +
           ">" + util::html_escape(table.headers[i]) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < limit; ++r) {
    out += "<tr>";
    for (std::size_t i = 0; i < table.rows[r].size(); ++i) {
      const std::string& cell = table.rows[r][i];
      if ((i < table.numeric.size() && table.numeric[i])) {
        out += "<td class=\"num\">" + util::html_escape(number_cell(cell)) + "</td>";
      } else {
        out += "<td>" + util::html_escape(shown(cell)) + "</td>";
      }
    }
    out += "</tr>\n";
  }
  if (table.rows.empty()) {
    out += "<tr><td colspan=\"" + std::to_string(table.headers.size()) + "\">Nessun dato.</td></tr>\n";
  }
  out += "</tbody></table></div>\n<p class=\"csv\"><a href=\"" + util::html_escape(table.file) +
         "\">Scarica i dati (CSV)</a></p>\n";
  return out;
}

}  // namespace vetrina
