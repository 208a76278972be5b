#include "generator/media/palette_png.h"

#include <zlib.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <functional>
#include <memory>
#include <queue>
#include <utility>

namespace vetrina {

namespace {

constexpr int k_end_of_block = 256;
constexpr int k_literal_codes = 286;  // literals, end of block, 29 length codes
constexpr int k_max_match = 258;
constexpr std::uint64_t k_adler_base = 65521;

// Deflate's length codes (RFC 1951, 3.2.5): the first length of each code
// and its count of extra bits.
constexpr std::array<int, 29> k_length_base = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                               31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<int, 29> k_length_extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
// The order in which the code lengths of the code-length code are sent.
constexpr std::array<int, 19> k_code_length_order = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// For every match length 3..258: its length code's index (0..28).
const std::array<unsigned char, k_max_match + 1>& length_codes() {
  static const std::array<unsigned char, k_max_match + 1> table = [] {
    std::array<unsigned char, k_max_match + 1> out{};
    for (int code = 0; code < 29; ++code) {
      const int last = code + 1 < 29 ? k_length_base[static_cast<std::size_t>(code) + 1] - 1 : k_max_match;
      for (int length = k_length_base[static_cast<std::size_t>(code)]; length <= last; ++length) {
        out[static_cast<std::size_t>(length)] = static_cast<unsigned char>(code);
      }
    }
    return out;
  }();
  return table;
}

// Code lengths, at most max_bits, of a Huffman code for `freq` (0: no code).
// Fewer than two used symbols get a second one, so that the code is complete.
// When the optimal code is too deep, the frequencies are halved and the
// code built again (deterministic; flat pictures rarely need it).
std::vector<int> code_lengths(std::vector<std::uint32_t> freq, int max_bits) {
  auto used = std::count_if(freq.begin(), freq.end(), [](std::uint32_t f) { return f > 0; });
  for (std::size_t i = 0; i < freq.size() && used < 2; ++i) {
    if (freq[i] == 0) {
      freq[i] = 1;
      ++used;
    }
  }
  const std::size_t n = freq.size();
  for (;;) {
    using Item = std::pair<std::uint64_t, std::size_t>;  // weight, node (ties: the lower node first)
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    std::vector<std::size_t> parent(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (freq[i] > 0) {
        heap.emplace(freq[i], i);
      }
    }
    while (heap.size() > 1) {
      const Item a = heap.top();
      heap.pop();
      const Item b = heap.top();
      heap.pop();
      const std::size_t node = parent.size();
      parent.push_back(node);  // the root is its own parent
      parent[a.second] = node;
      parent[b.second] = node;
      heap.emplace(a.first + b.first, node);
    }
    std::vector<int> lengths(n, 0);
    int deepest = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (freq[i] == 0) {
        continue;
      }
      for (std::size_t at = i; parent[at] != at; at = parent[at]) {
        ++lengths[i];
      }
      deepest = std::max(deepest, lengths[i]);
    }
    if (deepest <= max_bits) {
      return lengths;
    }
    for (auto& f : freq) {
      f = f == 0 ? 0 : (f + 1) / 2;
    }
  }
}

// The canonical codes of `lengths` (RFC 1951, 3.2.2), bit-reversed: deflate
// sends Huffman codes from their most significant bit, into an LSB-first
// stream.
std::vector<std::uint32_t> canonical_codes(const std::vector<int>& lengths) {
  std::array<std::uint32_t, 17> count{};
  for (const int length : lengths) {
    ++count[static_cast<std::size_t>(length)];
  }
  count[0] = 0;
  std::array<std::uint32_t, 17> next{};
  std::uint32_t code = 0;
  for (std::size_t bits = 1; bits < next.size(); ++bits) {
    code = (code + count[bits - 1]) << 1;
    next[bits] = code;
  }
  std::vector<std::uint32_t> codes(lengths.size(), 0);
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    const int length = lengths[i];
    if (length == 0) {
      continue;
    }
    const std::uint32_t value = next[static_cast<std::size_t>(length)]++;
    std::uint32_t reversed = 0;
    for (int bit = 0; bit < length; ++bit) {
      reversed |= ((value >> bit) & 1U) << (length - 1 - bit);
    }
    codes[i] = reversed;
  }
  return codes;
}

