#include "extract/output/partition_file_set.h"

#include <gtest/gtest.h>

#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::read_text;

const PartitionKey kA{CivilDate{2024, 4, 2}, 1};
const PartitionKey kB{CivilDate{2024, 4, 3}, 22};

TEST(PartitionFileSet, WritesHeaderOnceThenRowsInOrder) {
    const auto dir = fresh_scratch_dir();
    PartitionFileSet files(dir, 4, 1 << 20);
    files.declare_inputs({"orders.csv.rejects.csv", "trades.csv.rejects.csv", "nbbo.csv.rejects.csv"});
    files.begin_input(0, InputRole::kOrders, "h1,h2\n");
    Buffer rows = Buffer::holding("a,1\nb,1\nb,2\na,2\n");
    const std::string_view text = rows.view();
    files.append_rows(kA, text.substr(0, 4), 1);
    files.append_rows(kB, text.substr(4, 8), 2);
    files.append_rows(kA, text.substr(12, 4), 1);
    files.keep_until_flushed(std::move(rows));
    EXPECT_EQ(files.pending_bytes(), 16U);  // the kept buffer; the header is not a copy
    files.append_reject("1,9,empty_line,\"r\",\"x\"\n");
    EXPECT_EQ(files.pending_bytes(), 16U + 23);
    files.end_input();
    EXPECT_EQ(files.pending_bytes(), 0U);
    EXPECT_EQ(read_text(dir / "rejects/orders.csv.rejects.csv"), "line,byte_offset,kind,reason,text\n1,9,empty_line,\"r\",\"x\"\n");
    EXPECT_EQ(read_text(dir / "partitions/2024-04-02/1/orders.csv"), "h1,h2\na,1\na,2\n");
    EXPECT_EQ(read_text(dir / "partitions/2024-04-03/22/orders.csv"), "h1,h2\nb,1\nb,2\n");
    ASSERT_EQ(files.partitions().size(), 2U);
    EXPECT_EQ(files.partitions()[0].files[0], (FileCounts{14, 2}));
    EXPECT_EQ(files.partitions()[1].files[0], (FileCounts{14, 2}));

    files.begin_input(1, InputRole::kTrades, "t\n");
    files.append_rows(kA, "x\n", 1);
    files.append_reject("5,0,field_count,\"bad\",\"x\"\n");
    files.end_input();
    EXPECT_EQ(read_text(dir / "partitions/2024-04-02/1/trades.csv"), "t\nx\n");
    EXPECT_FALSE(std::filesystem::exists(dir / "partitions/2024-04-03/22/trades.csv"));
    EXPECT_EQ(read_text(dir / "rejects/trades.csv.rejects.csv"), "line,byte_offset,kind,reason,text\n5,0,field_count,\"bad\",\"x\"\n");
    EXPECT_EQ(files.rejects()[1].rows, 1U);
}

TEST(PartitionFileSet, ManyMorePartitionsThanOpenFiles) {
    const auto dir = fresh_scratch_dir();
    PartitionFileSet files(dir, 3, 256);  // tiny budget: flushes constantly
    files.declare_inputs({"nbbo.csv.rejects.csv", "trades.csv.rejects.csv", "nbbo.csv.rejects.csv"});
    files.begin_input(2, InputRole::kNbbo, "h\n");
    for (int round = 0; round < 3; ++round) {
        for (uint64_t s = 0; s < 50; ++s) {
            Buffer row = Buffer::holding(std::to_string(round) + "\n");
            files.append_rows(PartitionKey{CivilDate{2024, 1, 2}, s}, row.view(), 1);
            files.keep_until_flushed(std::move(row));
            if (files.should_flush()) files.flush();
        }
    }
    files.end_input();
    for (uint64_t s = 0; s < 50; ++s) {
        EXPECT_EQ(read_text(dir / "partitions/2024-01-02" / std::to_string(s) / "nbbo.csv"), "h\n0\n1\n2\n");
    }
}

