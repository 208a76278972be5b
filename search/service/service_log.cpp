#include "search/service/service_log.h"

#include <array>
#include <charconv>

namespace vetrina::search {

namespace {

// Bytes of a path written to the access log.
constexpr std::size_t k_logged_path_bytes = 256;

// `text` with control, space, quote, backslash and non-ASCII bytes as \xHH,
// cut after `limit` bytes of output ("..." added).
std::string escaped(std::string_view text, std::size_t limit) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const char byte : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(byte);
    if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
      out += "\\x";
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// `value` with one decimal, rounded to the nearest as the C library's "%.1f" does.
std::string one_decimal(double value) {
  std::array<char, 64> buffer{};
  const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, 1);
  if (written.ec != std::errc()) {
    return std::to_string(value);  // beyond 10^60 ms: never a request's duration
  }
  return std::string(buffer.data(), written.ptr);
}

}  // namespace

std::string access_line(std::string_view method, std::string_view path, std::size_t query_bytes, int status,
                        double milliseconds) {
  return "method=" + escaped(method, 16) + " path=" + escaped(path, k_logged_path_bytes) +
         " query_bytes=" + std::to_string(query_bytes) + " status=" + std::to_string(status) +
         " ms=" + one_decimal(milliseconds);
}

}  // namespace vetrina::search
