#include "common/wire_format.h"

#include <bit>
#include <cstring>

namespace mdp {

void WireWriter::u32(uint32_t value) {
    for (int shift = 0; shift < 32; shift += 8) bytes_.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void WireWriter::u64(uint64_t value) {
    for (int shift = 0; shift < 64; shift += 8) bytes_.push_back(static_cast<char>((value >> shift) & 0xFF));
}

void WireWriter::f64(double value) { u64(std::bit_cast<uint64_t>(value)); }

void WireWriter::str(std::string_view value) {
    u64(value.size());
    bytes_.append(value);
}

std::string_view WireReader::need(size_t count) {
    if (bytes_.size() - position_ < count) throw WireError("cluster message: truncated");
    const std::string_view part = bytes_.substr(position_, count);
    position_ += count;
    return part;
}

uint8_t WireReader::u8() { return static_cast<uint8_t>(need(1)[0]); }

uint32_t WireReader::u32() {
    const std::string_view part = need(4);
    uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(part[static_cast<size_t>(i)]);
    return value;
}

uint64_t WireReader::u64() {
    const std::string_view part = need(8);
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(part[static_cast<size_t>(i)]);
    return value;
}

double WireReader::f64() { return std::bit_cast<double>(u64()); }

std::string WireReader::str() {
    const uint64_t size = u64();
    if (size > bytes_.size() - position_) throw WireError("cluster message: truncated string");
    return std::string(need(static_cast<size_t>(size)));
}

}  // namespace mdp
