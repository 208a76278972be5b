#include "generator/util/hash.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include <xxhash.h>

namespace vetrina::util {

namespace {

// Hasher's combining step (a 64-bit finalizer and an odd multiplier): it
// mixes whole 64-bit values, the bytes themselves go through XXH3.
constexpr std::uint64_t k_multiplier = 0x9fb21c651e98df25ULL;

std::uint64_t fmix64(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

}  // namespace

std::uint64_t hash64(std::string_view data, std::uint64_t seed) {
  return XXH3_64bits_withSeed(data.data(), data.size(), seed);
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

bool parse_hex64(std::string_view text, std::uint64_t& value) {
  if (text.size() != 16) {
    return false;
  }
  std::uint64_t result = 0;
  for (const char c : text) {
    int digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else {
      return false;
    }
    result = (result << 4) | static_cast<std::uint64_t>(digit);
  }
  value = result;
  return true;
}

std::uint64_t executable_hash() {
  static const std::uint64_t k_hash = [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    if (!in) {
      return std::uint64_t{0};
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return hash64(bytes, 0x5eed);
  }();
  return k_hash;
}

Hasher& Hasher::add(std::string_view text) {
  add(static_cast<std::uint64_t>(text.size()));
  m_state = (m_state ^ hash64(text, m_count)) * k_multiplier;
  ++m_count;
  return *this;
}

Hasher& Hasher::add(std::uint64_t value) {
  m_state = (m_state ^ fmix64(value + m_count)) * k_multiplier;
  m_state ^= m_state >> 31;
  ++m_count;
  return *this;
}

std::uint64_t Hasher::value() const {
  return fmix64(m_state ^ m_count);
}

std::string content_hash(std::string_view data) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64-bit offset basis
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace vetrina::util
