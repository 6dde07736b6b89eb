#include "registry/partition_entry.h"

#include <gtest/gtest.h>

namespace mdp::registry {
namespace {

TEST(PartitionEntry, StatusNamesRoundTrip) {
    for (const PartitionStatus status : kAllStatuses) {
        EXPECT_EQ(parse_status(status_name(status)), status);
    }
    EXPECT_EQ(status_name(PartitionStatus::kCompleted), "completed");
    EXPECT_FALSE(parse_status("Completed").has_value());
    EXPECT_FALSE(parse_status("").has_value());
}

TEST(PartitionEntry, ErrorMessagesBecomeOneLine) {
    EXPECT_EQ(sanitize_error_message("  bad row\r\n\tat line 3\n"), "bad row at line 3");
    EXPECT_EQ(sanitize_error_message("a\x01\x02"
                                     "b"),
              "a b");
    EXPECT_EQ(sanitize_error_message("bytes \xff\xfe here"), "bytes ?? here");
    EXPECT_EQ(sanitize_error_message("\xce\xbb ok"), "\xce\xbb ok");
    EXPECT_EQ(sanitize_error_message(""), "");
    EXPECT_EQ(sanitize_error_message("\n\n"), "");
}

TEST(PartitionEntry, LongErrorMessagesAreCutOnACharacterBoundary) {
    std::string lambdas;
    for (int i = 0; i < 400; ++i) lambdas += "\xce\xbb";  // 800 bytes
    const std::string cut = sanitize_error_message(lambdas);
    EXPECT_LE(cut.size(), kMaxErrorLength);
    EXPECT_TRUE(cut.ends_with("..."));
    const std::string body = cut.substr(0, cut.size() - 3);
    EXPECT_EQ(body.size() % 2, 0U);
    EXPECT_EQ(body, lambdas.substr(0, body.size()));

    const std::string exact(kMaxErrorLength, 'x');
    EXPECT_EQ(sanitize_error_message(exact), exact);
    EXPECT_EQ(sanitize_error_message(exact + "   \n"), exact);
    const std::string longer = sanitize_error_message(exact + "y");
    EXPECT_EQ(longer.size(), kMaxErrorLength);
    EXPECT_TRUE(longer.ends_with("xx..."));
}

TEST(PartitionEntry, TimesKeepMilliseconds) {
    const TimePoint t = from_epoch_ms(1'700'000'003'250);
    EXPECT_EQ(to_epoch_ms(t), 1'700'000'003'250);
    EXPECT_EQ(to_epoch_ms(t + std::chrono::microseconds(999)), 1'700'000'003'250);
    EXPECT_EQ(to_epoch_ms(from_epoch_ms(-1) + std::chrono::microseconds(1)), -1);
}

// Found by registry_snapshot_fuzz: a time outside system_clock's range (a year before 1677 or
// after 2262) overflowed from_epoch_ms (undefined behaviour) when the entry was read back.
TEST(PartitionEntry, RegistryTimesAreLimitedToWhatATimePointHolds) {
    EXPECT_EQ(parse_time_ms("2024-01-02T03:04:05.678Z"), 1'704'164'645'678);
    EXPECT_EQ(parse_time_ms("1677-09-22T00:00:00.000Z"), -9'223'286'400'000);
    EXPECT_EQ(parse_time_ms("2262-04-11T00:00:00.000Z"), 9'223'286'400'000);
    for (const char* out_of_range : {"1012-04-08T03:00:05.000Z", "1677-09-21T00:00:00.000Z",
                                     "2262-04-12T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
                                     "0000-01-01T00:00:00.000Z"}) {
        EXPECT_FALSE(parse_time_ms(out_of_range).has_value()) << out_of_range;
    }
    for (const char* text : {"1677-09-22T00:00:00.000Z", "2262-04-11T00:00:00.000Z"}) {
        const int64_t ms = parse_time_ms(text).value();
        EXPECT_EQ(to_epoch_ms(from_epoch_ms(ms)), ms) << text;
    }
}

TEST(PartitionEntry, FilterMatchesEveryGivenField) {
    const PartitionKey key{CivilDate{2024, 1, 2}, 7};
    EXPECT_TRUE(PartitionFilter{}.matches(key, PartitionStatus::kFailed));
    EXPECT_TRUE((PartitionFilter().with_status(PartitionStatus::kFailed).for_security(7))
                    .matches(key, PartitionStatus::kFailed));
    EXPECT_FALSE((PartitionFilter().with_status(PartitionStatus::kFailed).for_security(8))
                     .matches(key, PartitionStatus::kFailed));
    EXPECT_FALSE(
        PartitionFilter().on_date(CivilDate{2024, 1, 3}).matches(key, PartitionStatus::kFailed));
}

}  // namespace
}  // namespace mdp::registry
