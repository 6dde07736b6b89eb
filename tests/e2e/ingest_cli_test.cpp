// End-to-end tests of ingest: several input files per role (and directories of them), and
// --append of new inputs to a finished run, which must end byte-identical to one run over every
// input (partition files, every partition's stats, rejects and consolidated tables), also when an
// append is killed with SIGKILL and resumed.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

class IngestCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fresh_scratch_dir();
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q -o " +
                                          shell_quote((dir_ / "in").string()) +
                                          " --securities 12 --days 4 --orders-rows 20000 --malformed-rate 0.001");
        ASSERT_EQ(r.exit_code, 0) << r.output;
        for (const char* role : {"orders", "trades", "nbbo"}) split_in_three(role);
    }

    // in/<role>.csv -> parts/<role>/part-0.csv .. part-2.csv, each with the header, cut at 40% and
    // 75% of the rows: cuts fall inside days, so partitions span two files.
    void split_in_three(const std::string& role) {
        std::ifstream in(dir_ / "in" / (role + ".csv"));
        std::string header;
        std::getline(in, header);
        std::vector<std::string> rows;
        for (std::string line; std::getline(in, line);) rows.push_back(line);
        const size_t cuts[] = {0, rows.size() * 2 / 5, rows.size() * 3 / 4, rows.size()};
        fs::create_directories(dir_ / "parts" / role);
        for (int part = 0; part < 3; ++part) {
            std::ofstream out(part_path(role, part));
            out << header << "\n";
            for (size_t i = cuts[part]; i < cuts[part + 1]; ++i) out << rows[i] << "\n";
        }
    }

    fs::path part_path(const std::string& role, int part) const {
        return dir_ / "parts" / role / ("part-" + std::to_string(part) + ".csv");
    }

    // --orders P --trades P --nbbo P for the given parts.
    std::vector<std::string> parts(std::initializer_list<int> which) const {
        std::vector<std::string> args;
        for (const char* role : {"orders", "trades", "nbbo"}) {
            args.push_back(std::string("--") + role);
            for (const int part : which) args.push_back(part_path(role, part).string());
        }
        return args;
    }

    std::vector<std::string> argv_for(const fs::path& out, std::vector<std::string> args) const {
        args.insert(args.begin(), binary("run_multidataset_pipeline"));
        args.insert(args.end(), {"--output", out.string(), "--progress", "none"});
        return args;
    }

    CommandResult run(const fs::path& out, std::vector<std::string> args) const {
        std::string command;
        for (const auto& arg : argv_for(out, std::move(args))) command += shell_quote(arg) + " ";
        return run_shell(command);
    }

    // One run over all three parts: every orders part through its directory, to check that a
    // directory stands for its files in name order.
    FileTree reference() {
        const fs::path out = dir_ / "reference";
        if (!fs::exists(out)) {
            const CommandResult r =
                run(out, {"--orders", (dir_ / "parts/orders").string(), "--trades", part_path("trades", 0).string(),
                          part_path("trades", 1).string(), part_path("trades", 2).string(), "--nbbo",
                          (dir_ / "parts/nbbo").string()});
            EXPECT_EQ(r.exit_code, 0) << r.output;
        }
        return results_of(out);
    }

    fs::path dir_;
};

TEST_F(IngestCliTest, ManyFilesGiveThePartitionsOfOneFile) {
    const FileTree from_parts = reference();
    ASSERT_EQ(run(dir_ / "whole", {"--orders", (dir_ / "in/orders.csv").string(), "--trades",
                                   (dir_ / "in/trades.csv").string(), "--nbbo", (dir_ / "in/nbbo.csv").string()})
                  .exit_code,
              0);
    FileTree whole = results_of(dir_ / "whole");
    FileTree parts = from_parts;
    // Rejects are per input file, so only the partitions and results compare.
    std::erase_if(whole, [](const auto& entry) { return entry.first.starts_with("rejects/"); });
    std::erase_if(parts, [](const auto& entry) { return entry.first.starts_with("rejects/"); });
    EXPECT_EQ(first_difference(parts, whole), "");
    EXPECT_TRUE(from_parts.contains("rejects/orders-part-1.csv.rejects.csv"));
}

