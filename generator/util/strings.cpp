#include "generator/util/strings.h"
#include "generator/util/i18n.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

#include <algorithm>
#include <array>
#include <cstdint>

namespace vetrina::util {

namespace {

// Decodes one code point at text[i]; returns its length, or 0 if malformed.
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& out) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    out = c;
    return 1;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1Fu;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0Fu;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      return 0;
    }
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  out = cp;
  return len;
}

// ASCII replacement for accented Latin letters (Latin-1 Supplement and
// Latin Extended-A), or nullptr when the code point has none.
const char* fold_code_point(char32_t cp) {
  static const std::array<const char*, 64> k_latin1 = {
      "A", "A", "A", "A", "A", "A", "AE", "C",     "E", "E", "E", "E", "I", "I", "I",  "I",   // C0-CF
      "D", "N", "O", "O", "O", "O", "O",  nullptr, "O", "U", "U", "U", "U", "Y", "TH", "ss",  // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c",     "e", "e", "e", "e", "i", "i", "i",  "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y",   // F0-FF
  };
  if (cp >= 0xC0 && cp <= 0xFF) {
    return k_latin1[cp - 0xC0];
  }
  // Latin Extended-A (U+0100-U+017F): pairs of upper/lower case mostly; map by base letter.
  static const char* const k_ext_a =
      "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUu"
      "UuUuWwYyYZzZzZzs";
  if (cp >= 0x100 && cp <= 0x17F) {
    static thread_local std::array<char, 2> one{};
    one[0] = k_ext_a[cp - 0x100];
    one[1] = '\0';
    return one.data();
  }
  return nullptr;
}

bool is_apostrophe(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      return false;
    }
    i += len;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    i += len == 0 ? 1 : len;
  }
  return count;
}

namespace {

// The code points strip_marks() maps one by one (Latin-1 Supplement,
// Latin Extended-A and -B; general punctuation, super- and subscripts,
// currency signs: what Italian text and names hold): each one's own
// result, computed by utf8proc, or none for a combining mark (it changes
// its neighbours) or an unassigned code point. No code point of these
// ranges composes with the one before it (Unicode's composition pairs have
// a mark or a Hangul jamo second): strings_test checks every pair against
// utf8proc on the pair.
class MarkTable {
 public:
  MarkTable() {
    for (char32_t cp = 0; cp < k_count; ++cp) {
      const char32_t code = code_point(cp);
      const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(code));
      const bool combines = property->combining_class != 0 || property->category == UTF8PROC_CATEGORY_MN ||
                            property->category == UTF8PROC_CATEGORY_MC || property->category == UTF8PROC_CATEGORY_ME;
      if (!combines && property->category != UTF8PROC_CATEGORY_CN) {
        utf8proc_uint8_t bytes[4];
        const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code), bytes);
        m_known[cp] = true;
        m_stripped[cp] = strip_marks_utf8proc(
            std::string_view(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length)));
      }
    }
  }
  // The result for `cp`, or nullptr when it has none here.
  const std::string* find(char32_t cp) const {
    std::size_t slot = 0;
    if (cp >= 0xa0 && cp <= 0x24f) {
      slot = cp - 0xa0;
    } else if (cp >= 0x2000 && cp <= 0x20cf) {
      slot = k_latin + (cp - 0x2000);
    } else {
      return nullptr;
    }
    return m_known[slot] ? &m_stripped[slot] : nullptr;
  }

 private:
  static constexpr std::size_t k_latin = 0x24f - 0xa0 + 1;
  static constexpr std::size_t k_count = k_latin + (0x20cf - 0x2000 + 1);
  static char32_t code_point(std::size_t slot) {
    return slot < k_latin ? static_cast<char32_t>(0xa0 + slot) : static_cast<char32_t>(0x2000 + slot - k_latin);
  }
  std::array<bool, k_count> m_known{};
  std::array<std::string, k_count> m_stripped;
};

}  // namespace

std::string strip_marks(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(text);
  }
  // Text made only of ASCII and code points that neither are marks nor
  // combine: each maps alone, without decomposing and recomposing the whole
  // text (the same result; strings_test compares every pair).
  static const MarkTable table;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out += text[i++];
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    const std::string* stripped = length == 0 ? nullptr : table.find(cp);
    if (stripped == nullptr) {
      return strip_marks_utf8proc(text);
    }
    out += *stripped;
    i += length;
  }
  return out;
}

std::string strip_marks_utf8proc(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
  const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                               static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  if (length < 0) {
    return std::string(text);  // not valid UTF-8: callers fold byte by byte
  }
  std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  std::free(mapped);
  return out;
}

