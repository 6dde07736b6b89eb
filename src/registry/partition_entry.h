#pragma once
// What the registry knows about one partition, as handed to callers: its status, how big its
// inputs are, how often it was tried, why it last failed, when it ran and what it produced.
// The registry stores entries compactly (partition_table.h); this is the materialized form.
//
// Result counts are a generic map from a name to an integer ("matched", "unmatched", ...): the
// registry stores them and never interprets them.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/partition_key.h"

namespace mdp::registry {

using Clock = std::chrono::system_clock;
// Times are stored with millisecond precision (UTC); finer parts are dropped.
using TimePoint = Clock::time_point;

enum class PartitionStatus : uint8_t { kPending = 0, kRunning = 1, kCompleted = 2, kFailed = 3 };
inline constexpr std::array<PartitionStatus, 4> kAllStatuses{
    PartitionStatus::kPending, PartitionStatus::kRunning, PartitionStatus::kCompleted,
    PartitionStatus::kFailed};

// "pending", "running", "completed", "failed".
std::string_view status_name(PartitionStatus status);
std::optional<PartitionStatus> parse_status(std::string_view name);

// Rows and bytes of one input (role "orders", "trades", "nbbo", ...) inside one partition.
struct InputCounts {
    int64_t rows = 0;
    int64_t bytes = 0;
    friend bool operator==(const InputCounts&, const InputCounts&) = default;
};

using InputCountsMap = std::map<std::string, InputCounts>;  // role -> counts
using ResultCounts = std::map<std::string, int64_t>;        // result name -> count

// A result whose name starts with '@' is a per-partition value rather than a count (e.g. where
// the partition's results are stored): stored and returned like the others, never totalled
// (summing offsets or checksums over a million partitions is meaningless, and overflows).
inline bool is_totalled_result(std::string_view name) { return name.empty() || name.front() != '@'; }

struct PartitionEntry {
    PartitionKey key;
    PartitionStatus status = PartitionStatus::kPending;
    InputCountsMap inputs;
    uint32_t attempts = 0;  // incremented by every mark_running
    // One line (see sanitize_error_message); empty when there is none. Kept until the
    // partition completes, so a pending partition may still say why it failed before.
    std::string last_error;
    std::optional<TimePoint> started_at;    // start of the last attempt
    std::optional<TimePoint> completed_at;  // set only by a successful completion
    double duration_sec = 0.0;              // of the last finished attempt
    ResultCounts results;                   // of the last successful attempt

    friend bool operator==(const PartitionEntry&, const PartitionEntry&) = default;
};

// Selects partitions; every field that is set must match. Results come in key order
// (date, then security). Build with the chainable setters:
//     reg.keys(PartitionFilter().with_status(PartitionStatus::kFailed).on_date(day))
struct PartitionFilter {
    std::optional<PartitionStatus> status;
    std::optional<CivilDate> date;
    std::optional<SecurityCode> security;

    PartitionFilter& with_status(PartitionStatus value) {
        status = value;
        return *this;
    }
    PartitionFilter& on_date(CivilDate value) {
        date = value;
        return *this;
    }
    PartitionFilter& for_security(SecurityCode value) {
        security = value;
        return *this;
    }

    bool matches(const PartitionKey& key, PartitionStatus s) const {
        return (!status || *status == s) && (!date || *date == key.date) &&
               (!security || *security == key.security);
    }
};

// Counts per status and totals over every partition.
struct RegistrySummary {
    size_t total = 0;
    std::array<size_t, 4> by_status{};  // indexed by PartitionStatus
    uint64_t attempts = 0;
    InputCountsMap inputs;  // totals per role
    ResultCounts results;   // totals per result name

    size_t count(PartitionStatus status) const { return by_status[static_cast<size_t>(status)]; }
};

// Maximum length in bytes of a stored error message.
inline constexpr size_t kMaxErrorLength = 500;

// Makes an error message fit the registry: every run of control characters (newlines, tabs...)
// becomes one space, invalid UTF-8 bytes become '?', leading and trailing blanks go, and the
// text is cut to kMaxErrorLength bytes on a character boundary (ending in "...").
std::string sanitize_error_message(std::string_view message);

// Time <-> milliseconds since the epoch, rounding towards the past. from_epoch_ms needs a time
// a TimePoint can hold (see parse_time_ms).
int64_t to_epoch_ms(TimePoint time);
TimePoint from_epoch_ms(int64_t ms);

// Reads a registry time (parse_iso_time_ms's form): nullopt unless it has that form and lies
// within what a TimePoint holds (system_clock counts nanoseconds in 64 bits: 1677 to 2262).
// Every time read from a snapshot or the journal goes through it, so that no file can make
// from_epoch_ms overflow.
std::optional<int64_t> parse_time_ms(std::string_view text);

}  // namespace mdp::registry
