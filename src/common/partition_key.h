#pragma once
// The identity of a partition: (trading date in the market time zone, security code).
//
// This is the only place where a key becomes a path. A security code is a plain non-negative
// integer that fits in 64 bits and a date is a real calendar date, so neither can ever contain
// a path separator, "..", or anything else that escapes the output directory.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "civil_date.h"

namespace mdp {

using SecurityCode = uint64_t;

// Parses a security code: 1..20 ASCII digits whose value fits in uint64_t. Leading zeros are
// accepted and dropped ("007" is security 7), so one security always maps to one directory.
std::optional<SecurityCode> parse_security_code(std::string_view text);

struct PartitionKey {
    CivilDate date;
    SecurityCode security = 0;

    // "YYYY-MM-DD/<security>": the registry's key and the partition's path below partitions/.
    std::string to_string() const;
    static std::optional<PartitionKey> parse(std::string_view text);

    // <output>/partitions/YYYY-MM-DD/<security>
    std::filesystem::path directory_under(const std::filesystem::path& output_dir) const;

    friend bool operator==(const PartitionKey&, const PartitionKey&) = default;
    friend auto operator<=>(const PartitionKey&, const PartitionKey&) = default;
};

struct PartitionKeyHash {
    size_t operator()(const PartitionKey& k) const noexcept {
        const auto days = static_cast<uint64_t>(k.date.to_days());
        return std::hash<uint64_t>{}(k.security * 0x9E3779B97F4A7C15ULL ^ days);
    }
};

}  // namespace mdp
