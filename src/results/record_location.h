#pragma once
// Where a partition's result record is: pack number, byte offset of its frame, payload length
// and XXH3-64 checksum. The registry keeps it among the partition's result counts (names
// `@record_*`: '@' makes them per-partition values the registry never totals,
// registry::is_totalled_result), so completing a partition and recording where its results are
// is one registry update.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mdp::results {

struct RecordLocation {
    uint64_t pack = 0;
    uint64_t offset = 0;    // of the record's frame in the pack file
    uint64_t length = 0;    // of the record's payload
    uint64_t checksum = 0;  // XXH3-64 of the payload
    friend bool operator==(const RecordLocation&, const RecordLocation&) = default;
};

// Adds the location to a partition's result counts.
void add_location(const RecordLocation& location, std::map<std::string, int64_t>& counts);
// The location held in result counts; nullopt when there is none (or it is incomplete).
std::optional<RecordLocation> location_in(const std::map<std::string, int64_t>& counts);

}  // namespace mdp::results
