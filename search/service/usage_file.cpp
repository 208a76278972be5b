#include "search/service/usage_file.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "generator/util/i18n.h"
#include "generator/util/strings.h"

namespace vetrina::search {

namespace {

constexpr std::string_view k_header = "vetrina-usage";

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return fields;
    }
    fields.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

std::optional<std::uint64_t> parse_count(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// A word of a query after the privacy masks.
std::string mask_word(std::string_view word) {
  if (word.find('@') != std::string_view::npos) {
    return "[email]";
  }
  std::size_t digits = 0;
  for (char c : word) {
    digits += (c >= '0' && c <= '9') ? 1 : 0;
  }
  if (digits >= 6) {
    return "[numero]";
  }
  return std::string(word);
}

// `value` in decimal, zero-padded to `width` digits (not negative).
std::string padded(int value, std::size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) {
    text.insert(0, width - text.size(), '0');
  }
  return text;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace

std::string normalise_query(std::string_view text) {
  // 1. Valid UTF-8 only, controls to spaces, capitals lowercased.
  std::string clean;
  clean.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size() || !util::is_valid_utf8(text.substr(i, length))) {
      ++i;  // an invalid byte is dropped
      continue;
    }
    if (length == 1) {
      if (c < 0x20 || c == 0x7F) {
        clean += ' ';
      } else {
        clean += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      }
    } else if (length == 2 && c == 0xC3) {
      // Latin-1 capitals U+00C0..U+00DE (but U+00D7, the multiplication sign).
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) {
        next = static_cast<unsigned char>(next + 0x20);
      }
      clean += static_cast<char>(c);
      clean += static_cast<char>(next);
    } else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      clean += ' ';  // C1 controls
    } else {
      clean.append(text.substr(i, length));
    }
    i += length;
  }
  // 2. Words, masked, joined by one space.
  std::string out;
  std::size_t start = 0;
  while (start < clean.size()) {
    while (start < clean.size() && clean[start] == ' ') {
      ++start;
    }
    auto end = clean.find(' ', start);
    if (end == std::string::npos) {
      end = clean.size();
    }
    if (end > start) {
      if (!out.empty()) {
        out += ' ';
      }
      out += mask_word(std::string_view(clean).substr(start, end - start));
    }
    start = end;
  }
  // 3. At most k_max_recorded_query_chars code points.
  std::size_t points = 0;
  for (std::size_t at = 0; at < out.size(); ++at) {
    if ((static_cast<unsigned char>(out[at]) & 0xC0) != 0x80) {
      if (points == k_max_recorded_query_chars) {
        out.resize(at);
        break;
      }
      ++points;
    }
  }
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

std::string filters_key(const SearchRequest& request) {
  std::string key;
  for (std::size_t facet = 0; facet < k_facets.size(); ++facet) {
    if (request.selected[facet].empty()) {
      continue;
    }
    if (!key.empty()) {
      key += ';';
    }
    key += k_facets[facet].name;
    key += '=';
    for (std::size_t i = 0; i < request.selected[facet].size(); ++i) {
      if (i > 0) {
        key += ',';
      }
      key += request.selected[facet][i];
    }
  }
  return key;
}

std::string search_key(DeviceClass device, std::size_t results, std::string_view filters, std::string_view query) {
  std::string key = "search\t";
  key += device_class_id(device);
  key += '\t';
  key += std::to_string(results);
  key += '\t';
  key += filters;
  key += '\t';
  key += query;
  return key;
}

std::string click_key(DeviceClass device, std::string_view url, std::string_view query) {
  std::string key = "click\t";
  key += device_class_id(device);
  key += '\t';
  key += url;
  key += '\t';
  key += query;
  return key;
}

std::optional<UsageRecord> decode_usage_key(std::string_view key, std::uint64_t count) {
  const auto fields = split_tabs(key);
  UsageRecord record;
  record.count = count;
  if (fields[0] == "other" && fields.size() == 2 && (fields[1] == "search" || fields[1] == "click")) {
    record.kind = UsageRecord::Kind::other;
    record.other_kind = std::string(fields[1]);
    return record;
  }
  if (fields[0] == "search" && fields.size() == 5) {
    const auto device = parse_device_class(fields[1]);
    const auto results = parse_count(fields[2]);
    if (!device || !results) {
      return std::nullopt;
    }
    record.kind = UsageRecord::Kind::search;
    record.device = *device;
    record.results = static_cast<std::size_t>(*results);
    record.filters = std::string(fields[3]);
    record.query = std::string(fields[4]);
    return record;
  }
  if (fields[0] == "click" && fields.size() == 4) {
    const auto device = parse_device_class(fields[1]);
    if (!device || !fields[2].starts_with('/')) {
      return std::nullopt;
    }
    record.kind = UsageRecord::Kind::click;
    record.device = *device;
    record.url = std::string(fields[2]);
    record.query = std::string(fields[3]);
    return record;
  }
  return std::nullopt;
}

