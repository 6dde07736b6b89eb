#include <gtest/gtest.h>
#include <mdp/registry.h>
#include <unistd.h>

#include "registry/output_directory_lock.h"
#include "run_fixture.h"
#include "support/scratch_dir.h"

namespace mdp::api {
namespace {

namespace fs = std::filesystem;
using test::key_of;
using test::make_run;

registry::PartitionStatus status_on_disk(const fs::path& dir, const std::string& key) {
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir));
    reg.load();
    return *reg.status_of(key_of(key));
}

TEST(RunRegistry, RefusesADirectoryWithoutARunAndLeavesNothingThere) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    try {
        RunRegistry::open(dir);
        FAIL() << "opened a directory without a run";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kBadInput);
        EXPECT_EQ(e.exit_code(), 3);
        EXPECT_NE(std::string(e.what()).find("holds no run"), std::string::npos) << e.what();
    }
    EXPECT_THROW(RunRegistry::open_read_only(dir), Error);
    EXPECT_FALSE(fs::exists(dir / registry::OutputDirectoryLock::kFileName));
}

TEST(RunRegistry, CountsAndListsPartitionsByStatusInKeyOrder) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    make_run(dir);
    const RunRegistry run = RunRegistry::open(dir);
    EXPECT_EQ(run.directory(), dir);
    EXPECT_FALSE(run.read_only());

    const StatusCounts counts = run.counts();
    EXPECT_EQ(counts.total, 5u);
    EXPECT_EQ(counts.completed, 1u);
    EXPECT_EQ(counts.failed, 2u);
    EXPECT_EQ(counts.running, 1u);
    EXPECT_EQ(counts.pending, 1u);

    const auto all = run.partitions();
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(all.front().key, "2024-04-01/1");
    EXPECT_EQ(all.back().key, "2024-04-03/7");

    const auto failed = run.partitions(PartitionStatus::kFailed);
    ASSERT_EQ(failed.size(), 2u);
    EXPECT_EQ(failed[0].key, "2024-04-01/2");
    EXPECT_EQ(failed[0].attempts, 2u);
    EXPECT_EQ(failed[0].last_error, "bad order id 'x' at line 3");  // one line, as stored
    EXPECT_EQ(failed[1].key, "2024-04-03/7");
}

TEST(RunRegistry, ResetFailedMakesThemPendingWithFreshAttemptsBeforeItReturns) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    make_run(dir);
    {
        RunRegistry run = RunRegistry::open(dir);
        EXPECT_EQ(run.reset_failed(), 2u);
        EXPECT_EQ(run.counts().failed, 0u);
        EXPECT_EQ(run.counts().pending, 3u);
        // Durable already, while the handle is open: a second reader sees it on disk.
        EXPECT_EQ(status_on_disk(dir, "2024-04-01/2"), registry::PartitionStatus::kPending);
        EXPECT_EQ(run.reset_failed(), 0u);
    }
    const RunRegistry again = RunRegistry::open_read_only(dir);
    const auto pending = again.partitions(PartitionStatus::kPending);
    ASSERT_EQ(pending.size(), 3u);
    EXPECT_EQ(pending[0].key, "2024-04-01/2");
    EXPECT_EQ(pending[0].attempts, 0u);
    EXPECT_EQ(pending[0].last_error, "bad order id 'x' at line 3");  // kept: why it failed before
    // Untouched: the completed, running partitions.
    EXPECT_EQ(status_on_disk(dir, "2024-04-01/1"), registry::PartitionStatus::kCompleted);
    EXPECT_EQ(status_on_disk(dir, "2024-04-02/1"), registry::PartitionStatus::kRunning);
}

TEST(RunRegistry, ResetInterruptedMakesRunningPendingAndKeepsTheirAttempts) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    make_run(dir);
    RunRegistry run = RunRegistry::open(dir);
    EXPECT_EQ(run.reset_interrupted(), 1u);
    EXPECT_EQ(run.counts().running, 0u);
    EXPECT_EQ(status_on_disk(dir, "2024-04-02/1"), registry::PartitionStatus::kPending);
    const auto pending = run.partitions(PartitionStatus::kPending);
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].key, "2024-04-02/1");
    EXPECT_EQ(pending[0].attempts, 1u);  // a partition that kills its process runs out of tries
    EXPECT_EQ(run.counts().failed, 2u);
}

TEST(RunRegistry, IsRefusedWhileAnotherHolderHoldsTheLock) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    make_run(dir);
    // What a running pipeline holds for its whole life (RunDirectory).
    const auto pipeline = registry::OutputDirectoryLock::acquire(dir);
    try {
        RunRegistry::open(dir);
        FAIL() << "opened a run directory whose lock is held";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kOutputBusy);
        EXPECT_EQ(e.exit_code(), 7);
        ASSERT_TRUE(e.holder_pid().has_value());
        EXPECT_EQ(*e.holder_pid(), static_cast<long>(::getpid()));
    }
    EXPECT_EQ(status_on_disk(dir, "2024-04-01/2"), registry::PartitionStatus::kFailed);
}

TEST(RunRegistry, HoldsTheLockUntilTheHandleGoes) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    make_run(dir);
    {
        const RunRegistry first = RunRegistry::open(dir);
        EXPECT_THROW(registry::OutputDirectoryLock::acquire(dir), registry::OutputBusyError);
        EXPECT_THROW(RunRegistry::open(dir), Error);
    }
    EXPECT_NO_THROW(registry::OutputDirectoryLock::acquire(dir));
    RunRegistry moved = RunRegistry::open(dir);
    RunRegistry target = std::move(moved);  // the lock moves with the handle
    EXPECT_THROW(registry::OutputDirectoryLock::acquire(dir), registry::OutputBusyError);
}

TEST(RunRegistry, ReadOnlyWorksBesideALockHolderAndRefusesChanges) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    make_run(dir);
    const auto pipeline = registry::OutputDirectoryLock::acquire(dir);
    RunRegistry run = RunRegistry::open_read_only(dir);
    EXPECT_TRUE(run.read_only());
    EXPECT_EQ(run.counts().failed, 2u);
    try {
        run.reset_failed();
        FAIL() << "a read-only handle reset partitions";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kInternalError);
    }
    EXPECT_THROW(run.reset_interrupted(), Error);
    EXPECT_EQ(status_on_disk(dir, "2024-04-01/2"), registry::PartitionStatus::kFailed);
}

TEST(RunRegistry, ARegistryThatIsNotOneIsBadInput) {
    const fs::path dir = mdp::testing::fresh_scratch_dir();
    mdp::testing::write_text(registry::PartitionRegistry::path_in(dir), "not json at all");
    try {
        RunRegistry::open(dir);
        FAIL() << "opened a registry that is not one";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kBadInput) << e.what();
    }
}

}  // namespace
}  // namespace mdp::api
