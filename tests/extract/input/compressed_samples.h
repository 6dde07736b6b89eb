#pragma once
// Test helpers for the input layer: CSV-like sample text, gzip members and zstd frames made
// with the libraries directly (no CLI), and reading a source to its end.

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "extract/input/byte_source.h"
#include "extract/input/corrupt_stream_error.h"
#include "extract/input/raw_file.h"

namespace mdp::testing {

// Orders-like rows with varying lengths, deterministic.
inline std::string sample_csv(size_t approx_bytes) {
    std::string text = "timestamp,security_code,price,volume,side\n";
    uint64_t x = 88172645463325252ULL;
    for (uint64_t row = 0; text.size() < approx_bytes; ++row) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        text += std::to_string(1'600'000'000'000'000'000ULL + row * 1000 + x % 1000) + "," +
                std::to_string(x % 500) + "," + std::to_string(x % 100000) + "." +
                std::to_string(x % 97) + "," + std::to_string(x % 7919) + "," +
                ((x & 1) != 0 ? "B" : "S") + "\n";
    }
    return text;
}

inline std::string gzip_member(std::string_view text, int level = 6) {
    z_stream z{};
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2");
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&z, Z_FINISH);
    deflateEnd(&z);
    if (status != Z_STREAM_END) throw std::runtime_error("deflate");
    out.resize(z.total_out);
    return out;
}

inline std::string zstd_frame(std::string_view text, int level = 3) {
    std::string out(ZSTD_compressBound(text.size()), '\0');
    const size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), level);
    if (ZSTD_isError(n)) throw std::runtime_error("ZSTD_compress");
    out.resize(n);
    return out;
}

// A skippable frame: little-endian magic 0x184D2A50 + variant, payload size, payload.
inline std::string zstd_skippable_frame(std::string_view payload, uint32_t variant) {
    std::string out;
    auto put32 = [&](uint32_t v) {
        for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    put32(0x184D2A50U + variant);
    put32(static_cast<uint32_t>(payload.size()));
    out += payload;
    return out;
}

inline std::string read_to_end(extract::ByteSource& source, size_t chunk = 65536) {
    std::string out;
    std::string buffer(chunk, '\0');
    while (const size_t n = source.read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
    return out;
}

// `path` decoded by the given source, whatever its content.
template <class Source>
std::unique_ptr<extract::ByteSource> open_as(const std::filesystem::path& path) {
    return std::make_unique<Source>(std::make_unique<extract::RawFile>(path));
}

// Reads until a CorruptStreamError: the bytes delivered before it and its message ("" if none).
inline std::pair<std::string, std::string> read_until_error(extract::ByteSource& source,
                                                            size_t chunk = 65536) {
    std::string delivered;
    std::string buffer(chunk, '\0');
    try {
        while (const size_t n = source.read(buffer.data(), buffer.size()))
            delivered.append(buffer.data(), n);
    } catch (const extract::CorruptStreamError& e) {
        EXPECT_EQ(e.decoded_offset(), delivered.size());
        return {delivered, e.what()};
    }
    return {delivered, ""};
}

}  // namespace mdp::testing
