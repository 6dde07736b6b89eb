#include "api/partition_info.h"

#include <gtest/gtest.h>

namespace mdp::api {
namespace {

TEST(PartitionInfo, StatusNamesAreTheRegistrysAndRoundTrip) {
    for (const auto status : {PartitionStatus::kPending, PartitionStatus::kRunning,
                              PartitionStatus::kCompleted, PartitionStatus::kFailed}) {
        EXPECT_EQ(parse_status(status_name(status)), status);
        EXPECT_EQ(status_name(status), registry::status_name(to_registry_status(status)));
        EXPECT_EQ(to_api_status(to_registry_status(status)), status);
    }
    EXPECT_EQ(status_name(PartitionStatus::kFailed), "failed");
    EXPECT_FALSE(parse_status("Failed").has_value());
    EXPECT_FALSE(parse_status("").has_value());
}

TEST(PartitionInfo, CopiesEveryFieldOfAnEntry) {
    registry::PartitionEntry entry;
    entry.key = *PartitionKey::parse("2024-04-02/42");
    entry.status = registry::PartitionStatus::kCompleted;
    entry.attempts = 3;
    entry.last_error = "earlier failure";
    entry.started_at = registry::from_epoch_ms(1'700'000'000'000);
    entry.completed_at = registry::from_epoch_ms(1'700'000'002'500);
    entry.duration_sec = 2.5;
    entry.results = {{"matched", 7}, {"unmatched", 1}};

    const PartitionInfo info = to_partition_info(entry);
    EXPECT_EQ(info.key, "2024-04-02/42");
    EXPECT_EQ(info.date, "2024-04-02");
    EXPECT_EQ(info.security, 42u);
    EXPECT_EQ(info.status, PartitionStatus::kCompleted);
    EXPECT_EQ(info.attempts, 3u);
    EXPECT_EQ(info.last_error, "earlier failure");
    EXPECT_EQ(info.started_at, entry.started_at);
    EXPECT_EQ(info.completed_at, entry.completed_at);
    EXPECT_DOUBLE_EQ(info.duration_sec, 2.5);
    EXPECT_EQ(info.results, entry.results);
}

}  // namespace
}  // namespace mdp::api
