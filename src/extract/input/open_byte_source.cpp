#include "extract/input/open_byte_source.h"

#include <cstdint>

#include "extract/input/gzip_byte_source.h"
#include "extract/input/plain_byte_source.h"
#include "extract/input/zstd_byte_source.h"

namespace mdp::extract {

Compression detect_compression(std::string_view leading_bytes) {
    auto byte = [&](size_t i) { return static_cast<uint8_t>(leading_bytes[i]); };
    if (leading_bytes.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) return Compression::kGzip;
    if (leading_bytes.size() < 4) return Compression::kPlain;
    const uint32_t magic = uint32_t{byte(0)} | uint32_t{byte(1)} << 8 | uint32_t{byte(2)} << 16 |
                           uint32_t{byte(3)} << 24;
    if (magic == 0xFD2FB528U) return Compression::kZstd;
    if ((magic & 0xFFFFFFF0U) == 0x184D2A50U) return Compression::kZstd;  // skippable frame
    return Compression::kPlain;
}

std::unique_ptr<ByteSource> open_byte_source(const std::filesystem::path& path) {
    auto raw = std::make_unique<RawFile>(path);
    switch (detect_compression(raw->peek(4))) {
        case Compression::kGzip:
            return std::make_unique<GzipByteSource>(std::move(raw));
        case Compression::kZstd:
            return std::make_unique<ZstdByteSource>(std::move(raw));
        case Compression::kPlain:
            break;
    }
    return std::make_unique<PlainByteSource>(std::move(raw));
}

}  // namespace mdp::extract
