// End-to-end tests of `run_multidataset_pipeline extract`: the real binary on generated files,
// killed with SIGKILL mid-run, run under a small open-file limit, given bad input, a read-only
// output directory and a full disk.

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"
#include "support/synthetic_rows.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

class ExtractCliTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = fresh_scratch_dir(); }

    void write_inputs(const SyntheticInput& in) {
        write_text(dir_ / "orders.csv", in.orders);
        write_text(dir_ / "trades.csv", in.trades);
    }

    std::vector<std::string> extract_args(const fs::path& out, std::vector<std::string> extra = {}) const {
        std::vector<std::string> args{binary("run_multidataset_pipeline"), "extract",
                                      "--orders", (dir_ / "orders.csv").string(),
                                      "--trades", (dir_ / "trades.csv").string(),
                                      "--output", out.string(), "--progress", "none"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    std::string extract_command(const fs::path& out, const std::string& extra = "") const {
        std::string command;
        for (const auto& arg : extract_args(out)) command += shell_quote(arg) + " ";
        return command + extra;
    }

    // What extraction writes: the partition files and the rejects (the registry and the
    // checkpoint hold times and absolute paths, and are checked through their effects).
    static FileTree outputs(const fs::path& out) {
        FileTree tree = read_tree(out / "partitions");
        for (auto& [path, content] : read_tree(out / "rejects")) tree["rejects/" + path] = std::move(content);
        return tree;
    }

    // An uninterrupted extraction into reference/: its outputs, and how long it took in
    // `seconds` (when to interrupt the runs compared with it).
    FileTree reference_outputs(const std::vector<std::string>& tuning, double& seconds) const {
        const auto started = std::chrono::steady_clock::now();
        const CommandResult reference = wait_for(spawn(extract_args(dir_ / "reference", tuning), dir_ / "reference.log"));
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        EXPECT_EQ(reference.exit_code, 0) << read_text(dir_ / "reference.log");
        return outputs(dir_ / "reference");
    }

    fs::path dir_;
};

TEST_F(ExtractCliTest, KillNineAtRandomPointsThenResumeGivesIdenticalFiles) {
    write_inputs(make_synthetic_input(400'000, 11, true, 300));
    const std::vector<std::string> tuning{"--chunk-size", "2000", "--checkpoint-every", "2M"};

    double full_seconds = 0;
    const FileTree expected = reference_outputs(tuning, full_seconds);
    ASSERT_FALSE(HasFailure());
    ASSERT_GT(expected.size(), 1000U);

    std::mt19937 rng(20261122);
    std::uniform_real_distribution<double> when(0.1, 0.85);
    int mid_run_kills = 0;
    for (int attempt = 0; attempt < 8 && mid_run_kills < 4; ++attempt) {
        const fs::path out = dir_ / ("run" + std::to_string(attempt));
        const double kill_after = when(rng) * full_seconds;
        const pid_t pid = spawn(extract_args(out, tuning), dir_ / "killed.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(kill_after));
        ::kill(pid, SIGKILL);
        const CommandResult killed = wait_for(pid);
        if (killed.term_signal != SIGKILL) continue;  // it finished first: not a mid-run kill
        ++mid_run_kills;

        const CommandResult resumed = wait_for(spawn(extract_args(out, {"--resume"}), dir_ / "resume.log"));
        ASSERT_EQ(resumed.exit_code, 0) << read_text(dir_ / "resume.log");
        EXPECT_EQ(first_difference(outputs(out), expected), "") << "killed after " << kill_after << " s of " << full_seconds;
        fs::remove_all(out);
    }
    EXPECT_GE(mid_run_kills, 4) << "the extraction (" << full_seconds << " s) ended before most kills";
}

// SIGTERM or SIGINT during extraction: it stops with the interrupted code (5) after saving a
// checkpoint, and --resume ends with the files of an uninterrupted run.
TEST_F(ExtractCliTest, SigtermOrSigintDuringExtractionStopsWithCodeFiveAndResumesIdentically) {
    write_inputs(make_synthetic_input(400'000, 11, true, 300));
    const std::vector<std::string> tuning{"--chunk-size", "2000", "--checkpoint-every", "2M"};

    double full_seconds = 0;
    const FileTree expected = reference_outputs(tuning, full_seconds);
    ASSERT_FALSE(HasFailure());

    std::mt19937 rng(20261208);
    std::uniform_real_distribution<double> when(0.1, 0.7);
    int stopped = 0;
    for (int attempt = 0; attempt < 8 && stopped < 2; ++attempt) {
        const fs::path out = dir_ / ("stopped" + std::to_string(attempt));
        const int signal = attempt % 2 == 0 ? SIGTERM : SIGINT;
        const pid_t pid = spawn(extract_args(out, tuning), dir_ / "stopped.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(when(rng) * full_seconds));
        ::kill(pid, signal);
        const CommandResult result = wait_for(pid);
        if (result.exit_code == 0) continue;  // it finished first
        ++stopped;
        ASSERT_EQ(result.exit_code, 5) << "signal " << signal << ": " << read_text(dir_ / "stopped.log");
        EXPECT_TRUE(fs::exists(out / "extract.checkpoint")) << read_text(dir_ / "stopped.log");

        const CommandResult resumed = wait_for(spawn(extract_args(out, {"--resume"}), dir_ / "resume.log"));
        ASSERT_EQ(resumed.exit_code, 0) << read_text(dir_ / "resume.log");
        EXPECT_EQ(first_difference(outputs(out), expected), "");
        fs::remove_all(out);
    }
    EXPECT_GE(stopped, 2) << "the extraction (" << full_seconds << " s) ended before the signals";
}

// Compressed inputs (detected by content: the names say .csv) give the same files as plain ones,
// resume after a kill by decoding up to the checkpoint, and a truncated one stops with the
// bad-input exit code and a message naming the file and the decoded offset.
TEST_F(ExtractCliTest, GzipAndZstdInputsGiveTheSameFilesResumeAndFailCleanlyWhenTruncated) {
    write_inputs(make_synthetic_input(200'000, 7, true, 200));
    const CommandResult plain = run_shell(extract_command(dir_ / "plain"));
    ASSERT_EQ(plain.exit_code, 0) << plain.output;
    const FileTree expected = outputs(dir_ / "plain");

    const std::string plain_orders = read_text(dir_ / "orders.csv");
    const std::string d = shell_quote(dir_.string());
    ASSERT_EQ(run_shell("cd " + d + " && gzip -c orders.csv > o.tmp && zstd -q -c trades.csv > t.tmp && "
                        "mv o.tmp orders.csv && mv t.tmp trades.csv").exit_code, 0);
    const CommandResult compressed = run_shell(extract_command(dir_ / "compressed"));
    ASSERT_EQ(compressed.exit_code, 0) << compressed.output;
    EXPECT_EQ(first_difference(outputs(dir_ / "compressed"), expected), "");

    const std::vector<std::string> tuning{"--chunk-size", "2000", "--checkpoint-every", "1M"};
    bool resumed_mid_run = false;
    for (const double kill_after : {0.3, 0.15, 0.6, 0.05}) {
        const fs::path out = dir_ / "killed";
        fs::remove_all(out);
        const pid_t pid = spawn(extract_args(out, tuning), dir_ / "killed.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(kill_after));
        ::kill(pid, SIGKILL);
        if (wait_for(pid).term_signal != SIGKILL) continue;
        const CommandResult resumed = wait_for(spawn(extract_args(out, {"--resume"}), dir_ / "resume.log"));
        ASSERT_EQ(resumed.exit_code, 0) << read_text(dir_ / "resume.log");
        EXPECT_EQ(first_difference(outputs(out), expected), "");
        resumed_mid_run = true;
        break;
    }
    EXPECT_TRUE(resumed_mid_run) << "every run ended before the kill";

    const std::string gz = read_text(dir_ / "orders.csv");
    write_text(dir_ / "orders.csv", gz.substr(0, gz.size() / 2));
    const CommandResult truncated = run_shell(extract_command(dir_ / "truncated"));
    EXPECT_EQ(truncated.exit_code, 3) << truncated.output;
    const std::string marker = "orders.csv: gzip stream is corrupt or truncated after decoded byte ";
    const size_t at = truncated.output.find(marker);
    ASSERT_NE(at, std::string::npos) << truncated.output;
    // Every complete line before the damage is partitioned (or rejected), and checkpointed.
    const uint64_t reached = std::stoull(truncated.output.substr(at + marker.size()));
    ASSERT_GT(reached, 0U);
    const std::string before = plain_orders.substr(0, reached);
    const auto lines_before = static_cast<uint64_t>(std::count(before.begin(), before.end(), '\n')) - 1;
    uint64_t rows = 0;
    for (const auto& [path, content] : outputs(dir_ / "truncated")) {
        const bool partition_file = path.ends_with("/orders.csv");
        if (!partition_file && !path.starts_with("rejects/orders-")) continue;
        rows += static_cast<uint64_t>(std::count(content.begin(), content.end(), '\n')) - 1;  // minus the header
        if (partition_file) {
            EXPECT_TRUE(expected.at(path).starts_with(content)) << path << " is not a prefix of the full file";
        }
    }
    EXPECT_EQ(rows, lines_before);
}

TEST_F(ExtractCliTest, FiveThousandPartitionsUnderAnOpenFileLimitOf256) {
    std::string orders = "order_id,timestamp,security_code\n";
    std::string trades = "orderid,tradetime,securitycode\n";
    for (int round = 0; round < 2; ++round) {
        for (int s = 0; s < 5000; ++s) {
            orders += std::to_string(round) + ",1712300000000000000," + std::to_string(s) + "\n";
            if (round == 0) trades += "0,1712300000000000000," + std::to_string(s) + "\n";
        }
    }
    write_text(dir_ / "orders.csv", orders);
    write_text(dir_ / "trades.csv", trades);
    const CommandResult run = run_shell("ulimit -n 256 && exec " + extract_command(dir_ / "out"));
    ASSERT_EQ(run.exit_code, 0) << run.output;
    size_t partitions = 0;
    for (const auto& entry : fs::directory_iterator(dir_ / "out/partitions/2024-04-05")) {
        ++partitions;
        const std::string s = entry.path().filename().string();
        ASSERT_EQ(read_text(entry.path() / "orders.csv"),
                  "order_id,timestamp,security_code\n0,1712300000000000000," + s + "\n1,1712300000000000000," + s + "\n");
        ASSERT_EQ(read_text(entry.path() / "trades.csv"),
                  "orderid,tradetime,securitycode\n0,1712300000000000000," + s + "\n");
    }
    EXPECT_EQ(partitions, 5000U);
}

TEST_F(ExtractCliTest, ExitCodesForBadInputAndUsage) {
    write_inputs(make_synthetic_input(100, 1, false));
    const std::string bin = shell_quote(binary("run_multidataset_pipeline"));
    const std::string out = shell_quote((dir_ / "out").string());

    CommandResult r = run_shell(bin + " extract --orders /no/such.csv --trades " + shell_quote((dir_ / "trades.csv").string()) + " -o " + out);
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("/no/such.csv: does not exist"), std::string::npos) << r.output;

    write_text(dir_ / "empty.csv", "");
    r = run_shell(bin + " extract --orders " + shell_quote((dir_ / "empty.csv").string()) + " --trades " +
                  shell_quote((dir_ / "trades.csv").string()) + " -o " + out);
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("empty.csv: is empty"), std::string::npos) << r.output;

    r = run_shell(bin + " extract --orders x.csv");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("--output DIR is required"), std::string::npos) << r.output;

    r = run_shell(bin + " --no-such-flag");
    EXPECT_EQ(r.exit_code, 2) << r.output;

    r = run_shell("SWEEP_WORKERS=lots " + extract_command(dir_ / "out"));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("SWEEP_WORKERS='lots'"), std::string::npos) << r.output;

    r = run_shell(extract_command(dir_ / "out", "--timezone Mars/Olympus"));
    EXPECT_EQ(r.exit_code, 2) << r.output;

    r = run_shell(extract_command(dir_ / "out"));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_shell(extract_command(dir_ / "out"));
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("--resume"), std::string::npos) << r.output;

    write_text(dir_ / "bad.csv", "timestamp,security_code\n1,../../etc\n2,1e5\n");
    r = run_shell(bin + " extract --progress none --max-rejects 1 --orders " + shell_quote((dir_ / "bad.csv").string()) +
                  " --trades " + shell_quote((dir_ / "trades.csv").string()) + " -o " + shell_quote((dir_ / "out2").string()));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("bad.csv:3: more than 1 rejected rows"), std::string::npos) << r.output;
    // Every row of a role rejected: an error, not an empty analysis.
    r = run_shell(bin + " extract --progress none --orders " + shell_quote((dir_ / "bad.csv").string()) +
                  " --trades " + shell_quote((dir_ / "trades.csv").string()) + " -o " + shell_quote((dir_ / "out3").string()));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_NE(r.output.find("every one of the 2 rows of the orders inputs was rejected"), std::string::npos) << r.output;
    // Nothing was written outside the output directories.
    for (const auto& entry : fs::directory_iterator(dir_)) {
        const std::string name = entry.path().filename().string();
        EXPECT_TRUE(name == "out" || name == "out2" || name == "out3" || name.ends_with(".csv")) << name;
    }
}

bool can_use_mount_namespaces() { return run_shell("unshare -m true").exit_code == 0; }

TEST_F(ExtractCliTest, ReadOnlyOutputDirectoryIsAClearError) {
    if (!can_use_mount_namespaces()) GTEST_SKIP() << "needs unshare -m (root) to make a read-only mount";
    write_inputs(make_synthetic_input(1000, 2, false));
    fs::create_directories(dir_ / "ro");
    const std::string ro = shell_quote((dir_ / "ro").string());
    const CommandResult r = run_shell("unshare -m sh -c " +
                                      shell_quote("mount --bind " + ro + " " + ro + " && mount -o remount,bind,ro " +
                                                  ro + " && exec " + extract_command(dir_ / "ro/out")));
    EXPECT_EQ(r.exit_code, 6) << r.output;
    EXPECT_NE(r.output.find("Read-only file system"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find((dir_ / "ro/out").string()), std::string::npos) << r.output;
}

TEST_F(ExtractCliTest, FullDiskFailsCleanlyAndResumesAfterSpaceIsFreed) {
    if (!can_use_mount_namespaces()) GTEST_SKIP() << "needs unshare -m (root) to mount a small tmpfs";
    write_inputs(make_synthetic_input(60'000, 3, true));
    ASSERT_EQ(run_shell(extract_command(dir_ / "reference")).exit_code, 0);

    const std::string mnt = shell_quote((dir_ / "mnt").string());
    fs::create_directories(dir_ / "mnt");
    const std::string script =
        "mount -t tmpfs -o size=1m tmpfs " + mnt + " || exit 90\n" +
        extract_command(dir_ / "mnt/out", "--checkpoint-every 256K > " + shell_quote((dir_ / "full.log").string()) + " 2>&1") + "\n" +
        "echo $? > " + shell_quote((dir_ / "full.code").string()) + "\n" +
        "mount -o remount,size=64m " + mnt + " || exit 91\n" +
        extract_command(dir_ / "mnt/out", "--resume > " + shell_quote((dir_ / "resume.log").string()) + " 2>&1") + "\n" +
        "echo $? > " + shell_quote((dir_ / "resume.code").string()) + "\n" +
        "cp -a " + shell_quote((dir_ / "mnt/out").string()) + " " + shell_quote((dir_ / "copy").string()) + "\n";
    const CommandResult r = run_shell("unshare -m sh -c " + shell_quote(script));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(read_text(dir_ / "full.code"), "6\n") << read_text(dir_ / "full.log");
    EXPECT_NE(read_text(dir_ / "full.log").find("No space left on device"), std::string::npos)
        << read_text(dir_ / "full.log");
    EXPECT_EQ(read_text(dir_ / "resume.code"), "0\n") << read_text(dir_ / "resume.log");
    EXPECT_EQ(first_difference(outputs(dir_ / "copy"), outputs(dir_ / "reference")), "");
}

}  // namespace
}  // namespace mdp
