#include "generator/util/hash.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

namespace vetrina::util {

namespace {

constexpr std::uint64_t k_multiplier = 0x9fb21c651e98df25ULL;

std::uint64_t fmix64(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

std::uint64_t load64(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);
  return word;
}

}  // namespace

std::uint64_t hash64(std::string_view data, std::uint64_t seed) {
  // Four independent lanes keep the multiplier pipeline busy on long input.
  std::uint64_t lanes[4] = {seed ^ 0x243f6a8885a308d3ULL, seed ^ 0x13198a2e03707344ULL,
                            seed ^ 0xa4093822299f31d0ULL, seed ^ 0x082efa98ec4e6c89ULL};
  const char* p = data.data();
  std::size_t left = data.size();
  while (left >= 32) {
    for (int lane = 0; lane < 4; ++lane) {
      lanes[lane] = (lanes[lane] ^ fmix64(load64(p + 8 * lane))) * k_multiplier;
      lanes[lane] ^= lanes[lane] >> 29;
    }
    p += 32;
    left -= 32;
  }
  std::uint64_t hash = fmix64(lanes[0]) ^ (fmix64(lanes[1]) * 3) ^ (fmix64(lanes[2]) * 5) ^ (fmix64(lanes[3]) * 7);
  while (left >= 8) {
    hash = (hash ^ fmix64(load64(p))) * k_multiplier;
    p += 8;
    left -= 8;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, left);
  hash = (hash ^ fmix64(tail ^ (static_cast<std::uint64_t>(left) << 56))) * k_multiplier;
  return fmix64(hash ^ data.size());
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

std::uint64_t Hasher::value() const { return fmix64(m_state ^ m_count); }

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
