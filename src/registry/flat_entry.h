#pragma once
// The decoded-but-not-yet-stored form of a partition entry, shared by the snapshot reader (SAX,
// millions of entries: its buffers are reused from entry to entry) and the journal replay.

#include <cstdint>
#include <limits>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "registry/partition_entry.h"

namespace mdp::registry {

inline constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();

struct FlatEntry {
    PartitionKey key;
    bool has_key = false;
    // The "date" and "security" fields, checked against the key.
    std::string date_text;
    std::optional<SecurityCode> security;
    PartitionStatus status = PartitionStatus::kPending;
    uint32_t attempts = 0;
    int64_t started_ms = kNoTime;
    int64_t completed_ms = kNoTime;
    double duration_sec = 0.0;
    std::string last_error;
    std::vector<std::pair<std::string, InputCounts>> inputs;
    std::vector<std::pair<std::string, int64_t>> results;

    void clear();
    // Throws std::invalid_argument if the key is missing or "date"/"security" disagree with it.
    void check() const;
};

// Decodes one entry object as the snapshot and the journal write it. Throws
// std::invalid_argument on a missing or mistyped field.
void read_flat_entry(const nlohmann::json& json, FlatEntry& out);

}  // namespace mdp::registry