std::string format_usage_file(const UsageDay& day) {
  std::vector<std::pair<std::string_view, std::uint64_t>> entries;
  std::map<std::string, std::uint64_t> other;
  for (const auto& [key, count] : day.counts) {
    if (key.starts_with("other\t")) {
      other[key] += count;
    } else {
      entries.emplace_back(key, count);
    }
  }
  if (entries.size() > k_max_usage_entries) {
    // Keep the largest counts (ties: by key, so the file is deterministic).
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (std::size_t i = k_max_usage_entries; i < entries.size(); ++i) {
      const std::string_view kind = entries[i].first.substr(0, entries[i].first.find('\t'));
      other["other\t" + std::string(kind)] += entries[i].second;
    }
    entries.resize(k_max_usage_entries);
  }
  std::sort(entries.begin(), entries.end());
  std::string text = std::string(k_header) + "\t" + std::to_string(k_usage_format_version) + "\t" + day.day + "\n";
  const auto line = [&text](std::string_view key, std::uint64_t count) {
    const auto tab = key.find('\t');
    text.append(key.substr(0, tab));
    text += '\t';
    text += std::to_string(count);
    text += '\t';
    text.append(key.substr(tab + 1));
    text += '\n';
  };
  for (const auto& [key, count] : entries) {
    line(key, count);
  }
  for (const auto& [key, count] : other) {
    line(key, count);
  }
  return text;
}

Result<UsageDay> parse_usage_file(std::string_view text) {
  const auto fail = [](std::size_t line, const std::string& message) {
    return Status::error(tr("line {}: {}", std::to_string(line), message));
  };
  const auto lines = util::split_lines(text);
  if (lines.empty()) {
    return fail(1, _("empty file"));
  }
  const auto header = split_tabs(lines[0]);
  if (header.size() != 3 || header[0] != k_header) {
    return fail(1, _("not a vetrina-usage file"));
  }
  if (header[1] != std::to_string(k_usage_format_version)) {
    return fail(1, tr("format version {} (this vetrina reads {})", header[1], std::to_string(k_usage_format_version)));
  }
  if (!day_number(header[2])) {
    return fail(1, tr("not a day: '{}'", header[2]));
  }
  UsageDay day;
  day.day = std::string(header[2]);
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const std::string_view line = lines[n];
    if (line.empty()) {
      continue;
    }
    const auto first = line.find('\t');
    const auto second = first == std::string_view::npos ? first : line.find('\t', first + 1);
    if (second == std::string_view::npos) {
      return fail(n + 1, _("too few fields"));
    }
    const auto count = parse_count(line.substr(first + 1, second - first - 1));
    if (!count || *count == 0) {
      return fail(n + 1, _("the count is not a positive number"));
    }
    std::string key = std::string(line.substr(0, first)) + "\t" + std::string(line.substr(second + 1));
    if (!decode_usage_key(key, *count)) {
      return fail(n + 1, _("unknown record"));
    }
    day.counts[std::move(key)] += *count;
  }
  return day;
}

std::optional<std::string> usage_file_day(std::string_view name) {
  if (!name.starts_with("usage-") || !name.ends_with(".tsv") || name.size() != 6 + 10 + 4) {
    return std::nullopt;
  }
  const std::string_view day = name.substr(6, 10);
  if (!day_number(day)) {
    return std::nullopt;
  }
  return std::string(day);
}

std::string local_day(std::time_t time) {
  std::tm parts{};
  ::localtime_r(&time, &parts);
  return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2);
}

std::optional<long> day_number(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') {
    return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t length) -> std::optional<unsigned> {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(day.data() + at, day.data() + at + length, value);
    if (error != std::errc() || end != day.data() + at + length) {
      return std::nullopt;
    }
    return value;
  };
  const auto y = number(0, 4);
  const auto m = number(5, 2);
  const auto d = number(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) {
    return std::nullopt;
  }
  static constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  if (*d > k_days[*m - 1] + ((*m == 2 && leap) ? 1U : 0U)) {
    return std::nullopt;
  }
  return days_from_civil(static_cast<long>(*y), *m, *d);
}

}  // namespace vetrina::search
