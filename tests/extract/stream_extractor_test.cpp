#include "extract/stream_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "common/errors.h"
#include "extract/checkpoint/extraction_checkpoint.h"
#include "support/file_tree.h"
#include "support/scratch_dir.h"
#include "support/synthetic_rows.h"

namespace mdp::extract {
namespace {

using mdp::testing::fresh_scratch_dir;
using mdp::testing::read_text;
using mdp::testing::write_text;
namespace fs = std::filesystem;

using mdp::testing::FileTree;
using mdp::testing::make_synthetic_input;
using mdp::testing::read_tree;
using mdp::testing::SyntheticInput;

std::string error_of(const ExtractionOptions& options) {
    try {
        run_extraction(options);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no InputError";
}

class StreamExtractorTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = fresh_scratch_dir(); }

    ExtractionOptions options_for(const SyntheticInput& in, const std::string& out_name = "out") {
        write_text(dir_ / "orders.csv", in.orders);
        write_text(dir_ / "trades.csv", in.trades);
        ExtractionOptions options;
        options.output_dir = dir_ / out_name;
        options.inputs = {{InputRole::kOrders, dir_ / "orders.csv"}};
        options.inputs.push_back({InputRole::kTrades, dir_ / "trades.csv"});
        options.block_bytes = 4096;  // many blocks even for small inputs
        options.pending_budget_bytes = 16 * 1024;
        options.max_open_files = 16;
        options.threads = 2;
        return options;
    }

    fs::path dir_;
};

std::vector<std::string> data_lines(const std::string& file_text) {
    std::vector<std::string> lines;
    size_t pos = file_text.find('\n') + 1;  // skip the header
    while (pos < file_text.size()) {
        const size_t end = file_text.find('\n', pos);
        lines.push_back(file_text.substr(pos, end - pos));
        pos = end + 1;
    }
    return lines;
}

TEST_F(StreamExtractorTest, PartitionFilesHoldExactlyTheInputRowsInOrder) {
    const SyntheticInput in = make_synthetic_input(20000, 1, true);
    const ExtractionOptions options = options_for(in);
    const ExtractionResult result = run_extraction(options);

    std::map<std::string, std::vector<std::string>> found_orders, found_trades;
    for (const PartitionFiles& p : result.partitions) {
        const fs::path pdir = p.key.directory_under(options.output_dir);
        if (p.files[0].rows > 0) {
            const std::string text = read_text(pdir / "orders.csv");
            EXPECT_EQ(text.substr(0, text.find('\n') + 1), in.orders.substr(0, in.orders.find('\n') + 1));
            EXPECT_EQ(text.size(), p.files[0].bytes);
            found_orders[p.key.to_string()] = data_lines(text);
            EXPECT_EQ(found_orders[p.key.to_string()].size(), p.files[0].rows);
        }
        if (p.files[1].rows > 0) found_trades[p.key.to_string()] = data_lines(read_text(pdir / "trades.csv"));
    }
    // Same partitions, same rows, same order: equality of ordered sequences per partition
    // implies the multiset round trip and the per-partition order at once.
    EXPECT_EQ(found_orders, in.expected_orders);
    EXPECT_EQ(found_trades, in.expected_trades);
    EXPECT_TRUE(std::is_sorted(result.partitions.begin(), result.partitions.end(),
                               [](const auto& a, const auto& b) { return a.key < b.key; }));
    // The DST change and pre-open rows produce the dates glibc gives; all six dates appear.
    std::set<std::string> dates;
    for (const auto& [key, rows] : in.expected_orders) dates.insert(key.substr(0, 10));
    EXPECT_GE(dates.size(), 6U);

    EXPECT_EQ(result.inputs[0].rejected, in.bad_lines);
    EXPECT_EQ(result.inputs[0].lines, 20000U);
    EXPECT_EQ(result.inputs[0].accepted, 20000U - in.bad_lines);
    const std::string rejects = read_text(options.output_dir / "rejects/orders-orders.csv.rejects.csv");
    EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), static_cast<long>(in.bad_lines + 1));
    // Line numbers are physical: row i of the generator is line i + 2 (header is line 1); the
    // byte offset is where that line starts in the input.
    const size_t line_15 = in.orders.find("\n13,notatime,") + 1;
    EXPECT_NE(rejects.find("\n15," + std::to_string(line_15) +
                           ",bad_timestamp,\"timestamp 'notatime' is not an integer\",\"13,notatime,"),
              std::string::npos)
        << rejects.substr(0, 500);
    ASSERT_TRUE(ExtractionCheckpoint::load(options.output_dir));
    EXPECT_TRUE(ExtractionCheckpoint::load(options.output_dir)->complete());
}