std::string fold_accents(std::string_view input) {
  const std::string unmarked = strip_marks(input);
  const std::string_view text = unmarked;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // ASCII, most of any Italian text, in runs.
    std::size_t ascii = i;
    while (ascii < text.size() && static_cast<unsigned char>(text[ascii]) < 0x80) {
      ++ascii;
    }
    if (ascii > i) {
      out.append(text, i, ascii - i);
      i = ascii;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      out += text[i];
      ++i;
      continue;
    }
    const char* folded = len > 1 ? fold_code_point(cp) : nullptr;
    if (folded != nullptr) {
      out += folded;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string slugify(std::string_view input) {
  const std::string unmarked = strip_marks(input);
  const std::string_view text = unmarked;
  std::string out;
  bool pending_hyphen = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    std::size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      len = 1;
      cp = 0xFFFD;
    }
    std::string piece;
    if (cp < 0x80 && std::isalnum(static_cast<int>(cp)) != 0) {
      piece = static_cast<char>(std::tolower(static_cast<int>(cp)));
    } else if (const char* folded = fold_code_point(cp); folded != nullptr && !is_apostrophe(cp)) {
      piece = to_lower_ascii(folded);
    }
    if (piece.empty()) {
      pending_hyphen = !out.empty();
    } else {
      if (pending_hyphen) {
        out += '-';
        pending_hyphen = false;
      }
      out += piece;
    }
    i += len;
  }
  return out;
}

bool is_slug(std::string_view text) {
  return !text.empty() && slugify(text) == text;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> prev2(m + 1);
  std::vector<std::size_t> prev(m + 1);
  std::vector<std::size_t> cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t bound) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  const std::size_t over = bound == SIZE_MAX ? bound : bound + 1;  // "above the bound"
  // The distance is at least the difference in length.
  if ((n > m ? n - m : m - n) > bound) {
    return over;
  }
  // Three rows in one buffer kept by the thread: no allocation per call
  // (did_you_mean calls it for each of up to 100,000 story slugs).
  thread_local std::vector<std::size_t> buffer;
  buffer.assign(3 * (m + 1), 0);
  std::size_t* prev2 = buffer.data();
  std::size_t* prev = prev2 + m + 1;
  std::size_t* cur = prev + m + 1;
  for (std::size_t j = 0; j <= m; ++j) {
    prev[j] = j;
  }
  // A row's minimum is at least the smaller of the row before's and the
  // one before that's plus one (a transposition): once two rows in a row
  // are above the bound, every later one is.
  bool prev_over = false;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t cell = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cell = std::min(cell, prev2[j - 2] + 1);
      }
      cur[j] = cell;
      row_min = std::min(row_min, cell);
    }
    const bool row_over = row_min > bound;
    if (row_over && prev_over) {
      return over;
    }
    prev_over = row_over;
    std::size_t* const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return std::min(prev[m], over);
}

std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  const std::string lowered = to_lower_ascii(word);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  std::string lowered_candidate;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip the hopeless
    // ones cheaply (thousands of story slugs are candidates for a broken link).
    const std::size_t gap =
        candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
    if (gap >= best_distance) {
      continue;
    }
    // Slugs are lowercase already: lowered only when they are not.
    std::string_view compared = candidate;
    if (std::any_of(candidate.begin(), candidate.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
      lowered_candidate = to_lower_ascii(candidate);
      compared = lowered_candidate;
    }
    const std::size_t d = edit_distance_within(lowered, compared, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean_suffix(std::string_view word, std::span<const std::string> candidates) {
  if (auto hint = did_you_mean(word, candidates)) {
    return tr(" (did you mean '{}'?)", *hint);
  }
  return {};
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.starts_with(prefix);
}
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.ends_with(suffix);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    // LF, CRLF, or a lone CR (old Mac files, which YAML counts as lines too).
    const auto end = text.find_first_of("\r\n", start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) {
      break;
    }
    start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
  }
  return lines;
}

std::string lone_cr_to_lf(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) {
      out[i] = '\n';
    }
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(text, out);
  return out;
}

void append_html_escaped(std::string_view text, std::string& out, const char* apostrophe) {
  std::size_t plain = 0;  // start of the run of characters copied as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* entity = nullptr;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = apostrophe;
        break;
      default:
        continue;
    }
    out.append(text, plain, i - plain);
    out += entity;
    plain = i + 1;
  }
  out.append(text, plain, text.size() - plain);
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      continue;  // not allowed in XML 1.0
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
        break;
    }
  }
  return out;
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  if (from.empty()) {
    return std::string(text);
  }
  std::size_t start = 0;
  while (true) {
    const auto pos = text.find(from, start);
    if (pos == std::string_view::npos) {
      out.append(text.substr(start));
      return out;
    }
    out.append(text.substr(start, pos - start));
    out.append(to);
    start = pos + from.size();
  }
}

std::string url_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3 / 2);
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string url_decode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string format_thousands(long long value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - i - 1) % 3 == 0 && i + 1 < n) {
      out += '.';
    }
  }
  return negative ? "-" + out : out;
}

}  // namespace vetrina::util
