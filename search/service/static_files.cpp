#include "search/service/static_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

namespace vetrina::search {

namespace {

// Byte ranges in one Range header beyond which the header is ignored.
constexpr std::size_t k_max_range_parts = 16;

bool is_within(const std::string& root, const std::string& path) {
  return path == root ||
         (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/');
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// A decimal number of at most 19 digits (no sign), or nullopt.
std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  if (text.empty() || text.size() > 19) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// Paths with repeated slashes are the same path (as nginx's merge_slashes):
// a redirect built from "//esperienze" would otherwise lead to another site.
std::string merge_slashes(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    if (c != '/' || out.empty() || out.back() != '/') {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string real_path(const std::string& path) {
  char buffer[PATH_MAX];
  return ::realpath(path.c_str(), buffer) != nullptr ? std::string(buffer) : std::string();
}

ByteRange byte_range(std::string_view header, std::uint64_t size) {
  ByteRange whole;
  header = trim(header);
  if (header.size() < 6 || !std::equal(header.begin(), header.begin() + 6, "bytes=", [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      })) {
    return whole;
  }
  header.remove_prefix(6);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts;  // satisfiable, inclusive
  std::size_t count = 0;
  while (true) {
    const auto comma = header.find(',');
    const std::string_view part = trim(header.substr(0, comma));
    if (++count > k_max_range_parts) {
      return whole;
    }
    const auto dash = part.find('-');
    if (dash == std::string_view::npos) {
      return whole;  // malformed: ignored, as RFC 9110 allows
    }
    const std::string_view first_text = part.substr(0, dash);
    const std::string_view last_text = part.substr(dash + 1);
    if (first_text.empty()) {
      const auto suffix = parse_decimal(last_text);
      if (!suffix) {
        return whole;
      }
      if (*suffix > 0 && size > 0) {
        parts.emplace_back(size - std::min(*suffix, size), size - 1);
      }
    } else {
      const auto first = parse_decimal(first_text);
      const auto last = last_text.empty() ? std::optional<std::uint64_t>(UINT64_MAX) : parse_decimal(last_text);
      if (!first || !last || *last < *first) {
        return whole;
      }
      if (*first < size) {
        parts.emplace_back(*first, std::min(*last, size - 1));
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    header.remove_prefix(comma + 1);
  }
  if (parts.empty()) {
    return ByteRange{ByteRange::Kind::unsatisfiable, 0, 0};
  }
  std::sort(parts.begin(), parts.end());
  ByteRange merged{ByteRange::Kind::partial, parts.front().first, parts.front().second};
  for (const auto& [first, last] : parts) {
    if (first > merged.last + 1) {
      return whole;  // two separate ranges: a multipart answer is not worth it
    }
    merged.last = std::max(merged.last, last);
  }
  return merged;
}

const char* content_type_for(const std::string& path) {
  static constexpr std::array<std::pair<const char*, const char*>, 17> k_types = {{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".xml", "application/xml; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".mp4", "video/mp4"},
      {".webm", "video/webm"},
      {".pdf", "application/pdf"},
  }};
  const auto dot = path.rfind('.');
  if (dot != std::string::npos && path.find('/', dot) == std::string::npos) {
    std::string ext = path.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const auto& [suffix, type] : k_types) {
      if (ext == suffix) {
        return type;
      }
    }
  }
  return "application/octet-stream";
}

Resolved resolve_static(const std::string& public_dir, const std::string& raw_path) {
  Resolved result;
  if (raw_path.empty() || raw_path[0] != '/' || raw_path.find('\0') != std::string::npos ||
      raw_path.find('\\') != std::string::npos) {
    result.kind = Resolved::Kind::forbidden;
    return result;
  }
  const std::string path = merge_slashes(raw_path);
  // Any segment starting with '.' covers "..", "." and dot files (.git, .env).
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    if (end > start && path[start] == '.') {
      result.kind = Resolved::Kind::forbidden;
      return result;
    }
    start = end + 1;
  }
  const std::string root = real_path(public_dir);
  if (root.empty()) {
    return result;  // no site built: not found
  }
  std::string candidate = root + path;
  struct stat info {};
  if (::stat(candidate.c_str(), &info) != 0) {
    return result;
  }
  if (S_ISDIR(info.st_mode)) {
    if (path.back() != '/') {
      result.kind = Resolved::Kind::redirect;
      result.location = path + "/";
      return result;
    }
    candidate += "index.html";
    if (::stat(candidate.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
      return result;
    }
  } else if (!S_ISREG(info.st_mode)) {
    return result;
  }
  // Symlinks may not lead out of the public folder.
  const std::string resolved = real_path(candidate);
  if (resolved.empty() || !is_within(root, resolved)) {
    result.kind = Resolved::Kind::forbidden;
    return result;
  }
  result.kind = Resolved::Kind::file;
  result.file = resolved;
  return result;
}

}  // namespace vetrina::search