TEST_F(StreamExtractorTest, OutputDoesNotDependOnBlockSizeBudgetOrThreads) {
    const SyntheticInput in = make_synthetic_input(5000, 2, true);
    ExtractionOptions a = options_for(in, "a");
    run_extraction(a);
    ExtractionOptions b = options_for(in, "b");
    b.block_bytes = 1 << 20;
    b.pending_budget_bytes = 64 << 20;
    b.threads = 1;
    run_extraction(b);
    FileTree ta = read_tree(a.output_dir), tb = read_tree(b.output_dir);
    ta.erase("extract.checkpoint");
    tb.erase("extract.checkpoint");
    EXPECT_EQ(mdp::testing::first_difference(ta, tb), "");
}

TEST_F(StreamExtractorTest, InterruptedRunsResumeToIdenticalFiles) {
    const SyntheticInput in = make_synthetic_input(30000, 3, true);
    ExtractionOptions reference = options_for(in, "reference");
    run_extraction(reference);
    FileTree expected = read_tree(reference.output_dir);

    const uint64_t total = in.orders.size() + in.trades.size();
    for (const double fraction : {0.05, 0.3, 0.55, 0.8, 0.97}) {
        ExtractionOptions options = options_for(in, "interrupted");
        fs::remove_all(options.output_dir);
        options.checkpoint_every_bytes = 200'000;
        std::atomic<bool> stop{false};
        options.stop_requested = &stop;
        options.on_progress = [&](uint64_t done, uint64_t) {
            if (static_cast<double>(done) >= fraction * static_cast<double>(total)) stop = true;
        };
        EXPECT_THROW(run_extraction(options), Interrupted) << fraction;
        const auto checkpoint = ExtractionCheckpoint::load(options.output_dir);
        ASSERT_TRUE(checkpoint);
        EXPECT_FALSE(checkpoint->complete());
        // Simulate a crash after the checkpoint: garbage appended to a partition file and a
        // partition created later than the checkpoint.
        if (!checkpoint->partitions.empty()) {
            const auto& p = checkpoint->partitions.front();
            const fs::path file = p.key.directory_under(options.output_dir) / "orders.csv";
            if (fs::exists(file)) write_text(file, read_text(file) + "half a li");
        }
        write_text(options.output_dir / "partitions/2030-01-01/1/orders.csv", "stray\n");

        stop = false;
        options.on_progress = nullptr;
        options.start_mode = StartMode::kResume;
        const ExtractionResult result = run_extraction(options);
        EXPECT_TRUE(result.resumed_from_checkpoint);
        EXPECT_LT(result.bytes_read_this_run, total);
        FileTree actual = read_tree(options.output_dir);
        FileTree want = expected;
        actual.erase("extract.checkpoint");
        want.erase("extract.checkpoint");
        EXPECT_EQ(mdp::testing::first_difference(actual, want), "") << "interrupted at " << fraction;
    }
}

