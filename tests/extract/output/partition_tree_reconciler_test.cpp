#include "extract/output/partition_tree_reconciler.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::read_text;
using mdp::testing::write_text;
namespace fs = std::filesystem;

TEST(PartitionTreeReconciler, CutsKnownFilesAndRemovesUnknownOnes) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "partitions/2024-04-02/1/orders.csv", "h\n1\n2\n3\n");  // committed: "h\n1\n"
    write_text(dir / "partitions/2024-04-02/1/trades.csv", "t\n9\n");        // not committed
    write_text(dir / "partitions/2024-04-03/5/orders.csv", "h\n7\n");        // partition unknown
    write_text(dir / "rejects/o.csv.rejects.csv", "line,byte_offset,kind,reason,text\n2,9,empty_line,\"r\",\"x\"\n");
    write_text(dir / "registry.json", "untouched");
    ExtractionCheckpoint cp;
    cp.partitions.push_back(PartitionFiles{PartitionKey{CivilDate{2024, 4, 2}, 1}, {FileCounts{4, 1}, {}, {}}});
    cp.rejects.resize(1);  // one input, whose rejects were not committed
    reconcile_with_checkpoint(dir, &cp, {"o.csv.rejects.csv"});
    EXPECT_EQ(read_text(dir / "partitions/2024-04-02/1/orders.csv"), "h\n1\n");
    EXPECT_FALSE(fs::exists(dir / "partitions/2024-04-02/1/trades.csv"));
    EXPECT_FALSE(fs::exists(dir / "partitions/2024-04-03"));
    EXPECT_FALSE(fs::exists(dir / "rejects/o.csv.rejects.csv"));
    EXPECT_EQ(read_text(dir / "registry.json"), "untouched");
}

TEST(PartitionTreeReconciler, RefusesWhenAFileIsShorterThanCommitted) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "partitions/2024-04-02/1/orders.csv", "h\n");
    ExtractionCheckpoint cp;
    cp.partitions.push_back(PartitionFiles{PartitionKey{CivilDate{2024, 4, 2}, 1}, {FileCounts{40, 9}, {}, {}}});
    EXPECT_THROW(reconcile_with_checkpoint(dir, &cp, {}), std::runtime_error);
}

// A link planted where a date directory was: resume must not cut (or remove) the files it
// points at.
TEST(PartitionTreeReconciler, NeverCutsThroughASymbolicLink) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "outside/1/orders.csv", "h\n1\n2\n3\n");
    fs::create_directories(dir / "out/partitions");
    fs::create_directory_symlink(dir / "outside", dir / "out/partitions/2024-04-02");
    ExtractionCheckpoint cp;
    cp.partitions.push_back(PartitionFiles{PartitionKey{CivilDate{2024, 4, 2}, 1}, {FileCounts{4, 1}, {}, {}}});
    try {
        reconcile_with_checkpoint(dir / "out", &cp, {});
        FAIL() << "expected an IoError";
    } catch (const IoError& e) {
        EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos) << e.what();
    }
    EXPECT_EQ(read_text(dir / "outside/1/orders.csv"), "h\n1\n2\n3\n");
}

TEST(PartitionTreeReconciler, WithoutACheckpointEverythingExtractedGoes) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "partitions/2024-04-02/1/orders.csv", "h\n1\n");
    write_text(dir / "rejects/o.csv.rejects.csv", "x");
    reconcile_with_checkpoint(dir, nullptr, {"o.csv.rejects.csv"});
    EXPECT_FALSE(fs::exists(dir / "partitions"));
    EXPECT_FALSE(fs::exists(dir / "rejects"));
}

}  // namespace
}  // namespace mdp::extract
