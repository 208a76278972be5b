#pragma once
// Fast non-cryptographic 64-bit hashing for change detection (the build cache,
// output manifests, page fingerprints). Not for security: nothing hashed here
// comes from an attacker who gains by a collision. Hasher feeds several fields
// unambiguously (each string is length-prefixed), so ("ab", "c") and ("a",
// "bc") differ. Pure; a Hasher is a value, one per thread.

#include <cstdint>
#include <string>
#include <string_view>

namespace vetrina::util {

// 64-bit hash of `data` (8 bytes at a time, murmur3's finaliser as mixer).
std::uint64_t hash64(std::string_view data, std::uint64_t seed = 0);

// 16 lowercase hex digits.
std::string hex64(std::uint64_t value);
// The reverse of hex64: false (value untouched) unless `text` is 16 lowercase hex digits.
bool parse_hex64(std::string_view text, std::uint64_t& value);

// The hash of the running executable's file (/proc/self/exe), computed once:
// caches and fingerprints made by another build of the program are not
// trusted. 0 when the file cannot be read.
std::uint64_t executable_hash();

class Hasher {
 public:
  Hasher& add(std::string_view text);
  Hasher& add(std::uint64_t value);
  Hasher& add_int(long long value) { return add(static_cast<std::uint64_t>(value)); }
  Hasher& add_bool(bool value) { return add(static_cast<std::uint64_t>(value ? 1 : 0)); }
  std::uint64_t value() const;

 private:
  std::uint64_t m_state = 0x9e3779b97f4a7c15ULL;
  std::uint64_t m_count = 0;
};

// 64-bit FNV-1a as 16 hex digits: the content hashes in published file
// names (/media/<hash>-<width>.jpg, style.<hash>.css). Kept FNV-1a, not the
// faster hash64(), so that published addresses do not change between
// versions of Vetrina (caches and CDNs keep them as immutable).
std::string content_hash(std::string_view data);

}  // namespace vetrina::util
