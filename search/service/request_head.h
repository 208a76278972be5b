#pragma once
// The head of an HTTP/1.1 request (request line and header lines, up to the
// blank line) as the HTTP front (http_front.h) collects it before any worker
// sees it: whether it is complete and within the limits, and the value of a
// header the front must check itself. Pure functions on the bytes received.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vetrina::search {

enum class HeadState { incomplete, complete, too_large };

// Whether `head` (bytes received so far) holds a whole request head of at
// most `max_bytes` bytes and `max_header_lines` header lines.
HeadState head_state(const std::string& head, std::size_t max_bytes, std::size_t max_header_lines);

// The value of header `name` (given in lowercase; matched in any case) in a
// complete head, leading blanks removed; nullopt when it is absent.
std::optional<std::string_view> header_value(std::string_view head, std::string_view name);

}  // namespace vetrina::search
