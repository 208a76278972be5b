#include "generator/util/packed_text.h"

#include <zlib.h>

#include <limits>
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
