#include "results/record_location.h"

namespace mdp::results {

namespace {

constexpr const char* kPack = "@record_pack";
constexpr const char* kOffset = "@record_offset";
constexpr const char* kLength = "@record_bytes";
constexpr const char* kChecksum = "@record_xxh3";

}  // namespace

void add_location(const RecordLocation& location, std::map<std::string, int64_t>& counts) {
    // The registry stores int64; the checksum keeps its 64 bits through the cast both ways.
    counts[kPack] = static_cast<int64_t>(location.pack);
    counts[kOffset] = static_cast<int64_t>(location.offset);
    counts[kLength] = static_cast<int64_t>(location.length);
    counts[kChecksum] = static_cast<int64_t>(location.checksum);
}

std::optional<RecordLocation> location_in(const std::map<std::string, int64_t>& counts) {
    const auto pack = counts.find(kPack);
    const auto offset = counts.find(kOffset);
    const auto length = counts.find(kLength);
    const auto checksum = counts.find(kChecksum);
    if (pack == counts.end() || offset == counts.end() || length == counts.end() || checksum == counts.end()) {
        return std::nullopt;
    }
    if (pack->second < 0 || offset->second < 0 || length->second < 0) return std::nullopt;
    return RecordLocation{static_cast<uint64_t>(pack->second), static_cast<uint64_t>(offset->second),
                          static_cast<uint64_t>(length->second), static_cast<uint64_t>(checksum->second)};
}

}  // namespace mdp::results