TEST_F(StreamExtractorTest, RefusesToOverwriteWithoutResumeAndRestartsFromScratch) {
    const SyntheticInput in = make_synthetic_input(1000, 4, false);
    ExtractionOptions options = options_for(in);
    run_extraction(options);
    EXPECT_THROW(run_extraction(options), ResumeRefused);  // fresh start on an existing run

    write_text(dir_ / "trades.csv", in.trades + "1,1712188800000000000,1,5\n");
    options.start_mode = StartMode::kRestart;
    const ExtractionResult result = run_extraction(options);
    size_t expected_trades = 1;  // the appended row
    for (const auto& [key, rows] : in.expected_trades) expected_trades += rows.size();
    EXPECT_EQ(result.inputs[1].lines, expected_trades);
    EXPECT_EQ(result.inputs[1].accepted, expected_trades);
    EXPECT_FALSE(result.resumed_from_checkpoint);
}

// A resume reads the part of the input it extracted before again: a changed byte there is
// refused, naming the file; the same bytes (here restored, with a new modification time) continue
// to the same partition files as an uninterrupted run.
TEST_F(StreamExtractorTest, ResumeChecksTheBytesItExtractedBefore) {
    const SyntheticInput in = make_synthetic_input(30000, 3, true);
    ExtractionOptions reference = options_for(in, "reference");
    run_extraction(reference);
    FileTree expected = read_tree(reference.output_dir);

    ExtractionOptions options = options_for(in, "interrupted");
    options.checkpoint_every_bytes = 200'000;
    std::atomic<bool> stop{false};
    options.stop_requested = &stop;
    options.on_progress = [&](uint64_t done, uint64_t) {
        if (done >= in.orders.size() / 2) stop = true;
    };
    EXPECT_THROW(run_extraction(options), Interrupted);
    const auto checkpoint = ExtractionCheckpoint::load(options.output_dir);
    ASSERT_TRUE(checkpoint);
    ASSERT_FALSE(checkpoint->inputs[0].done);
    ASSERT_GT(checkpoint->inputs[0].offset, 1000U);

    std::string changed = in.orders;
    const size_t second_line = changed.find('\n') + 1;
    changed[second_line] = changed[second_line] == '1' ? '2' : '1';  // same size
    write_text(dir_ / "orders.csv", changed);
    stop = false;
    options.on_progress = nullptr;
    options.start_mode = StartMode::kResume;
    try {
        run_extraction(options);
        FAIL() << "expected ResumeRefused";
    } catch (const ResumeRefused& e) {
        EXPECT_NE(std::string(e.what()).find("orders.csv"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("differ"), std::string::npos) << e.what();
    }
    write_text(dir_ / "orders.csv", in.orders.substr(0, 500));  // shorter than what was extracted
    EXPECT_THROW(run_extraction(options), ResumeRefused);

    write_text(dir_ / "orders.csv", in.orders);
    const ExtractionResult result = run_extraction(options);
    EXPECT_TRUE(result.resumed_from_checkpoint);
    FileTree actual = read_tree(options.output_dir);
    actual.erase("extract.checkpoint");
    expected.erase("extract.checkpoint");
    EXPECT_EQ(mdp::testing::first_difference(actual, expected), "");
    // The finished inputs' identities: the XXH3-128 of their stored bytes.
    const auto done = ExtractionCheckpoint::load(options.output_dir);
    ASSERT_TRUE(done && done->complete());
    EXPECT_EQ(done->inputs[0].content_hash, ContentHasher::hash(in.orders.data(), in.orders.size()));
    EXPECT_EQ(done->inputs[1].content_hash, ContentHasher::hash(in.trades.data(), in.trades.size()));
}

TEST_F(StreamExtractorTest, ResumingACompletedRunReadsNothing) {
    const SyntheticInput in = make_synthetic_input(2000, 5, false);
    ExtractionOptions options = options_for(in);
    const ExtractionResult first = run_extraction(options);
    options.start_mode = StartMode::kResume;
    const ExtractionResult again = run_extraction(options);
    EXPECT_EQ(again.bytes_read_this_run, 0U);
    EXPECT_EQ(again.partitions.size(), first.partitions.size());
    EXPECT_EQ(again.inputs[0].accepted, first.inputs[0].accepted);
}

TEST_F(StreamExtractorTest, ManyPartitionsThroughAFewFileDescriptors) {
    std::string orders = "timestamp,security_code\n";
    for (int round = 0; round < 3; ++round) {
        for (int s = 0; s < 3000; ++s) orders += "1712300000000000000," + std::to_string(s) + "\n";
    }
    write_text(dir_ / "orders.csv", orders);
    ExtractionOptions options;
    options.output_dir = dir_ / "out";
    options.inputs = {{InputRole::kOrders, dir_ / "orders.csv"}};
    options.max_open_files = 8;
    options.pending_budget_bytes = 4096;
    const ExtractionResult result = run_extraction(options);
    ASSERT_EQ(result.partitions.size(), 3000U);
    for (const auto& p : result.partitions) ASSERT_EQ(p.files[0].rows, 3U);
    EXPECT_EQ(read_text(options.output_dir / "partitions/2024-04-05/2999/orders.csv"),
              "timestamp,security_code\n1712300000000000000,2999\n1712300000000000000,2999\n"
              "1712300000000000000,2999\n");
}

TEST_F(StreamExtractorTest, KeepsOnlyRequestedColumnsPlusKeys) {
    write_text(dir_ / "orders.csv", "order_id,timestamp,security_code,price\n1,1712300000000000000,7,10\n");
    ExtractionOptions options;
    options.output_dir = dir_ / "out";
    options.inputs = {{InputRole::kOrders, dir_ / "orders.csv"}};
    options.keep_columns = {"price"};
    run_extraction(options);
    EXPECT_EQ(read_text(options.output_dir / "partitions/2024-04-05/7/orders.csv"),
              "timestamp,security_code,price\n1712300000000000000,7,10\n");
    options.keep_columns = {"nosuchcolumn"};
    options.start_mode = StartMode::kRestart;
    EXPECT_THROW(run_extraction(options), InputError);
}

// --- Several inputs per role ------------------------------------------------------------------

// Splits `csv` (header + rows) into `parts` files, each with the header, at row boundaries.
std::vector<fs::path> split_into_files(const std::string& csv, size_t parts, const fs::path& dir,
                                       const std::string& stem) {
    const size_t header_end = csv.find('\n') + 1;
    const std::string header = csv.substr(0, header_end);
    std::vector<fs::path> files;
    size_t begin = header_end;
    for (size_t i = 0; i < parts; ++i) {
        size_t end = i + 1 == parts ? csv.size() : csv.find('\n', header_end + (csv.size() - header_end) * (i + 1) / parts) + 1;
        files.push_back(dir / (stem + "-" + std::to_string(i) + ".csv"));
        write_text(files.back(), header + csv.substr(begin, end - begin));
        begin = end;
    }
    return files;
}

FileTree partitions_of(const fs::path& output_dir) {
    FileTree tree;
    for (auto& [path, content] : read_tree(output_dir / "partitions")) tree[path] = std::move(content);
    return tree;
}

TEST_F(StreamExtractorTest, ManyInputFilesGiveTheFilesOfOneConcatenatedInput) {
    const SyntheticInput in = make_synthetic_input(20000, 4, true);
    ExtractionOptions one = options_for(in, "one");
    run_extraction(one);

    ExtractionOptions many = options_for(in, "many");
    many.inputs.clear();
    for (const fs::path& file : split_into_files(in.orders, 3, dir_ / "orders", "o"))
        many.inputs.push_back({InputRole::kOrders, file});
    for (const fs::path& file : split_into_files(in.trades, 2, dir_ / "trades", "t"))
        many.inputs.push_back({InputRole::kTrades, file});
    const ExtractionResult result = run_extraction(many);
    EXPECT_EQ(mdp::testing::first_difference(partitions_of(one.output_dir), partitions_of(many.output_dir)), "");
    ASSERT_EQ(result.inputs.size(), 5U);
    uint64_t rejected = 0;
    for (const InputSummary& input : result.inputs) rejected += input.rejected;
    EXPECT_EQ(rejected, in.bad_lines);
    EXPECT_TRUE(fs::exists(many.output_dir / "rejects/orders-o-0.csv.rejects.csv"));

    // Interrupted in the middle of the second orders file, then resumed: the same files again.
    ExtractionOptions interrupted = many;
    interrupted.output_dir = dir_ / "interrupted";
    interrupted.checkpoint_every_bytes = 100'000;
    std::atomic<bool> stop{false};
    interrupted.stop_requested = &stop;
    interrupted.on_progress = [&](uint64_t done, uint64_t total) {
        if (done * 2 >= total) stop = true;
    };
    EXPECT_THROW(run_extraction(interrupted), Interrupted);
    interrupted.stop_requested = nullptr;
    interrupted.on_progress = nullptr;
    interrupted.start_mode = StartMode::kResume;
    EXPECT_TRUE(run_extraction(interrupted).resumed_from_checkpoint);
    FileTree expected = read_tree(many.output_dir), got = read_tree(interrupted.output_dir);
    expected.erase("extract.checkpoint");
    got.erase("extract.checkpoint");
    EXPECT_EQ(mdp::testing::first_difference(expected, got), "");
}

TEST_F(StreamExtractorTest, AnInputWithColumnsInAnotherOrderIsWrittenInTheFirstInputsOrder) {
    write_text(dir_ / "a.csv", "timestamp,security_code,price\n1712300000000000000,7,10\n");
    write_text(dir_ / "b.csv", "Price, SECURITY_CODE ,timestamp\r\n11,7,1712300000000000001\r\n\"1,2\",7,1712300000000000002\r\n");
    write_text(dir_ / "c.csv", "timestamp,security_code,price\n1712300000000000003,7,13\n");
    ExtractionOptions options;
    options.output_dir = dir_ / "out";
    options.inputs = {{InputRole::kOrders, dir_ / "a.csv"}, {InputRole::kOrders, dir_ / "b.csv"},
                      {InputRole::kOrders, dir_ / "c.csv"}};
    run_extraction(options);
    EXPECT_EQ(read_text(options.output_dir / "partitions/2024-04-05/7/orders.csv"),
              "timestamp,security_code,price\n1712300000000000000,7,10\n1712300000000000001,7,11\r\n"
              "1712300000000000002,7,\"1,2\"\r\n1712300000000000003,7,13\n");
}

TEST_F(StreamExtractorTest, InputsOfOneRoleWithOtherColumnsAreRefusedBeforeAnyWork) {
    write_text(dir_ / "a.csv", "timestamp,security_code,price\n1712300000000000000,7,10\n");
    write_text(dir_ / "b.csv", "timestamp,security_code,quantity\n1712300000000000000,7,10\n");
    ExtractionOptions options;
    options.output_dir = dir_ / "out";
    options.inputs = {{InputRole::kOrders, dir_ / "a.csv"}, {InputRole::kOrders, dir_ / "b.csv"}};
    const std::string message = error_of(options);
    EXPECT_NE(message.find("b.csv:1: its columns differ from those of"), std::string::npos) << message;
    EXPECT_NE(message.find("it lacks price; it has quantity in addition"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(options.output_dir / "partitions"));
}

// --- Bad input -------------------------------------------------------------------------------

TEST_F(StreamExtractorTest, MissingEmptyAndHeaderlessFilesAreClearInputErrors) {
    ExtractionOptions options;
    options.output_dir = dir_ / "out";
    options.inputs = {{InputRole::kOrders, dir_ / "missing.csv"}};
    EXPECT_NE(error_of(options).find("missing.csv: cannot open: No such file"), std::string::npos);

    write_text(dir_ / "empty.csv", "");
    options.inputs = {{InputRole::kOrders, dir_ / "empty.csv"}};
    EXPECT_NE(error_of(options).find("empty.csv: is empty"), std::string::npos);

    write_text(dir_ / "noheader.csv", "order_id,price\n1,2\n");
    options.inputs = {{InputRole::kOrders, dir_ / "noheader.csv"}};
    const std::string message = error_of(options);
    EXPECT_NE(message.find("noheader.csv:1: header lacks the orders columns 'timestamp' and 'security_code'"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("it has: order_id, price"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "partitions"));
}

TEST_F(StreamExtractorTest, TruncatedLastLineIsKeptIfCompleteAndRejectedIfCut) {
    write_text(dir_ / "a.csv", "timestamp,security_code,price\n1712300000000000000,7,10\n1712300000000000000,7,11");
    write_text(dir_ / "b.csv", "timestamp,security_code,price\n1712300000000000000,7,10\n1712300000000000000,7");
    ExtractionOptions options;
    options.inputs = {{InputRole::kOrders, dir_ / "a.csv"}};
    options.output_dir = dir_ / "a";
    auto result = run_extraction(options);
    EXPECT_EQ(read_text(dir_ / "a/partitions/2024-04-05/7/orders.csv"),
              "timestamp,security_code,price\n1712300000000000000,7,10\n1712300000000000000,7,11\n");
    options.inputs = {{InputRole::kOrders, dir_ / "b.csv"}};
    options.output_dir = dir_ / "b";
    result = run_extraction(options);
    EXPECT_EQ(result.inputs[0].rejected, 1U);
    EXPECT_EQ(read_text(dir_ / "b/rejects/orders-b.csv.rejects.csv"),
              "line,byte_offset,kind,reason,text\n3,55,field_count,\"expected 3 fields, found 2\",\"1712300000000000000,7\"\n");
}

TEST_F(StreamExtractorTest, BinaryGarbageAndAHugeLineAreRejectedNotFatal) {
    std::string garbage = "timestamp,security_code\n";
    std::mt19937 rng(9);
    for (int i = 0; i < 100000; ++i) garbage.push_back(static_cast<char>(rng() & 0xFF));
    garbage += "\n1712300000000000000,7\n";
    garbage += std::string(10 * 1024 * 1024, 'Z') + "\n1712300000000000000,8\n";
    write_text(dir_ / "g.csv", garbage);
    ExtractionOptions options;
    options.inputs = {{InputRole::kOrders, dir_ / "g.csv"}};
    options.output_dir = dir_ / "out";
    options.block_bytes = 1 << 20;
    const ExtractionResult result = run_extraction(options);
    EXPECT_EQ(result.partitions.size(), 2U);
    EXPECT_GT(result.inputs[0].rejected, 0U);
    EXPECT_EQ(result.inputs[0].accepted, 2U);
    const std::string rejects = read_text(options.output_dir / "rejects/orders-g.csv.rejects.csv");
    EXPECT_NE(rejects.find("line of 10485760 bytes is longer than the limit"), std::string::npos);
    EXPECT_LT(rejects.size(), 2U * 1024 * 1024);  // the huge line is not copied whole
}

TEST_F(StreamExtractorTest, TooManyRejectsStopsWithTheLineNamed) {
    write_text(dir_ / "o.csv", "timestamp,security_code\n1,x\n2,y\n3,z\n");
    ExtractionOptions options;
    options.inputs = {{InputRole::kOrders, dir_ / "o.csv"}};
    options.output_dir = dir_ / "out";
    options.max_rejects = 2;
    const std::string message = error_of(options);
    EXPECT_NE(message.find("o.csv:4: more than 2 rejected rows"), std::string::npos) << message;
}

TEST_F(StreamExtractorTest, UnknownTimeZoneIsRejectedBeforeAnyWork) {
    write_text(dir_ / "o.csv", "timestamp,security_code\n1,1\n");
    ExtractionOptions options;
    options.inputs = {{InputRole::kOrders, dir_ / "o.csv"}};
    options.output_dir = dir_ / "out";
    options.timezone = "../../etc/passwd";
    EXPECT_THROW(run_extraction(options), std::invalid_argument);
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
}  // namespace mdp::extract