TEST(PartitionFileSet, RestoredCountsContinueWhereTheCheckpointWas) {
    const auto dir = fresh_scratch_dir();
    {
        PartitionFileSet files(dir, 4, 1 << 20);
        files.declare_inputs({"orders.csv.rejects.csv", "trades.csv.rejects.csv", "nbbo.csv.rejects.csv"});
        files.begin_input(0, InputRole::kOrders, "h\n");
        files.append_rows(kA, "1\n", 1);
        files.end_input();
    }
    PartitionFileSet files(dir, 4, 1 << 20);
    files.declare_inputs({"orders.csv.rejects.csv", "trades.csv.rejects.csv", "nbbo.csv.rejects.csv"});
    files.restore({PartitionFiles{kA, {FileCounts{4, 1}, {}, {}}}}, {{}, {}, {}});
    files.begin_input(0, InputRole::kOrders, "h\n");
    files.append_rows(kA, "2\n", 1);  // no second header: the file already has one
    files.end_input();
    EXPECT_EQ(read_text(dir / "partitions/2024-04-02/1/orders.csv"), "h\n1\n2\n");
    EXPECT_EQ(files.partitions()[0].files[0], (FileCounts{6, 2}));
}

// Inputs of one role append to the same partition files (one header, the rows of each input in
// input order); each input has its own rejects file.
TEST(PartitionFileSet, InputsOfOneRoleShareFilesButNotRejects) {
    const auto dir = fresh_scratch_dir();
    PartitionFileSet files(dir, 4, 1 << 20);
    files.declare_inputs({"day1.csv.rejects.csv", "day1.csv.2.rejects.csv"});
    files.begin_input(0, InputRole::kOrders, "h\n");
    files.append_rows(kA, "1\n", 1);
    files.append_reject("2,2,empty_line,\"empty line\",\"\"\n");
    files.end_input();
    files.begin_input(1, InputRole::kOrders, "h\n");
    files.append_rows(kA, "2\n", 1);
    files.append_rows(kB, "3\n", 1);
    files.end_input();
    EXPECT_EQ(read_text(dir / "partitions/2024-04-02/1/orders.csv"), "h\n1\n2\n");
    EXPECT_EQ(read_text(dir / "partitions/2024-04-03/22/orders.csv"), "h\n3\n");
    EXPECT_TRUE(std::filesystem::exists(dir / "rejects/day1.csv.rejects.csv"));
    EXPECT_FALSE(std::filesystem::exists(dir / "rejects/day1.csv.2.rejects.csv"));
    EXPECT_EQ(files.rejects()[0].rows, 1U);
    EXPECT_EQ(files.rejects()[1].rows, 0U);
}

}  // namespace
}  // namespace mdp::extract

namespace mdp::extract {
namespace {

// Small batches are written early only while their files fit in the descriptor cache; a batch
// for more files waits for the budget.
TEST(PartitionFileSet, WritesEarlyOnlyWhileTheBatchFitsInTheDescriptorCache) {
    const auto dir = fresh_scratch_dir();
    PartitionFileSet files(dir, 2, 1000, 10);  // 2 descriptors, budget 1000 bytes, early at 10
    files.declare_inputs({"orders.csv.rejects.csv"});
    files.begin_input(0, InputRole::kOrders, "h\n");
    auto append = [&](uint64_t security, size_t bytes) {
        Buffer row = Buffer::holding(std::string(bytes - 1, 'x') + "\n");
        files.append_rows(PartitionKey{CivilDate{2024, 1, 2}, security}, row.view(), 1);
        files.keep_until_flushed(std::move(row));
    };
    append(1, 8);
    EXPECT_FALSE(files.should_flush());  // 8 bytes: below the early size
    append(2, 8);
    EXPECT_TRUE(files.should_flush());   // 16 bytes for 2 files: early
    append(3, 8);
    EXPECT_FALSE(files.should_flush());  // 3 files do not fit in 2 descriptors: wait for the budget
    append(3, 1000);
    EXPECT_TRUE(files.should_flush());   // over the budget
    files.end_input();
}

}  // namespace
}  // namespace mdp::extract
