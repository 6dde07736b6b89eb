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
