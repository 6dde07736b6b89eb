#include "extract/checkpoint/checkpoint_committer.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

ExtractionCheckpoint at_offset(uint64_t offset) {
    ExtractionCheckpoint checkpoint;
    checkpoint.identity = "format=1;test";
    checkpoint.inputs = {InputProgress{offset, offset / 10, false, Hash128{offset, 1}, {}}};
    checkpoint.partitions.push_back(PartitionFiles{PartitionKey{CivilDate{2024, 4, 7}, 42}, {FileCounts{offset, 3}, {}, {}}});
    return checkpoint;
}

TEST(CheckpointCommitter, BackgroundCommitsLandInOrderAndWaitMakesThemVisible) {
    const auto dir = mdp::testing::fresh_scratch_dir();
    CheckpointCommitter committer(dir);
    for (uint64_t offset = 100; offset <= 500; offset += 100) committer.commit_in_background(at_offset(offset));
    committer.wait();
    auto loaded = ExtractionCheckpoint::load(dir);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->inputs[0].offset, 500U);  // the last submitted, not an earlier one finishing late

    committer.commit_in_background(at_offset(600));
    committer.commit(at_offset(700));  // a synchronous commit first waits for the one in flight
    loaded = ExtractionCheckpoint::load(dir);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->inputs[0].offset, 700U);
    EXPECT_EQ(loaded->partitions[0].files[0].bytes, 700U);
}

TEST(CheckpointCommitter, ABackgroundFailureIsRethrownByTheNextCall) {
    const auto dir = mdp::testing::fresh_scratch_dir() / "out";
    std::filesystem::create_directories(dir);
    CheckpointCommitter committer(dir);
    std::filesystem::remove_all(dir);  // saving into a vanished directory fails
    committer.commit_in_background(at_offset(100));
    EXPECT_THROW(committer.wait(), IoError);
    EXPECT_NO_THROW(committer.wait());  // reported once
}

}  // namespace
}  // namespace mdp::extract
