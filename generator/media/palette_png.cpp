#include "generator/media/palette_png.h"

#include <zlib.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <functional>
#include <memory>
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
// The symbols sorted by count (then by symbol) are merged with two queues
// (leaves, then the nodes made, each in increasing weight); when the tree
// is deeper than max_bits, the count of codes per length is brought within
// max_bits as miniz and zlib do (the deepest codes moved up, one shorter
// code split for each). The lightest symbols take the longest codes.
// Deterministic: a function of `freq` only.
std::vector<int> code_lengths(std::vector<std::uint32_t> freq, int max_bits) {
  auto used = std::count_if(freq.begin(), freq.end(), [](std::uint32_t f) { return f > 0; });
  for (std::size_t i = 0; i < freq.size() && used < 2; ++i) {
    if (freq[i] == 0) {
      freq[i] = 1;
      ++used;
    }
  }
  std::vector<std::pair<std::uint64_t, std::size_t>> leaves;  // (weight, symbol), lightest first
  for (std::size_t i = 0; i < freq.size(); ++i) {
    if (freq[i] > 0) {
      leaves.emplace_back(freq[i], i);
    }
  }
  std::sort(leaves.begin(), leaves.end());
  const std::size_t n = leaves.size();
  // Nodes 0..n-1 are the leaves, n.. the merged nodes in the order made.
  std::vector<std::uint64_t> weight(2 * n - 1);
  std::vector<std::size_t> parent(2 * n - 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    weight[i] = leaves[i].first;
  }
  std::size_t next_leaf = 0;
  std::size_t next_node = n;
  auto lightest = [&](std::size_t made) {
    if (next_leaf < n && (next_node >= made || weight[next_leaf] <= weight[next_node])) {
      return next_leaf++;
    }
    return next_node++;
  };
  for (std::size_t made = n; made < 2 * n - 1; ++made) {
    const std::size_t a = lightest(made);
    const std::size_t b = lightest(made);
    weight[made] = weight[a] + weight[b];
    parent[a] = made;
    parent[b] = made;
  }
  // Depths from the root (the last node made) down: a parent is made after its children.
  std::vector<int> depth(2 * n - 1, 0);
  for (std::size_t node = 2 * n - 1; node-- > 0;) {
    depth[node] = node == 2 * n - 2 ? 0 : depth[parent[node]] + 1;
  }
  std::vector<std::uint32_t> per_length(64, 0);
  for (std::size_t i = 0; i < n; ++i) {
    ++per_length[static_cast<std::size_t>(depth[i])];
  }
  const auto max = static_cast<std::size_t>(max_bits);
  for (std::size_t length = max + 1; length < per_length.size(); ++length) {
    per_length[max] += per_length[length];
    per_length[length] = 0;
  }
  std::uint64_t kraft = 0;  // in units of 2^-max_bits
  for (std::size_t length = 1; length <= max; ++length) {
    kraft += std::uint64_t{per_length[length]} << (max - length);
  }
  for (; kraft > (std::uint64_t{1} << max); --kraft) {
    --per_length[max];
    for (std::size_t length = max - 1; length > 0; --length) {
      if (per_length[length] > 0) {
        --per_length[length];
        per_length[length + 1] += 2;
        break;
      }
    }
  }
  std::vector<int> lengths(freq.size(), 0);
  std::size_t leaf = 0;
  for (std::size_t length = max; length > 0; --length) {
    for (std::uint32_t k = 0; k < per_length[length]; ++k) {
      lengths[leaves[leaf++].second] = static_cast<int>(length);
    }
  }
  return lengths;
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
  // The low `count` bits of `bits` (count <= 56). Without a branch: the
  // pending bits (fewer than 8) and the new ones are stored as one 8-byte
  // word, then the whole bytes among them are passed (a branch on "32 bits
  // pending" was mispredicted on most of a cover's tokens).
  void put(std::uint64_t bits, int count) {
    m_bits |= bits << m_count;
    m_count += count;
    std::array<char, 8> word{};
    for (std::size_t i = 0; i < word.size(); ++i) {
      word[i] = static_cast<char>((m_bits >> (8 * i)) & 0xff);
    }
    std::memcpy(m_base + m_at, word.data(), word.size());
    const int whole = m_count >> 3;
    m_at += static_cast<std::size_t>(whole);
    m_bits >>= 8 * whole;  // whole <= 7: 7 pending + 56 new bits
    m_count &= 7;
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

// Deflate tokens, matches at distance one only: a literal byte (< 256), or
// 256 + length - 3 for a match; with the literal/length codes' counts.
// The buffer is the thread's own, kept from one stream to the next (a
// cover's 1.5 MB, taken afresh, would cost its page faults every time):
// one RunTokens per thread at a time.
struct RunTokens {
  explicit RunTokens(std::size_t capacity) : freq(k_literal_codes, 0) {
    thread_local std::unique_ptr<std::uint16_t[]> buffer;
    thread_local std::size_t buffer_size = 0;
    if (buffer_size < capacity) {
      buffer.reset();
      buffer_size = 0;
      buffer = std::make_unique_for_overwrite<std::uint16_t[]>(capacity);
      buffer_size = capacity;
    }
    tokens = buffer.get();
  }
  std::uint16_t* tokens;
  std::size_t count = 0;
  std::vector<std::uint32_t> freq;
};

// Adler-32 as its two sums, kept unreduced up to 64 KiB of input.
struct Adler {
  std::uint64_t a = 1;
  std::uint64_t b = 0;
  std::size_t unreduced = 0;

  void reduce() {
    a %= k_adler_base;
    b %= k_adler_base;
    unreduced = 0;
  }
  // n bytes c, in closed form: a + n c and b + n a + c n (n + 1) / 2, in
  // pieces of at most 64 KiB (a longer run would overflow the sums).
  void run(unsigned char c, std::uint64_t n) {
    for (; n > 65536; n -= 65536) {
      piece(c, 65536);
    }
    piece(c, n);
  }
  void piece(unsigned char c, std::uint64_t n) {
    b += n * a + c * (n * (n + 1) / 2);
    a += n * c;
    unreduced += n;
    if (unreduced >= 65536) {
      reduce();
    }
  }
  std::uint32_t value() {
    reduce();
    return static_cast<std::uint32_t>((b << 16) | a);
  }
};

// The tokens of `size` bytes from `data` (runs: a literal, then matches at
// distance one), into `out`, and their checksum.
void tokenize(const unsigned char* data, std::size_t size, RunTokens& out, Adler& adler) {
  if (size == 0) {
    return;
  }
  const auto& length_code = length_codes();
  std::uint16_t* tokens = out.tokens;
  std::size_t token_count = 0;
  std::uint32_t* literal_freq = out.freq.data();
  // The run of data[from] from `from` to `to` (excluded).
  auto take_run = [&](std::size_t from, std::size_t to) {
    const unsigned char c = data[from];
    const std::uint64_t n = to - from;
    adler.run(c, n);
    // Most runs in a cover's text are one to three bytes: literals only,
    // written three at a time without a branch on the count (RunTokens
    // keeps two spare tokens past the end for this).
    tokens[token_count] = c;
    tokens[token_count + 1] = c;
    tokens[token_count + 2] = c;
    if (n <= 3) {
      token_count += n;
      literal_freq[c] += static_cast<std::uint32_t>(n);
      return;
    }
    ++token_count;
    ++literal_freq[c];
    std::size_t rest = n - 1;
    for (; rest >= 3; rest -= std::min<std::size_t>(rest, k_max_match)) {
      const std::size_t length = std::min<std::size_t>(rest, k_max_match);
      tokens[token_count++] = static_cast<std::uint16_t>(256 + length - 3);
      ++literal_freq[257 + std::size_t{length_code[length]}];
    }
    // Zero to two literals after the matches.
    tokens[token_count] = c;
    tokens[token_count + 1] = c;
    token_count += rest;
    literal_freq[c] += static_cast<std::uint32_t>(rest);
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
  take_run(run_start, size);
  out.count = token_count;
}

// One dynamic-Huffman block's codes (RFC 1951, 3.2.7), made from the counts
// of the tokens it will hold: its header and each token's bits.
class HuffmanBlock {
 public:
  explicit HuffmanBlock(std::vector<std::uint32_t> literal_freq) {
    literal_freq[k_end_of_block] = 1;
    m_literal_lengths = code_lengths(std::move(literal_freq), 15);
    m_literal_codes = canonical_codes(m_literal_lengths);
    // The code lengths of both codes, run-length coded with symbols 16-18.
    m_literal_count = k_literal_codes;
    while (m_literal_count > 257 && m_literal_lengths[m_literal_count - 1] == 0) {
      --m_literal_count;
    }
    std::vector<int> all(m_literal_lengths.begin(),
                         m_literal_lengths.begin() + static_cast<std::ptrdiff_t>(m_literal_count));
    all.insert(all.end(), k_distance_lengths.begin(), k_distance_lengths.end());
    for (std::size_t i = 0; i < all.size();) {
      const int length = all[i];
      std::size_t run = 1;
      while (i + run < all.size() && all[i + run] == length) {
        ++run;
      }
      i += run;
      if (length == 0) {
        for (; run >= 11; run -= std::min<std::size_t>(run, 138)) {
          m_symbols.emplace_back(18, static_cast<int>(std::min<std::size_t>(run, 138) - 11));
        }
        if (run >= 3) {
          m_symbols.emplace_back(17, static_cast<int>(run - 3));
          run = 0;
        }
      } else {
        m_symbols.emplace_back(length, 0);
        --run;
        for (; run >= 3; run -= std::min<std::size_t>(run, 6)) {
          m_symbols.emplace_back(16, static_cast<int>(std::min<std::size_t>(run, 6) - 3));
        }
      }
      for (; run > 0; --run) {
        m_symbols.emplace_back(length, 0);
      }
    }
    std::vector<std::uint32_t> header_freq(19, 0);
    for (const auto& symbol : m_symbols) {
      ++header_freq[static_cast<std::size_t>(symbol.first)];
    }
    m_header_lengths = code_lengths(header_freq, 7);
    m_header_codes = canonical_codes(m_header_lengths);
    m_header_count = 19;
    while (m_header_count > 4 &&
           m_header_lengths[static_cast<std::size_t>(k_code_length_order[m_header_count - 1])] == 0) {
      --m_header_count;
    }
    // Each token's bits in one piece, looked up in a table of the block's
    // own: a literal's code, or a length's code, its extra bits and the
    // distance code 0 (distance 1), at most 15 + 5 + 1 bits.
    const auto& length_code = length_codes();
    for (std::size_t token = 0; token < m_token_bits.size(); ++token) {
      if (token < 256) {
        m_token_bits[token] = {m_literal_codes[token], m_literal_lengths[token]};
        continue;
      }
      const std::size_t length = token - 256U + 3U;
      const std::size_t code = length_code[length];
      Bits piece{m_literal_codes[257 + code], m_literal_lengths[257 + code]};
      piece.value |= static_cast<std::uint32_t>(length - static_cast<std::size_t>(k_length_base[code])) << piece.count;
      piece.count += k_length_extra[code];
      piece.count += 1;  // the distance code 0, a zero bit
      m_token_bits[token] = piece;
    }
  }

  // At most how many bits the block's header and end take.
  std::size_t overhead_bits() const { return 3 + 14 + 19 * 3 + m_symbols.size() * 14 + 15; }
  // At most how many bits a token takes.
  static constexpr std::size_t k_token_bits = 21;

  // The header of the stream's one (final) block.
  void put_header(BitWriter& bits) const {
    bits.put(1, 1);  // the final block
    bits.put(2, 2);  // dynamic Huffman codes
    bits.put(static_cast<std::uint32_t>(m_literal_count - 257), 5);
    bits.put(static_cast<std::uint32_t>(k_distance_lengths.size() - 1), 5);
    bits.put(static_cast<std::uint32_t>(m_header_count - 4), 4);
    for (std::size_t i = 0; i < m_header_count; ++i) {
      bits.put(static_cast<std::uint32_t>(m_header_lengths[static_cast<std::size_t>(k_code_length_order[i])]), 3);
    }
    for (const auto& [symbol, extra] : m_symbols) {
      const auto s = static_cast<std::size_t>(symbol);
      bits.put(m_header_codes[s], m_header_lengths[s]);
      if (symbol >= 16) {
        bits.put(static_cast<std::uint32_t>(extra), symbol == 16 ? 2 : symbol == 17 ? 3 : 7);
      }
    }
  }
  // Two tokens at a time (at most 42 bits): the bit writer's steps depend
  // on each other, the joining of two tokens does not, so pairs halve the
  // chain a stream's tokens wait on.
  void put_tokens(BitWriter& bits, const std::uint16_t* tokens, std::size_t count) const {
    std::size_t t = 0;
    for (; t + 2 <= count; t += 2) {
      const Bits& first = m_token_bits[tokens[t]];
      const Bits& second = m_token_bits[tokens[t + 1]];
      bits.put(std::uint64_t{first.value} | std::uint64_t{second.value} << first.count, first.count + second.count);
    }
    if (t < count) {
      const Bits& piece = m_token_bits[tokens[t]];
      bits.put(piece.value, piece.count);
    }
  }
  void put_end(BitWriter& bits) const { bits.put(m_literal_codes[k_end_of_block], m_literal_lengths[k_end_of_block]); }

 private:
  // Two distance codes of one bit (only distance 1, code 0, is used): a
  // complete code every inflater accepts.
  static constexpr std::array<int, 2> k_distance_lengths = {1, 1};
  struct Bits {
    std::uint32_t value;
    int count;
  };

  std::vector<int> m_literal_lengths;
  std::vector<std::uint32_t> m_literal_codes;
  std::size_t m_literal_count = 0;
  std::vector<std::pair<int, int>> m_symbols;  // the code lengths: (symbol, extra bits value)
  std::vector<int> m_header_lengths;
  std::vector<std::uint32_t> m_header_codes;
  std::size_t m_header_count = 0;
  std::array<Bits, 256 + k_max_match - 2> m_token_bits{};
};

}  // namespace

std::string zlib_runs(const unsigned char* data, std::size_t size) {
  RunTokens tokens(size + 3);  // at most one token per byte, and two spare (tokenize)
  Adler adler;
  tokenize(data, size, tokens, adler);
  const HuffmanBlock code(tokens.freq);
  std::string out;
  out.push_back(0x78);  // deflate, 32 KiB window
  out.push_back(0x01);  // no dictionary, "fastest" (the check bits make 0x7801 a multiple of 31)
  BitWriter bits(out, (code.overhead_bits() + tokens.count * HuffmanBlock::k_token_bits) / 8 + 8);
  code.put_header(bits);
  code.put_tokens(bits, tokens.tokens, tokens.count);
  code.put_end(bits);
  bits.flush();
  put_be32(out, adler.value());
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