class BitWriter {
 public:
  // Appends to `out`, which is grown by `room` bytes first: the caller's
  // bound on what it will put (then no capacity check per byte).
  BitWriter(std::string& out, std::size_t room) : m_out(out), m_at(out.size()) {
    m_out.resize(m_at + room + 8);
    m_base = m_out.data();  // kept apart from the string: a char store may alias it
  }
  // The low `count` bits of `bits` (count <= 32).
  void put(std::uint32_t bits, int count) {
    m_bits |= std::uint64_t{bits} << m_count;
    m_count += count;
    if (m_count >= 32) {
      char* at = m_base + m_at;
      at[0] = static_cast<char>(m_bits & 0xff);
      at[1] = static_cast<char>((m_bits >> 8) & 0xff);
      at[2] = static_cast<char>((m_bits >> 16) & 0xff);
      at[3] = static_cast<char>((m_bits >> 24) & 0xff);
      m_at += 4;
      m_bits >>= 32;
      m_count -= 32;
    }
  }
  // Writes the last bits and trims `out` to what was written.
  void flush() {
    for (; m_count > 0; m_count -= 8) {
      m_out[m_at++] = static_cast<char>(m_bits & 0xff);
      m_bits >>= 8;
    }
    m_count = 0;
    m_out.resize(m_at);
  }

 private:
  std::string& m_out;
  char* m_base = nullptr;
  std::size_t m_at;
  std::uint64_t m_bits = 0;
  int m_count = 0;
};

void put_be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

}  // namespace

std::string zlib_runs(const unsigned char* data, std::size_t size) {
  const auto& length_code = length_codes();
  // Tokens: a literal byte (< 256), or 256 + length - 3 for a match at
  // distance one; at most one per byte, and one more for an empty input.
  const auto tokens = std::make_unique_for_overwrite<std::uint16_t[]>(size + 1);
  std::size_t token_count = 0;
  std::vector<std::uint32_t> literal_freq(k_literal_codes, 0);
  // Adler-32 in closed form per run: n bytes c after (a, b) give a + n c
  // and b + n a + c n (n + 1) / 2 (reduced every 64 KiB).
  std::uint64_t a = 1;
  std::uint64_t b = 0;
  std::size_t unreduced = 0;
  // The run of data[from] from `from` to `to` (excluded).
  auto take_run = [&](std::size_t from, std::size_t to) {
    const unsigned char c = data[from];
    const std::uint64_t n = to - from;
    b += n * a + c * (n * (n + 1) / 2);
    a += n * c;
    unreduced += n;
    if (unreduced >= 65536) {
      a %= k_adler_base;
      b %= k_adler_base;
      unreduced = 0;
    }
    tokens[token_count++] = c;
    ++literal_freq[c];
    std::size_t rest = n - 1;
    for (; rest >= 3; rest -= std::min<std::size_t>(rest, k_max_match)) {
      const std::size_t length = std::min<std::size_t>(rest, k_max_match);
      tokens[token_count++] = static_cast<std::uint16_t>(256 + length - 3);
      ++literal_freq[257 + std::size_t{length_code[length]}];
    }
    for (; rest > 0; --rest) {
      tokens[token_count++] = c;
      ++literal_freq[c];
    }
  };
  // Runs end where a byte differs from the one before it: found 16 bytes
  // at a time (one comparison and a bit mask), then bit by bit.
  std::size_t run_start = 0;
  std::size_t at_byte = 1;
#if defined(__SSE2__)
  // Where each byte differs from the one before it, 16 bytes at a time.
  const auto same_as_before = [data](std::size_t at) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at - 1));
    return _mm_cmpeq_epi8(here, before);
  };
  for (; at_byte + 64 <= size; at_byte += 64) {
    // Most of a cover is long runs: 64 bytes without a run start are
    // passed over with one test.
    const __m128i a0 = same_as_before(at_byte);
    const __m128i a1 = same_as_before(at_byte + 16);
    const __m128i a2 = same_as_before(at_byte + 32);
    const __m128i a3 = same_as_before(at_byte + 48);
    const __m128i all = _mm_and_si128(_mm_and_si128(a0, a1), _mm_and_si128(a2, a3));
    if (_mm_movemask_epi8(all) == 0xffff) {
      continue;
    }
    std::uint64_t starts = static_cast<std::uint64_t>(static_cast<std::uint16_t>(~_mm_movemask_epi8(a0))) |
                           static_cast<std::uint64_t>(static_cast<std::uint16_t>(~_mm_movemask_epi8(a1))) << 16 |
                           static_cast<std::uint64_t>(static_cast<std::uint16_t>(~_mm_movemask_epi8(a2))) << 32 |
                           static_cast<std::uint64_t>(static_cast<std::uint16_t>(~_mm_movemask_epi8(a3))) << 48;
    while (starts != 0) {
      const std::size_t at = at_byte + static_cast<std::size_t>(std::countr_zero(starts));
      take_run(run_start, at);
      run_start = at;
      starts &= starts - 1;
    }
  }
  for (; at_byte + 16 <= size; at_byte += 16) {
    auto starts = static_cast<unsigned>(~_mm_movemask_epi8(same_as_before(at_byte)) & 0xffff);
    while (starts != 0) {
      const std::size_t at = at_byte + static_cast<std::size_t>(std::countr_zero(starts));
      take_run(run_start, at);
      run_start = at;
      starts &= starts - 1;
    }
  }
