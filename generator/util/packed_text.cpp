#include "generator/util/packed_text.h"

#include <zstd.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace vetrina::util {

namespace {

// Texts above this are refused by the content limits long before.
constexpr std::size_t k_max_text = std::numeric_limits<std::uint32_t>::max() / 2;
// A zstd block of one repeated byte (4 bytes) stands for up to 128 KiB: a
// claimed size beyond that ratio is refused before anything is allocated
// (a damaged cache file or index entry must not ask for 2 GiB). Divided,
// not multiplied: no overflow where size_t is 32 bits.
constexpr std::size_t k_max_ratio = 32768;
// zstd's level 1: on story bodies 4.5x faster to pack than zlib's level 1
// and 3.8x faster to unpack, and a little smaller (docs/performance.md).
constexpr int k_level = 1;
// Frames of our own never need a window over 2^19 bytes (level 1); the
// decoder refuses larger ones, so outside bytes cannot make it allocate more.
constexpr int k_window_log_max = 20;

struct CompressContextFree {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};
struct DecompressContextFree {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};
using CompressContext = std::unique_ptr<ZSTD_CCtx, CompressContextFree>;
using DecompressContext = std::unique_ptr<ZSTD_DCtx, DecompressContextFree>;

// A decompression context with our window limit.
DecompressContext new_decompress_context() {
  DecompressContext context(ZSTD_createDCtx());
  if (!context || ZSTD_isError(ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, k_window_log_max)) != 0U) {
    throw std::bad_alloc();
  }
  return context;
}

// Contexts are reused by each thread (creating one costs more than packing
// a card): one for packing, and a few for unpacking, since several
// Unpackers may be alive at once.
ZSTD_CCtx* compress_context() {
  thread_local CompressContext context;
  if (!context) {
    context.reset(ZSTD_createCCtx());
    // With a checksum, as zlib's Adler-32 was: a damaged cache file or
    // index entry is refused, not read as another text of the same size.
    if (!context || ZSTD_isError(ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, k_level)) != 0U ||
        ZSTD_isError(ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1)) != 0U) {
      throw std::bad_alloc();
    }
  }
  return context.get();
}

std::vector<DecompressContext>& spare_decompress_contexts() {
  thread_local std::vector<DecompressContext> spare;
  return spare;
}

DecompressContext take_decompress_context() {
  auto& spare = spare_decompress_contexts();
  if (spare.empty()) {
    return new_decompress_context();
  }
  DecompressContext context = std::move(spare.back());
  spare.pop_back();
  return context;
}

// Called from ~Unpacker: never throws (a context that cannot be kept is freed).
void give_back(DecompressContext context) noexcept {
  auto& spare = spare_decompress_contexts();
  if (context && spare.size() < 4 && ZSTD_isError(ZSTD_DCtx_reset(context.get(), ZSTD_reset_session_only)) == 0U) {
    try {
      spare.push_back(std::move(context));
    } catch (const std::bad_alloc&) {  // NOLINT(bugprone-empty-catch): the context is freed with `context`
    }
  }
}

// Whether `packed` can be one whole frame of ours that unpacks to exactly
// `size` bytes: a current zstd frame (not a skippable one, nor one of the
// legacy formats zstd still reads, whose decoder ignores the window limit),
// with its checksum, claiming that size, and nothing after it. Unpacking
// then checks the rest.
bool plausible(std::string_view packed, std::size_t size) {
  constexpr std::string_view k_magic = "\x28\xb5\x2f\xfd";  // 0xFD2FB528, little-endian
  constexpr std::size_t k_descriptor = 4;                   // Frame_Header_Descriptor
  constexpr unsigned char k_checksum_flag = 0x04;
  if (size > k_max_text || packed.size() > k_max_text || size / k_max_ratio > packed.size() ||
      packed.size() <= k_descriptor || packed.substr(0, k_magic.size()) != k_magic ||
      (static_cast<unsigned char>(packed[k_descriptor]) & k_checksum_flag) == 0) {
    return false;
  }
  return ZSTD_getFrameContentSize(packed.data(), packed.size()) == size &&
         ZSTD_findFrameCompressedSize(packed.data(), packed.size()) == packed.size();
}

bool unpack_into(std::string_view packed, std::string& out) {
  DecompressContext context = take_decompress_context();
  const std::size_t result = ZSTD_decompressDCtx(context.get(), out.data(), out.size(), packed.data(), packed.size());
  give_back(std::move(context));
  return ZSTD_isError(result) == 0U && result == out.size();
}

}  // namespace

PackedText::PackedText(std::string_view text) : m_size(text.size()) {
  if (text.empty()) {
    return;
  }
  if (text.size() > k_max_text) {
    throw std::length_error("text too long to pack");
  }
  m_packed.resize(ZSTD_compressBound(text.size()));
  const std::size_t size =
      ZSTD_compress2(compress_context(), m_packed.data(), m_packed.size(), text.data(), text.size());
  if (ZSTD_isError(size) != 0U) {
    throw std::runtime_error("zstd could not pack a text");
  }
  m_packed.resize(size);
  m_packed.shrink_to_fit();
}

std::string PackedText::str() const {
  std::string text(m_size, '\0');
  if (m_size != 0 && !unpack_into(m_packed, text)) {
    throw std::logic_error("packed text does not unpack");  // only from_packed() takes outside bytes, and checks them
  }
  return text;
}

Unpacker::Unpacker(std::string_view packed, std::size_t size) : m_packed(packed), m_size(size) {
  if (size == 0) {
    m_failed = !packed.empty();
  } else if (!plausible(packed, size)) {
    m_failed = true;
  }
}

Unpacker::~Unpacker() {
  if (m_stream != nullptr) {
    give_back(DecompressContext(static_cast<ZSTD_DCtx*>(m_stream)));
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
  if (m_stream == nullptr) {
    m_stream = take_decompress_context().release();
  }
  auto* stream = static_cast<ZSTD_DCtx*>(m_stream);
  const std::size_t done = m_text.size();
  m_text.resize(limit);
  ZSTD_outBuffer output{m_text.data(), limit, done};
  ZSTD_inBuffer input{m_packed.data(), m_packed.size(), m_read};
  const bool last = limit == m_size;
  std::size_t result = 1;
  // Until the output is full (or, for the whole text, until the frame ends);
  // a call that makes no progress means the bytes are truncated.
  while (output.pos < output.size || (last && result != 0)) {
    const std::size_t before_in = input.pos;
    const std::size_t before_out = output.pos;
    result = ZSTD_decompressStream(stream, &output, &input);
    if (ZSTD_isError(result) != 0U || (input.pos == before_in && output.pos == before_out)) {
      break;
    }
  }
  m_read = input.pos;
  const bool complete =
      ZSTD_isError(result) == 0U && output.pos == limit && (!last || (result == 0 && input.pos == input.size));
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
  if (!plausible(packed, size)) {
    return false;
  }
  std::string check(size, '\0');
  if (!unpack_into(packed, check)) {
    return false;
  }
  m_packed = std::move(packed);
  m_size = size;
  return true;
}

}  // namespace vetrina::util
