#include "api/partition_info.h"

namespace mdp::api {

// The public names are the registry's own, so that `status`, the registry files and a program
// using the library say the same word for the same state.
std::string_view status_name(PartitionStatus status) {
    return registry::status_name(to_registry_status(status));
}

std::optional<PartitionStatus> parse_status(std::string_view name) {
    const auto status = registry::parse_status(name);
    if (!status) return std::nullopt;
    return to_api_status(*status);
}

PartitionStatus to_api_status(registry::PartitionStatus status) {
    switch (status) {
        case registry::PartitionStatus::kPending:
            return PartitionStatus::kPending;
        case registry::PartitionStatus::kRunning:
            return PartitionStatus::kRunning;
        case registry::PartitionStatus::kCompleted:
            return PartitionStatus::kCompleted;
        case registry::PartitionStatus::kFailed:
            return PartitionStatus::kFailed;
    }
    return PartitionStatus::kPending;  // unreachable: every enumerator is handled above
}

registry::PartitionStatus to_registry_status(PartitionStatus status) {
    switch (status) {
        case PartitionStatus::kPending:
            return registry::PartitionStatus::kPending;
        case PartitionStatus::kRunning:
            return registry::PartitionStatus::kRunning;
        case PartitionStatus::kCompleted:
            return registry::PartitionStatus::kCompleted;
        case PartitionStatus::kFailed:
            return registry::PartitionStatus::kFailed;
    }
    return registry::PartitionStatus::kPending;  // unreachable
}

PartitionInfo to_partition_info(const registry::PartitionEntry& entry) {
    PartitionInfo info;
    info.key = entry.key.to_string();
    info.date = entry.key.date.to_string();
    info.security = entry.key.security;
    info.status = to_api_status(entry.status);
    info.attempts = entry.attempts;
    info.last_error = entry.last_error;
    info.started_at = entry.started_at;
    info.completed_at = entry.completed_at;
    info.duration_sec = entry.duration_sec;
    info.results = entry.results;
    return info;
}

}  // namespace mdp::api