#endif
  for (; at_byte < size; ++at_byte) {
    if (data[at_byte] != data[at_byte - 1]) {
      take_run(run_start, at_byte);
      run_start = at_byte;
    }
  }
  if (size > 0) {
    take_run(run_start, size);
  }
  a %= k_adler_base;
  b %= k_adler_base;
  literal_freq[k_end_of_block] = 1;

  const std::vector<int> literal_lengths = code_lengths(literal_freq, 15);
  const std::vector<std::uint32_t> literal_codes = canonical_codes(literal_lengths);
  // Two distance codes of one bit (only distance 1, code 0, is used): a
  // complete code every inflater accepts.
  const std::vector<int> distance_lengths = {1, 1};

  // The code lengths of both codes, run-length coded with symbols 16-18.
  std::size_t literal_count = k_literal_codes;
  while (literal_count > 257 && literal_lengths[literal_count - 1] == 0) {
    --literal_count;
  }
  std::vector<int> all(literal_lengths.begin(), literal_lengths.begin() + static_cast<std::ptrdiff_t>(literal_count));
  all.insert(all.end(), distance_lengths.begin(), distance_lengths.end());
  std::vector<std::pair<int, int>> symbols;  // (symbol, extra bits value)
  for (std::size_t i = 0; i < all.size();) {
    const int length = all[i];
    std::size_t run = 1;
    while (i + run < all.size() && all[i + run] == length) {
      ++run;
    }
    i += run;
    if (length == 0) {
      for (; run >= 11; run -= std::min<std::size_t>(run, 138)) {
        symbols.emplace_back(18, static_cast<int>(std::min<std::size_t>(run, 138) - 11));
      }
      if (run >= 3) {
        symbols.emplace_back(17, static_cast<int>(run - 3));
        run = 0;
      }
    } else {
      symbols.emplace_back(length, 0);
      --run;
      for (; run >= 3; run -= std::min<std::size_t>(run, 6)) {
        symbols.emplace_back(16, static_cast<int>(std::min<std::size_t>(run, 6) - 3));
      }
    }
    for (; run > 0; --run) {
      symbols.emplace_back(length, 0);
    }
  }
  std::vector<std::uint32_t> header_freq(19, 0);
  for (const auto& symbol : symbols) {
    ++header_freq[static_cast<std::size_t>(symbol.first)];
  }
  const std::vector<int> header_lengths = code_lengths(header_freq, 7);
  const std::vector<std::uint32_t> header_codes = canonical_codes(header_lengths);
  std::size_t header_count = 19;
  while (header_count > 4 && header_lengths[static_cast<std::size_t>(k_code_length_order[header_count - 1])] == 0) {
    --header_count;
  }

  std::string out;
  out.push_back(0x78);  // deflate, 32 KiB window
  out.push_back(0x01);  // no dictionary, "fastest" (the check bits make 0x7801 a multiple of 31)
  // At most: the block header (3 + 14 bits), 19 code-length codes of 3 bits,
  // each code length in 7 + 7 bits, each token in 15 + 5 + 1 bits, the end
  // of block in 15.
  BitWriter bits(out, (17 + 19 * 3 + symbols.size() * 14 + token_count * 21 + 15) / 8 + 8);
  bits.put(1, 1);  // the final block
  bits.put(2, 2);  // dynamic Huffman codes
  bits.put(static_cast<std::uint32_t>(literal_count - 257), 5);
  bits.put(static_cast<std::uint32_t>(distance_lengths.size() - 1), 5);
  bits.put(static_cast<std::uint32_t>(header_count - 4), 4);
  for (std::size_t i = 0; i < header_count; ++i) {
    bits.put(static_cast<std::uint32_t>(header_lengths[static_cast<std::size_t>(k_code_length_order[i])]), 3);
  }
  for (const auto& [symbol, extra] : symbols) {
    const auto s = static_cast<std::size_t>(symbol);
    bits.put(header_codes[s], header_lengths[s]);
    if (symbol >= 16) {
      bits.put(static_cast<std::uint32_t>(extra), symbol == 16 ? 2 : symbol == 17 ? 3 : 7);
    }
  }
  // Each token's bits in one piece, looked up in a table of the block's
  // own: a literal's code, or a length's code, its extra bits and the
  // distance code 0 (distance 1), at most 15 + 5 + 1 bits.
  struct Bits {
    std::uint32_t value;
    int count;
  };
  std::array<Bits, 256 + k_max_match - 2> token_bits{};
  for (std::size_t token = 0; token < token_bits.size(); ++token) {
    if (token < 256) {
      token_bits[token] = {literal_codes[token], literal_lengths[token]};
      continue;
    }
    const std::size_t length = token - 256U + 3U;
    const std::size_t code = length_code[length];
    Bits piece{literal_codes[257 + code], literal_lengths[257 + code]};
    piece.value |= static_cast<std::uint32_t>(length - static_cast<std::size_t>(k_length_base[code])) << piece.count;
    piece.count += k_length_extra[code];
    piece.count += 1;  // the distance code 0, a zero bit
    token_bits[token] = piece;
  }
  for (std::size_t t = 0; t < token_count; ++t) {
    const Bits& piece = token_bits[tokens[t]];
    bits.put(piece.value, piece.count);
  }
  bits.put(literal_codes[k_end_of_block], literal_lengths[k_end_of_block]);
  bits.flush();
  put_be32(out, static_cast<std::uint32_t>((b << 16) | a));
  return out;
}

std::string palette_png(int width, int height, const std::vector<std::uint32_t>& palette, const unsigned char* rows) {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  auto chunk = [&png](const char* type, const std::string& data) {
    put_be32(png, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = png.size();
    png.append(type, 4);
    png.append(data);
    put_be32(png, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(png.data() + start),
                                                   static_cast<uInt>(data.size() + 4))));
  };
  std::string header;
  put_be32(header, static_cast<std::uint32_t>(width));
  put_be32(header, static_cast<std::uint32_t>(height));
  header.append({8, 3, 0, 0, 0});  // 8 bits per index, indexed colour, deflate, adaptive filters, no interlace
  chunk("IHDR", header);
  std::string colors;
  for (const std::uint32_t rgb : palette) {
    colors.push_back(static_cast<char>((rgb >> 16) & 0xff));
    colors.push_back(static_cast<char>((rgb >> 8) & 0xff));
    colors.push_back(static_cast<char>(rgb & 0xff));
  }
  chunk("PLTE", colors);
  chunk("IDAT", zlib_runs(rows, static_cast<std::size_t>(height) * (static_cast<std::size_t>(width) + 1)));
  chunk("IEND", std::string());
  return png;
}

}  // namespace vetrina
