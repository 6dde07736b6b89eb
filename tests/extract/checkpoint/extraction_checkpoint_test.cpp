#include "extract/checkpoint/extraction_checkpoint.h"

#include <gtest/gtest.h>

#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

ExtractionCheckpoint sample() {
    ExtractionCheckpoint cp;
    cp.identity = "format=1;timezone=Australia/Sydney";
    cp.inputs = {InputProgress{12345, 99, true, Hash128{1, 2}, Hash128{0xfedcba9876543210ULL, 7}},
                 InputProgress{777, 3, false, Hash128{3, UINT64_MAX}, {}}, InputProgress{5, 1, false, {}, {}}};
    cp.rejects = {FileCounts{50, 2}, {}, {}};
    cp.partitions.push_back(PartitionFiles{PartitionKey{CivilDate{2024, 4, 7}, 42}, {FileCounts{100, 3}, FileCounts{40, 1}, {}}});
    cp.partitions.push_back(PartitionFiles{PartitionKey{CivilDate{1999, 12, 31}, UINT64_MAX}, {}});
    return cp;
}

TEST(ExtractionCheckpoint, RoundTrips) {
    const ExtractionCheckpoint cp = sample();
    const ExtractionCheckpoint back = ExtractionCheckpoint::parse(cp.serialize());
    EXPECT_EQ(back.identity, cp.identity);
    EXPECT_EQ(back.inputs, cp.inputs);
    EXPECT_EQ(back.rejects, cp.rejects);
    ASSERT_EQ(back.partitions.size(), 2U);
    EXPECT_EQ(back.partitions[0].key, cp.partitions[0].key);
    EXPECT_EQ(back.partitions[0].files, cp.partitions[0].files);
    EXPECT_EQ(back.partitions[1].key, cp.partitions[1].key);
    EXPECT_FALSE(back.complete());
}

TEST(ExtractionCheckpoint, DetectsEveryTruncationAndEveryFlippedByte) {
    const std::string bytes = sample().serialize();
    for (size_t n = 0; n < bytes.size(); ++n) {
        EXPECT_THROW(ExtractionCheckpoint::parse(std::string_view(bytes).substr(0, n)), std::runtime_error) << n;
    }
    for (size_t i = 0; i < bytes.size(); ++i) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x40);
        EXPECT_THROW(ExtractionCheckpoint::parse(damaged), std::runtime_error) << i;
    }
}

TEST(ExtractionCheckpoint, SavesAndLoadsFromTheOutputDirectory) {
    const auto dir = mdp::testing::fresh_scratch_dir();
    EXPECT_FALSE(ExtractionCheckpoint::load(dir));
    sample().save(dir);
    const auto loaded = ExtractionCheckpoint::load(dir);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->partitions.size(), 2U);
}

}  // namespace
}  // namespace mdp::extract
