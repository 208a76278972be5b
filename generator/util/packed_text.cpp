#include "generator/util/packed_text.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

namespace vetrina::util {

namespace {

// Texts above this are refused by the content limits long before.
constexpr std::size_t k_max_text = std::numeric_limits<uInt>::max() / 2;
// Deflate expands at most 1032 to 1: a claimed size beyond that is refused
// before anything is allocated (a damaged cache file must not ask for 2 GiB).
constexpr std::size_t k_max_ratio = 1032;

bool inflate_into(const std::string& packed, std::string& out) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    return false;
  }
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = inflate(&stream, Z_FINISH);
  const bool whole = result == Z_STREAM_END && stream.avail_out == 0 && stream.avail_in == 0;
  inflateEnd(&stream);
  return whole;
}

}  // namespace

PackedText::PackedText(std::string_view text) : m_size(text.size()) {
  if (text.empty()) {
    return;
  }
  if (text.size() > k_max_text) {
    throw std::length_error("text too long to pack");
  }
  uLongf bound = compressBound(static_cast<uLong>(text.size()));
  m_packed.resize(bound);
  if (compress2(reinterpret_cast<Bytef*>(m_packed.data()), &bound, reinterpret_cast<const Bytef*>(text.data()),
                static_cast<uLong>(text.size()), Z_BEST_SPEED) != Z_OK) {
    throw std::runtime_error("zlib could not pack a text");
  }
  m_packed.resize(bound);
  m_packed.shrink_to_fit();
}

std::string PackedText::str() const {
  std::string text(m_size, '\0');
  if (m_size != 0 && !inflate_into(m_packed, text)) {
    throw std::logic_error("packed text does not unpack");  // only from_packed() takes outside bytes, and checks them
  }
  return text;
}

Unpacker::Unpacker(std::string_view packed, std::size_t size) : m_packed(packed), m_size(size) {
  if (size == 0) {
    m_failed = !packed.empty();
  } else if (size > k_max_text || packed.empty() || packed.size() > k_max_text ||
             size > packed.size() * k_max_ratio + 64) {
    m_failed = true;
  }
}

Unpacker::~Unpacker() {
  if (m_stream != nullptr) {
    auto* stream = static_cast<z_stream*>(m_stream);
    inflateEnd(stream);
    delete stream;
  }
}

bool Unpacker::reach(std::size_t limit) {
  if (m_failed) {
    return false;
  }
  limit = std::min(limit, m_size);
  if (limit <= m_text.size()) {
    return true;
  }
  auto* stream = static_cast<z_stream*>(m_stream);
  if (stream == nullptr) {
    stream = new z_stream{};
    if (inflateInit(stream) != Z_OK) {
      delete stream;
      m_failed = true;
      return false;
    }
    m_stream = stream;
    stream->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(m_packed.data()));
    stream->avail_in = static_cast<uInt>(m_packed.size());
  }
  const std::size_t done = m_text.size();
  m_text.resize(limit);
  stream->next_out = reinterpret_cast<Bytef*>(m_text.data() + done);
  stream->avail_out = static_cast<uInt>(limit - done);
  const bool last = limit == m_size;
  const int result = inflate(stream, last ? Z_FINISH : Z_SYNC_FLUSH);
  const bool complete = last ? result == Z_STREAM_END && stream->avail_out == 0 && stream->avail_in == 0
                             : (result == Z_OK || result == Z_BUF_ERROR) && stream->avail_out == 0;
  if (!complete) {
    m_failed = true;
    m_text.clear();
  }
  return complete;
}

std::optional<std::string> unpack_prefix(std::string_view packed, std::size_t size, std::size_t limit) {
  Unpacker unpacker(packed, size);
  if (!unpacker.reach(limit)) {
    return std::nullopt;
  }
  return unpacker.text();
}

bool PackedText::from_packed(std::string packed, std::size_t size) {
  clear();
  if (size == 0) {
    return packed.empty();
  }
  if (size > k_max_text || packed.empty() || packed.size() > k_max_text || size > packed.size() * k_max_ratio + 64) {
    return false;
  }
  std::string check(size, '\0');
  if (!inflate_into(packed, check)) {
    return false;
  }
  m_packed = std::move(packed);
  m_size = size;
  return true;
}

}  // namespace vetrina::util
