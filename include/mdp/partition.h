#pragma once
// What the library API reports about partitions: one partition of a run (its status, attempts,
// last error, times and result counts) and the counts of a run's partitions by status. Plain
// values, copied out of the registry, so they stay valid after the registry is closed.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mdp::api {

// A partition's life: pending -> running -> completed, or failed once its attempts are used up.
// `running` outside a live pipeline means the process analysing it died (see
// RunRegistry::reset_interrupted).
enum class PartitionStatus { kPending, kRunning, kCompleted, kFailed };

// "pending", "running", "completed", "failed": the words `status` and the registry files use.
std::string_view status_name(PartitionStatus status);
// The inverse of status_name; nullopt for any other text.
std::optional<PartitionStatus> parse_status(std::string_view name);

struct PartitionInfo {
    std::string key;   // "YYYY-MM-DD/<security>", also its path below DIR/partitions/
    std::string date;  // trading date, YYYY-MM-DD
    std::uint64_t security = 0;
    PartitionStatus status = PartitionStatus::kPending;
    unsigned attempts = 0;   // attempts used; reset_failed() sets it back to 0
    std::string last_error;  // one line; empty when it never failed (kept after reset_failed)
    std::optional<std::chrono::system_clock::time_point> started_at;    // of the last attempt
    std::optional<std::chrono::system_clock::time_point> completed_at;  // of the last success
    double duration_sec = 0.0;                    // of the last finished attempt
    std::map<std::string, std::int64_t> results;  // e.g. "matched" -> 1234, last success
};

struct StatusCounts {
    std::size_t total = 0;
    std::size_t pending = 0;
    std::size_t running = 0;
    std::size_t completed = 0;
    std::size_t failed = 0;
};

}  // namespace mdp::api
