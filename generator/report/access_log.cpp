#include "generator/report/access_log.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "generator/util/i18n.h"

namespace vetrina {

namespace {

constexpr std::size_t k_buffer_size = 1 << 20;
constexpr std::size_t k_max_line = 64 * 1024;

// A quoted field starting at text[at] == '"'; returns its inside and moves
// `at` past the closing quote.
std::optional<std::string_view> quoted(std::string_view text, std::size_t& at) {
  if (at >= text.size() || text[at] != '"') {
    return std::nullopt;
  }
  const std::size_t start = at + 1;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      at = i + 1;
      return text.substr(start, i - start);
    }
  }
  return std::nullopt;
}

int two_digits(std::string_view text, std::size_t at) {
  const char a = text[at];
  const char b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') {
    return -1;
  }
  return (a - '0') * 10 + (b - '0');
}

int month_number(std::string_view name) {
  static constexpr std::string_view k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (name == k_months[i]) {
      return i + 1;
    }
  }
  return 0;
}

}  // namespace

std::optional<LogLine> parse_log_line(std::string_view line) {
  LogLine out;
  // Address, ident and user are skipped up to the time "[dd/Mon/yyyy:".
  const auto open = line.find(" [");
  if (open == std::string_view::npos || open + 2 + 21 > line.size()) {
    return std::nullopt;
  }
  const std::string_view time = line.substr(open + 2);
  if (time[2] != '/' || time[6] != '/' || time[11] != ':') {
    return std::nullopt;
  }
  out.day = two_digits(time, 0);
  out.month = month_number(time.substr(3, 3));
  const int century = two_digits(time, 7);
  const int year = two_digits(time, 9);
  if (out.day < 1 || out.day > 31 || out.month == 0 || century < 0 || year < 0) {
    return std::nullopt;
  }
  out.year = century * 100 + year;
  const auto close = time.find("] ");
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  std::size_t at = open + 2 + close + 2;
  const auto request = quoted(line, at);
  if (!request) {
    return std::nullopt;
  }
  const auto space1 = request->find(' ');
  const auto space2 = space1 == std::string_view::npos ? space1 : request->find(' ', space1 + 1);
  if (space2 == std::string_view::npos || request->find(' ', space2 + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  out.method = request->substr(0, space1);
  out.target = request->substr(space1 + 1, space2 - space1 - 1);
  if (out.target.empty() || !request->substr(space2 + 1).starts_with("HTTP/")) {
    return std::nullopt;
  }
  // " 200 1234 "
  if (at + 5 > line.size() || line[at] != ' ') {
    return std::nullopt;
  }
  const int hundreds = line[at + 1] - '0';
  const int rest = two_digits(line, at + 2);
  if (hundreds < 1 || hundreds > 5 || rest < 0 || line[at + 4] != ' ') {
    return std::nullopt;
  }
  out.status = hundreds * 100 + rest;
  at = line.find(' ', at + 5);  // past the byte count
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  ++at;
  const auto referrer = quoted(line, at);
  if (!referrer || at >= line.size() || line[at] != ' ') {
    return std::nullopt;
  }
  ++at;
  const auto agent = quoted(line, at);
  if (!agent) {
    return std::nullopt;
  }
  out.referrer = *referrer;
  out.user_agent = *agent;
  return out;
}

LogReader::LogReader() : m_buffer(k_buffer_size) {}

LogReader::~LogReader() {
  if (m_file != nullptr) {
    gzclose(static_cast<gzFile>(m_file));
  }
}

Status LogReader::open(const std::string& path) {
  m_path = path;
  m_file = gzopen(path.c_str(), "rb");
  if (m_file == nullptr) {
    return Status::error(path + ": " + (errno != 0 ? std::strerror(errno) : _("cannot open")));
  }
  gzbuffer(static_cast<gzFile>(m_file), 256 * 1024);
  return Status::success();
}

bool LogReader::fill() {
  if (m_eof) {
    return false;
  }
  if (m_begin > 0) {
    std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
    m_end -= m_begin;
    m_begin = 0;
  }
  const int read =
      gzread(static_cast<gzFile>(m_file), m_buffer.data() + m_end, static_cast<unsigned>(m_buffer.size() - m_end));
  if (read < 0) {
    int code = 0;
    m_status = Status::error(m_path + ": " + gzerror(static_cast<gzFile>(m_file), &code));
    m_eof = true;
    return false;
  }
  if (read == 0) {
    m_eof = true;
    // A truncated gzip file (a log being rotated) ends early: report it.
    int code = 0;
    const char* message = gzerror(static_cast<gzFile>(m_file), &code);
    if (code != Z_OK && code != Z_BUF_ERROR) {
      m_status = Status::error(m_path + ": " + message);
    }
    return false;
  }
  m_end += static_cast<std::size_t>(read);
  return true;
}

bool LogReader::next(std::string_view& line) {
  if (m_file == nullptr) {
    return false;
  }
  while (true) {
    const char* start = m_buffer.data() + m_begin;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', m_end - m_begin));
    if (newline != nullptr) {
      line = std::string_view(start, static_cast<std::size_t>(newline - start));
      m_begin += line.size() + 1;
      return true;
    }
    if (m_end - m_begin >= k_max_line) {
      line = std::string_view(start, m_end - m_begin);  // an overlong line, cut
      m_begin = m_end;
      return true;
    }
    if (!fill()) {
      if (m_end > m_begin) {
        line = std::string_view(m_buffer.data() + m_begin, m_end - m_begin);  // last line without '\n'
        m_begin = m_end;
        return true;
      }
      return false;
    }
  }
}

}  // namespace vetrina
