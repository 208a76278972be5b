#include "search/index/glass_tables.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <system_error>

namespace vetrina::search {

namespace {

// "\x0f\x0dXapian Glass", then the format DATE_TO_VERSION(2016, 3, 14) =
// ((2016 - 2014) << 9) | (3 << 5) | 14 = 0x046e, big-endian.
constexpr std::string_view k_magic_and_format{"\x0f\x0dXapian Glass\x04\x6e", 16};
constexpr std::size_t k_uuid_size = 16;

// Reads Xapian's pack_uint encoding: 7 bits a byte, least significant
// first, the high bit set on every byte but the last.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

  // A number of at most 64 bits; nullopt past the end or beyond 64 bits
  // (a tenth byte above 1), as Xapian's unpack_uint refuses it.
  std::optional<std::uint64_t> uint() {
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64 && m_at < m_bytes.size(); shift += 7) {
      const auto byte = static_cast<unsigned char>(m_bytes[m_at++]);
      if (shift == 63 && byte > 1) {
        return std::nullopt;
      }
      value |= std::uint64_t{byte & 0x7fU} << shift;
      if ((byte & 0x80U) == 0) {
        return value;
      }
    }
    return std::nullopt;
  }
  bool skip(std::size_t count) {
    if (m_bytes.size() - m_at < count) {
      return false;
    }
    m_at += count;
    return true;
  }
  std::size_t at() const { return m_at; }

 private:
  std::string_view m_bytes;
  std::size_t m_at = 0;
};

void pack_uint(std::string& out, std::uint64_t value) {
  while (value >= 128) {
    out.push_back(static_cast<char>((value & 0x7fU) | 0x80U));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Where each table's compress_min is in `bytes` (begin and end offsets),
// and its value; nullopt when `bytes` is not a version file of our layout.
struct Field {
  std::size_t begin;
  std::size_t end;
  std::uint64_t value;
};
std::optional<std::array<Field, k_glass_tables>> compress_min_fields(std::string_view bytes) {
  if (bytes.substr(0, k_magic_and_format.size()) != k_magic_and_format) {
    return std::nullopt;
  }
  Reader in(bytes);
  if (!in.skip(k_magic_and_format.size() + k_uuid_size) || !in.uint()) {  // the revision
    return std::nullopt;
  }
  std::array<Field, k_glass_tables> fields{};
  for (auto& field : fields) {
    // root block, level and flags, entries, block size / 2048
    for (int i = 0; i < 4; ++i) {
      if (!in.uint()) {
        return std::nullopt;
      }
    }
    field.begin = in.at();
    const auto value = in.uint();
    if (!value || *value > std::numeric_limits<std::uint32_t>::max()) {  // Xapian's is 32 bits
      return std::nullopt;
    }
    field.end = in.at();
    field.value = *value;
    const auto free_list = in.uint();  // the free list, a length and its bytes
    if (!free_list || !in.skip(*free_list)) {
      return std::nullopt;
    }
  }
  // The statistics follow: eight numbers (Xapian writes them all).
  for (int i = 0; i < 8; ++i) {
    if (!in.uint()) {
      return std::nullopt;
    }
  }
  if (in.at() != bytes.size()) {
    return std::nullopt;
  }
  return fields;
}

}  // namespace

std::optional<std::array<std::uint64_t, k_glass_tables>> compress_min_of_tables(std::string_view bytes) {
  const auto fields = compress_min_fields(bytes);
  if (!fields) {
    return std::nullopt;
  }
  std::array<std::uint64_t, k_glass_tables> values{};
  for (std::size_t t = 0; t < k_glass_tables; ++t) {
    values[t] = (*fields)[t].value;
  }
  return values;
}

std::optional<std::string> uncompressed_tables_version(std::string_view bytes) {
  const auto fields = compress_min_fields(bytes);
  if (!fields) {
    return std::nullopt;
  }
  std::string out;
  std::size_t copied = 0;
  for (const auto table : {GlassTable::docdata, GlassTable::termlist}) {
    const Field& field = (*fields)[static_cast<std::size_t>(table)];
    out.append(bytes.substr(copied, field.begin - copied));
    pack_uint(out, 0);
    copied = field.end;
  }
  out.append(bytes.substr(copied));
  return out;
}

bool store_tables_uncompressed(const std::string& dir) {
  namespace fs = std::filesystem;
  const fs::path path = fs::path(dir) / "iamglass";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw std::runtime_error("cannot read " + path.string());
  }
  const auto rewritten = uncompressed_tables_version(bytes);
  if (!rewritten) {
    return false;
  }
  // Replaced by a rename, as Xapian replaces it at each commit; nothing
  // is left behind when that fails.
  const fs::path temporary = fs::path(dir) / "iamglass.vetrina-tmp";
  std::error_code error;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(rewritten->data(), static_cast<std::streamsize>(rewritten->size()));
    out.close();
    if (!out) {
      const std::string reason = std::strerror(errno);
      fs::remove(temporary, error);
      throw std::runtime_error("cannot write " + temporary.string() + ": " + reason);
    }
  }
  fs::rename(temporary, path, error);
  if (error) {
    const std::string reason = error.message();
    fs::remove(temporary, error);
    throw std::runtime_error("cannot replace " + path.string() + ": " + reason);
  }
  return true;
}

}  // namespace vetrina::search
