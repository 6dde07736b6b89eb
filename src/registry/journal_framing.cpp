#include "registry/journal_framing.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

namespace mdp::registry {

namespace {

constexpr std::string_view kCrcPrefix = "{\"crc\":\"";
constexpr std::string_view kLenPrefix = "\",\"len\":";
constexpr std::string_view kRecPrefix = ",\"rec\":";
constexpr std::string_view kSuffix = "}\n";

constexpr std::array<uint32_t, 256> make_crc_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}

constexpr std::array<uint32_t, 256> kCrcTable = make_crc_table();

}  // namespace

uint32_t crc32(std::string_view data, uint32_t crc) {
    crc = ~crc;
    for (const char ch : data) {
        crc = kCrcTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFFU] ^ (crc >> 8);
    }
    return ~crc;
}

void append_framed_record(std::string& out, std::string_view payload) {
    if (payload.find('\n') != std::string_view::npos) {
        throw std::logic_error("journal record payload must be a single line");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    const uint32_t crc = crc32(payload);
    out += kCrcPrefix;
    for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(crc >> shift) & 0xFU];
    out += kLenPrefix;
    char buf[24];
    const auto result = std::to_chars(buf, buf + sizeof buf, payload.size());
    out.append(buf, result.ptr);
    out += kRecPrefix;
    out += payload;
    out += kSuffix;
}

std::optional<Frame> parse_frame(std::string_view data) {
    if (!data.starts_with(kCrcPrefix)) return std::nullopt;
    size_t pos = kCrcPrefix.size();
    if (data.size() < pos + 8) return std::nullopt;
    uint32_t crc = 0;
    for (size_t i = 0; i < 8; ++i) {
        const char c = data[pos + i];
        uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<uint32_t>(c - 'a' + 10);
        } else {
            return std::nullopt;
        }
        crc = (crc << 4) | digit;
    }
    pos += 8;
    if (data.substr(pos, kLenPrefix.size()) != kLenPrefix) return std::nullopt;
    pos += kLenPrefix.size();
    size_t length = 0;
    const char* begin = data.data() + pos;
    const char* end = data.data() + std::min(data.size(), pos + 20);
    const auto parsed = std::from_chars(begin, end, length);
    if (parsed.ec != std::errc() || parsed.ptr == begin) return std::nullopt;
    pos += static_cast<size_t>(parsed.ptr - begin);
    if (data.substr(pos, kRecPrefix.size()) != kRecPrefix) return std::nullopt;
    pos += kRecPrefix.size();
    if (length > data.size() - pos) return std::nullopt;
    const std::string_view payload = data.substr(pos, length);
    pos += length;
    if (data.substr(pos, kSuffix.size()) != kSuffix) return std::nullopt;
    pos += kSuffix.size();
    if (crc32(payload) != crc) return std::nullopt;
    return Frame{payload, pos};
}

}  // namespace mdp::registry