// Standard input (`-`) and a FIFO fed a gzip stream give the partitions of the file; a run whose
// pipe was partly read when it was killed cannot be resumed (a pipe cannot be read again from
// where it stopped) and says so.
TEST_F(IngestCliTest, StandardInputAndAFifoGiveThePartitionsOfTheFile) {
    const std::string trades = shell_quote((dir_ / "in/trades.csv").string());
    const std::string orders = shell_quote((dir_ / "in/orders.csv").string());
    const std::string bin = shell_quote(binary("run_multidataset_pipeline"));
    CommandResult r = run_shell(bin + " extract --progress none --orders " + orders + " --trades " + trades + " -o " +
                                shell_quote((dir_ / "file").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const FileTree expected = read_tree(dir_ / "file/partitions");

    r = run_shell("cat " + orders + " | " + bin + " extract --progress none --orders - --trades " + trades + " -o " +
                  shell_quote((dir_ / "stdin").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(read_tree(dir_ / "stdin/partitions"), expected), "");

    const std::string fifo = shell_quote((dir_ / "orders.fifo").string());
    r = run_shell("mkfifo " + fifo + " && (gzip -c " + orders + " > " + fifo + " &) && " + bin +
                  " extract --progress none --orders " + fifo + " --trades " + trades + " -o " +
                  shell_quote((dir_ / "fifo").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(read_tree(dir_ / "fifo/partitions"), expected), "");

    // Standard input twice is refused before anything is read.
    r = run_shell("true | " + bin + " extract --orders - --trades - -o " + shell_quote((dir_ / "twice").string()));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("standard input is given twice"), std::string::npos) << r.output;

    // Killed while a FIFO is being read (a slow writer keeps it open), then resumed with the FIFO
    // fed again: refused, naming the reason.
    const fs::path out = dir_ / "killed";
    const std::string slow_fifo = shell_quote((dir_ / "slow.fifo").string());
    ASSERT_EQ(run_shell("mkfifo " + slow_fifo).exit_code, 0);
    // One process that holds the FIFO open (exec): killing it closes the FIFO's last writer.
    const pid_t writer = spawn({"/bin/sh", "-c", "exec > " + slow_fifo + "; head -c 300000 " + orders + "; exec sleep 30"},
                               dir_ / "writer.log");
    // Small blocks and checkpoints, so that the 300 KB before the writer stalls are checkpointed.
    const pid_t pid = spawn({binary("run_multidataset_pipeline"), "extract", "--progress", "none", "--checkpoint-every",
                             "64K", "--max-line-bytes", "64K", "--chunk-size", "100", "--orders",
                             (dir_ / "slow.fifo").string(), "--trades", (dir_ / "in/trades.csv").string(), "-o",
                             out.string()},
                            dir_ / "killed.log");
    for (int i = 0; i < 100 && !fs::exists(out / "extract.checkpoint"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(pid, SIGKILL);
    wait_for(pid);
    ::kill(writer, SIGKILL);
    wait_for(writer);
    ASSERT_TRUE(fs::exists(out / "extract.checkpoint")) << read_text(dir_ / "killed.log");
    r = run_shell("(cat " + orders + " > " + slow_fifo + " 2>/dev/null &) ; " + bin +
                  " extract --progress none --resume --max-line-bytes 64K -o " + shell_quote(out.string()));
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("a pipe cannot be read again from where it stopped"), std::string::npos) << r.output;
}

TEST_F(IngestCliTest, AppendingInStepsEqualsOneRunOverEveryInput) {
    const FileTree expected = reference();
    const fs::path three_steps = dir_ / "three_steps";
    CommandResult r = run(three_steps, parts({0}));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::vector<std::string> append = parts({1});
    append.push_back("--append");
    r = run(three_steps, append);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("append: 3 new inputs"), std::string::npos) << r.output;
    append = parts({2});
    append.push_back("--append");
    r = run(three_steps, append);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(results_of(three_steps), expected), "");

    // The same inputs again, and a renamed copy of one, change nothing.
    fs::copy_file(part_path("orders", 1), dir_ / "renamed-orders.csv");
    append = parts({2});
    append.insert(append.begin() + 1, (dir_ / "renamed-orders.csv").string());
    append.push_back("--append");
    r = run(three_steps, append);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("is already in the run"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("nothing new to add"), std::string::npos) << r.output;
    EXPECT_EQ(first_difference(results_of(three_steps), expected), "");

    const fs::path two_steps = dir_ / "two_steps";
    ASSERT_EQ(run(two_steps, parts({0})).exit_code, 0);
    append = parts({1, 2});
    append.push_back("--append");
    r = run(two_steps, append);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(results_of(two_steps), expected), "");
}

// aggregate after --append is incremental: partitions whose records did not change come from
// consolidated/.consolidation_cache, and the result (cache included) is byte-identical to a
// rebuild from every record, to a fresh run over every input, and after the cache is damaged.
TEST_F(IngestCliTest, IncrementalAggregateAfterAppendEqualsARebuild) {
    const FileTree expected = reference();
    const fs::path out = dir_ / "incremental";
    ASSERT_EQ(run(out, parts({0})).exit_code, 0);
    const std::string bin = shell_quote(binary("run_multidataset_pipeline"));
    std::string append = bin + " --append --progress plain -o " + shell_quote(out.string());
    for (const auto& arg : parts({1, 2})) append += " " + shell_quote(arg);
    CommandResult r = run_shell(append);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    // Some partitions were complete in part 0 (its days end before the first cut) and were not
    // re-read; the others were.
    std::smatch consolidated, unchanged;
    ASSERT_TRUE(std::regex_search(r.output, consolidated, std::regex("aggregate: ([0-9]+) of [0-9]+ partitions consolidated")))
        << r.output;
    ASSERT_TRUE(std::regex_search(r.output, unchanged, std::regex("aggregate: ([0-9]+) of them unchanged since the last aggregate")))
        << r.output;
    EXPECT_GT(std::stoi(unchanged[1]), 0) << r.output;
    EXPECT_LT(std::stoi(unchanged[1]), std::stoi(consolidated[1])) << r.output;
    EXPECT_EQ(first_difference(results_of(out), expected), "");

    // A rebuild without the cache gives the same bytes.
    const fs::path cache = out / "consolidated/.consolidation_cache";
    ASSERT_TRUE(fs::exists(cache));
    fs::remove(cache);
    r = run_shell(bin + " aggregate --progress plain -o " + shell_quote(out.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(r.output.find("unchanged since the last aggregate"), std::string::npos) << r.output;
    EXPECT_EQ(first_difference(results_of(out), expected), "");

    // A damaged cache costs reading the records again, never a wrong result.
    std::string bytes = read_text(cache);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
    std::ofstream(cache, std::ios::binary | std::ios::trunc) << bytes;
    r = run_shell(bin + " aggregate --progress plain -o " + shell_quote(out.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(results_of(out), expected), "");
}

TEST_F(IngestCliTest, AChangedInputIsRefusedOnAppendAndTheSameFileTwiceIsAnError) {
    const fs::path out = dir_ / "out";
    ASSERT_EQ(run(out, parts({0})).exit_code, 0);
    {
        std::ofstream grow(part_path("orders", 0), std::ios::app);
        grow << "garbage line\n";
    }
    std::vector<std::string> append = parts({0, 1});
    append.push_back("--append");
    CommandResult r = run(out, append);
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("part-0.csv: it was ingested before and has changed"), std::string::npos) << r.output;

    r = run(dir_ / "twice", {"--orders", part_path("orders", 1).string(), part_path("orders", 1).string(),
                             "--trades", part_path("trades", 1).string()});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("is the same file as"), std::string::npos) << r.output;
}

// An input is its content (INTEGRATION 4): a same-size change is a different input, a touched
// file with the same bytes is the same one.
TEST_F(IngestCliTest, InputIdentityIsTheWholeContentNotSizeOrTime) {
    const fs::path out = dir_ / "out";
    ASSERT_EQ(run(out, parts({0})).exit_code, 0);
    const fs::path orders = part_path("orders", 0);
    const std::string original = read_text(orders);
    std::string changed = original;
    const size_t digit = changed.find_first_of("0123456789", changed.size() / 2);
    changed[digit] = changed[digit] == '7' ? '8' : '7';
    const auto mtime = fs::last_write_time(orders);
    write_text(orders, changed);
    fs::last_write_time(orders, mtime);  // same size and time: only the content tells

    std::vector<std::string> append = parts({0, 1});
    append.push_back("--append");
    CommandResult r = run(out, append);
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("part-0.csv: it was ingested before and has changed since (same size, different content)"),
              std::string::npos)
        << r.output;
    // A resume trusts a finished input whose path, size and time are unchanged (re-reading a
    // year of inputs at every resume would cost more than the resume); edited, it is hashed.
    EXPECT_EQ(run(out, {"--resume"}).exit_code, 0);
    fs::last_write_time(orders, mtime + std::chrono::seconds(5));
    r = run(out, {"--resume"});
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("has the same size but different content"), std::string::npos) << r.output;

    write_text(orders, original);  // the same bytes again, with a new modification time
    r = run(out, {"--resume"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    r = run(out, append);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("append: 3 new inputs"), std::string::npos) << r.output;
}

// A .gz cut short stops the run with the rows before the damage partitioned; --resume after the
// file is replaced by a good one reads the decoded bytes it extracted before again (the same,
// though the stored bytes differ), goes on, and ends like a run over the plain file.
TEST_F(IngestCliTest, ResumeAfterACorruptGzipIsReplacedContinues) {
    const fs::path plain = dir_ / "plain";
    ASSERT_EQ(run(plain, {"--orders", (dir_ / "in/orders.csv").string(), "--trades",
                          (dir_ / "in/trades.csv").string()})
                  .exit_code,
              0);
    const fs::path gz = dir_ / "orders.csv.gz";
    ASSERT_EQ(run_shell("gzip -c " + shell_quote((dir_ / "in/orders.csv").string()) + " > " +
                        shell_quote((dir_ / "good.gz").string()))
                  .exit_code,
              0);
    const std::string good = read_text(dir_ / "good.gz");
    write_text(gz, good.substr(0, good.size() * 3 / 5));

    const fs::path out = dir_ / "out";
    const std::vector<std::string> args = {"--orders", gz.string(), "--trades", (dir_ / "in/trades.csv").string()};
    CommandResult r = run(out, args);
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("orders.csv.gz"), std::string::npos) << r.output;
    EXPECT_TRUE(fs::exists(out / "partitions")) << "rows before the damage are partitioned";

    write_text(gz, good);
    std::vector<std::string> resume = args;
    resume.push_back("--resume");
    r = run(out, resume);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    FileTree actual = results_of(out);
    FileTree expected = results_of(plain);
    // Rejects files are named after their input (orders-orders.csv.gz vs orders-orders.csv).
    for (FileTree* tree : {&actual, &expected}) {
        for (auto it = tree->begin(); it != tree->end();) it = it->first.starts_with("rejects/") ? tree->erase(it) : std::next(it);
    }
    EXPECT_EQ(first_difference(actual, expected), "");
}

