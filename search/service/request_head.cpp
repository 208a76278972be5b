#include "search/service/request_head.h"

#include <algorithm>
#include <cctype>

namespace vetrina::search {

HeadState head_state(const std::string& head, std::size_t max_bytes, std::size_t max_header_lines) {
  const auto end = head.find("\r\n\r\n");
  if (end == std::string::npos) {
    return head.size() > max_bytes ? HeadState::too_large : HeadState::incomplete;
  }
  if (end + 4 > max_bytes) {
    return HeadState::too_large;
  }
  std::size_t lines = 0;
  for (std::size_t at = head.find("\r\n"); at < end; at = head.find("\r\n", at + 2)) {
    ++lines;
  }
  return lines > max_header_lines + 1 ? HeadState::too_large : HeadState::complete;
}

std::optional<std::string_view> header_value(std::string_view head, std::string_view name) {
  const auto end = head.find("\r\n\r\n");
  std::size_t at = head.find("\r\n");
  while (at != std::string_view::npos && at < end) {
    const std::size_t start = at + 2;
    const std::size_t stop = head.find("\r\n", start);
    const std::string_view line = head.substr(start, stop - start);
    const auto colon = line.find(':');
    if (colon == name.size() && std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
      }
      return value;
    }
    at = stop;
  }
  return std::nullopt;
}

}  // namespace vetrina::search
