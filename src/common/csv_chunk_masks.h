#pragma once
// Classifies 64 bytes of CSV text at a time into bit masks of newlines, commas and quotes (SSE2
// compares where available): the shared first step of CsvLineScanner (routing) and
// CsvRowScanner (the analyzers' partition reader), which then find lines and fields with a few
// bit operations per 64 bytes instead of one branch per byte.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Functions that count the bits of these masks are compiled twice and the CPU picks at load time
// (MDP_POPCNT_CLONES before their definition): baseline x86-64 has no popcnt instruction, and the
// library call that replaces it was 2% of extraction time. Not under TSan (MDP_NO_TARGET_CLONES,
// cmake/Sanitizers.cmake): the ifunc resolver runs before TSan's runtime and crashes.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(MDP_NO_TARGET_CLONES)
#define MDP_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define MDP_POPCNT_CLONES
#endif

namespace mdp {

inline constexpr size_t kCsvChunk = 64;

struct CsvChunkMasks {
    uint64_t newline = 0;
    uint64_t comma = 0;
    uint64_t quote = 0;
};

namespace csv_chunk_detail {
#if defined(__SSE2__)
inline uint64_t matches(const __m128i (&v)[4], char c) {
    const __m128i needle = _mm_set1_epi8(c);
    uint64_t bits = 0;
    for (int i = 0; i < 4; ++i) {
        const auto lanes = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v[i], needle)));
        bits |= uint64_t{lanes} << (16 * i);
    }
    return bits;
}
#endif
}  // namespace csv_chunk_detail

// The masks of the 64 bytes at `p`; when fewer than 64 bytes are `available` (the data's last,
// partial chunk) the missing ones match nothing. Bit i stands for byte p[i].
inline CsvChunkMasks classify_csv_chunk(const char* p, size_t available) {
    char padded[kCsvChunk];
    if (available < kCsvChunk) {
        std::memset(padded, 0, kCsvChunk);
        std::memcpy(padded, p, available);
        p = padded;
    }
    CsvChunkMasks m;
#if defined(__SSE2__)
    __m128i v[4];
    for (int i = 0; i < 4; ++i)
        v[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
    m.newline = csv_chunk_detail::matches(v, '\n');
    m.comma = csv_chunk_detail::matches(v, ',');
    m.quote = csv_chunk_detail::matches(v, '"');
#else
    for (size_t i = 0; i < kCsvChunk; ++i) {
        m.newline |= uint64_t{p[i] == '\n'} << i;
        m.comma |= uint64_t{p[i] == ','} << i;
        m.quote |= uint64_t{p[i] == '"'} << i;
    }
#endif
    return m;
}

// The masks of one chunk of `data` at a time, the last one asked for kept: a line scanner asks
// for the chunk a line starts in, which is usually the one the previous line ended in.
class CsvChunkCache {
  public:
    explicit CsvChunkCache(std::string_view data) : data_(data) {}

    const CsvChunkMasks& of(size_t chunk) {
        if (chunk == chunk_) return masks_;
        chunk_ = chunk;
        const size_t begin = chunk * kCsvChunk;
        masks_ = classify_csv_chunk(data_.data() + begin, data_.size() - begin);
        return masks_;
    }

  private:
    std::string_view data_;
    size_t chunk_ = SIZE_MAX;
    CsvChunkMasks masks_;
};

}  // namespace mdp
