#include "results/partition_record.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "registry/partition_entry.h"
#include "results/record_location.h"

namespace mdp::results {
namespace {

const std::string kHeader = "orderid,side,real_cost,diff";

PartitionRecord sample_record() {
    PartitionRecord record;
    record.key = PartitionKey{*CivilDate::parse("2024-03-05"), 1234567};
    record.summary.headline = {2, 1.5, 0.25, 1.25, std::numeric_limits<double>::quiet_NaN()};
    Differences first{};
    first.fill(0.5);
    first[3] = std::numeric_limits<double>::infinity();
    Differences second{};
    second.fill(-2.0);
    second[0] = std::numeric_limits<double>::quiet_NaN();
    record.summary.differences = {first, second};
    record.summary.root_causes = {{"SIMULATION_MISS", 3}, {"NO_CONTRA", 1}};
    record.files = {{std::string(analyzers::kDetailedFile), kHeader + "\n1,1,2.5,0.5\n2,2,3,-2\n"},
                    {"unmatched/unmatched_summary.json", "{\n}\n"}};
    return record;
}

TEST(PartitionRecord, RoundTripsEveryField) {
    const PartitionRecord record = sample_record();
    PartitionRecord decoded;
    decode_record(encode_record(record), decoded);
    EXPECT_EQ(decoded.key, record.key);
    EXPECT_EQ(decoded.summary.headline.n_pairs, 2);
    EXPECT_EQ(decoded.summary.headline.mean_saving_bps, 1.25);
    EXPECT_TRUE(std::isnan(decoded.summary.headline.saving_paired_t_pvalue));
    ASSERT_EQ(decoded.summary.differences.size(), 2U);
    EXPECT_TRUE(std::isinf(decoded.summary.differences[0][3]));
    EXPECT_TRUE(std::isnan(decoded.summary.differences[1][0]));
    EXPECT_EQ(decoded.summary.differences[1][1], -2.0);
    EXPECT_EQ(decoded.summary.root_causes, record.summary.root_causes);
    ASSERT_EQ(decoded.files.size(), 2U);
    EXPECT_EQ(decoded.files[1].path, "unmatched/unmatched_summary.json");
    EXPECT_EQ(decoded.files[0].content, record.files[0].content);
    const std::vector<std::string_view> rows = detailed_rows(decoded, kHeader);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0], "1,1,2.5,0.5");
    EXPECT_EQ(rows[1], "2,2,3,-2");
}

TEST(PartitionRecord, RefusesEveryCutAndOtherFormats) {
    const std::string bytes = encode_record(sample_record());
    PartitionRecord decoded;
    for (size_t length = 0; length < bytes.size(); ++length) {
        EXPECT_THROW(decode_record(std::string_view(bytes).substr(0, length), decoded), RecordError) << length;
    }
    EXPECT_THROW(decode_record(bytes + "x", decoded), RecordError);
    std::string other_version = bytes;
    other_version[0] = 9;
    EXPECT_THROW(decode_record(other_version, decoded), RecordError);
}

TEST(PartitionRecord, DetailedRowsMustMatchTheHeaderAndTheSummary) {
    PartitionRecord record = sample_record();
    EXPECT_THROW(detailed_rows(record, "other,header"), RecordError);
    record.summary.differences.pop_back();
    EXPECT_THROW(detailed_rows(record, kHeader), RecordError);
}

TEST(RecordLocation, TravelsThroughResultCountsWithAll64ChecksumBits) {
    const RecordLocation location{7, 123456789012, 4096, 0xFEDCBA9876543210ULL};
    std::map<std::string, int64_t> counts{{"matched", 4}};
    add_location(location, counts);
    EXPECT_EQ(location_in(counts), location);
    EXPECT_EQ(counts.at("matched"), 4);
    for (const auto& [name, value] : counts) EXPECT_EQ(registry::is_totalled_result(name), name == "matched") << name;
    counts.erase("@record_bytes");
    EXPECT_FALSE(location_in(counts).has_value());
}

}  // namespace
}  // namespace mdp::results