TEST_F(IngestCliTest, KillNineDuringAnAppendThenResumeEndsLikeOneRun) {
    const FileTree expected = reference();
    std::vector<std::string> append = parts({1, 2});
    append.push_back("--append");
    // How long the append takes, to aim the kills inside it.
    ASSERT_EQ(run(dir_ / "timing", parts({0})).exit_code, 0);
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(run(dir_ / "timing", append).exit_code, 0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::mt19937 rng(11);
    std::uniform_real_distribution<double> when(0.05, 0.9);
    int mid_run_kills = 0;
    for (int attempt = 0; attempt < 8 && mid_run_kills < 4; ++attempt) {
        const fs::path out = dir_ / ("run" + std::to_string(attempt));
        ASSERT_EQ(run(out, parts({0})).exit_code, 0);
        const double kill_after = when(rng) * seconds;
        const pid_t pid = spawn(argv_for(out, append), dir_ / "killed.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(kill_after));
        ::kill(pid, SIGKILL);
        if (wait_for(pid).term_signal != SIGKILL) continue;  // finished before the kill
        ++mid_run_kills;
        // The same --append command again continues it (inputs it already recorded are skipped,
        // extraction goes on from its checkpoint); so does --resume, once the append has
        // recorded its inputs: before that, there is no append to resume, and the command must
        // be run again (docs/cli.md). Alternate both ways.
        if (attempt % 2 == 1) {
            const CommandResult resumed = run(out, {"--resume"});
            ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
        }
        const CommandResult r = run(out, append);
        ASSERT_EQ(r.exit_code, 0) << r.output;
        EXPECT_EQ(first_difference(results_of(out), expected), "") << "killed after " << kill_after << " s";
        fs::remove_all(out);
    }
    EXPECT_GE(mid_run_kills, 2) << "the append (" << seconds << " s) ended before most kills";
}

}  // namespace
}  // namespace mdp
