// End-to-end tests of the whole pipeline command: the real binaries on generated market data,
// killed with SIGKILL or interrupted with SIGINT during processing, with a partition that keeps
// failing, with two runs on one directory, and with inputs changed under a resumable run.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <thread>

#include "registry/partition_registry.h"
#include "support/damaged_partitions.h"
#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;
using registry::PartitionStatus;

// The partition files and every partition's stats/, without the registry and checkpoint
// (which hold times and absolute paths).
FileTree partition_outputs(const fs::path& out) { return read_tree(out / "partitions"); }

class PipelineCliTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = fresh_scratch_dir(); }

    void generate(const std::string& options) {
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q -o " +
                                          shell_quote((dir_ / "in").string()) + " " + options);
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    std::vector<std::string> pipeline(const fs::path& out, std::vector<std::string> args) const {
        std::vector<std::string> argv{binary("run_multidataset_pipeline")};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.insert(argv.end(), {"--output", out.string(), "--progress", "none"});
        return argv;
    }

    std::vector<std::string> inputs() const {
        return {"--orders", (dir_ / "in/orders.csv").string(), "--trades", (dir_ / "in/trades.csv").string(),
                "--nbbo", (dir_ / "in/nbbo.csv").string()};
    }

    CommandResult run(const fs::path& out, std::vector<std::string> args) const {
        std::string command;
        for (const auto& arg : pipeline(out, std::move(args))) command += shell_quote(arg) + " ";
        return run_shell(command);
    }

    static std::unique_ptr<registry::PartitionRegistry> load_registry(const fs::path& out) {
        auto reg = std::make_unique<registry::PartitionRegistry>(registry::PartitionRegistry::path_in(out));
        reg->load();
        return reg;
    }

    fs::path dir_;
};

TEST_F(PipelineCliTest, KillNineDuringProcessingThenResumeCompletesEveryPartitionOnceIdentically) {
    generate("--securities 120 --days 5 --orders-rows 150000");
    std::vector<std::string> full = inputs();
    CommandResult r = run(dir_ / "reference", full);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const FileTree expected = partition_outputs(dir_ / "reference");
    const size_t partitions = load_registry(dir_ / "reference")->size();
    ASSERT_GT(partitions, 300U);

    // How long processing alone takes, to aim the kills inside it.
    std::vector<std::string> extract_only = inputs();
    extract_only.insert(extract_only.begin(), "extract");
    ASSERT_EQ(run(dir_ / "timing", extract_only).exit_code, 0);
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(run(dir_ / "timing", {"process"}).exit_code, 0);
    const double process_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    std::mt19937 rng(7);
    std::uniform_real_distribution<double> when(0.1, 0.85);
    int mid_run_kills = 0;
    for (int attempt = 0; attempt < 8 && mid_run_kills < 3; ++attempt) {
        const fs::path out = dir_ / ("run" + std::to_string(attempt));
        ASSERT_EQ(run(out, extract_only).exit_code, 0);
        const double kill_after = when(rng) * process_seconds;
        const pid_t pid = spawn(pipeline(out, {"process"}), dir_ / "killed.log");
        std::this_thread::sleep_for(std::chrono::duration<double>(kill_after));
        ::kill(pid, SIGKILL);
        if (wait_for(pid).term_signal != SIGKILL) continue;  // finished before the kill
        {
            const auto reg = load_registry(out);
            if (reg->count(PartitionStatus::kCompleted) == partitions) continue;  // nothing left to resume
        }
        ++mid_run_kills;
        r = run(out, {"--resume"});
        ASSERT_EQ(r.exit_code, 0) << r.output;
        const auto reg = load_registry(out);
        EXPECT_EQ(reg->size(), partitions);
        EXPECT_EQ(reg->count(PartitionStatus::kCompleted), partitions);
        EXPECT_EQ(first_difference(partition_outputs(out), expected), "") << "killed after " << kill_after << " s";
        fs::remove_all(out);
    }
    EXPECT_GE(mid_run_kills, 3) << "processing (" << process_seconds << " s) ended before most kills";
}

TEST_F(PipelineCliTest, CtrlCStopsCleanlyWithTheInterruptedCodeAndResumeFinishes) {
    generate("--securities 120 --days 5 --orders-rows 150000");
    ASSERT_EQ(run(dir_ / "reference", inputs()).exit_code, 0);
    std::vector<std::string> extract_only = inputs();
    extract_only.insert(extract_only.begin(), "extract");
    ASSERT_EQ(run(dir_ / "out", extract_only).exit_code, 0);
    const pid_t pid = spawn(pipeline(dir_ / "out", {"process"}), dir_ / "interrupted.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(pid, SIGINT);
    const CommandResult stopped = wait_for(pid);
    if (stopped.exit_code == 0) GTEST_SKIP() << "processing finished within 300 ms; nothing to interrupt";
    EXPECT_EQ(stopped.exit_code, 5) << read_text(dir_ / "interrupted.log");
    EXPECT_NE(read_text(dir_ / "interrupted.log").find("--resume"), std::string::npos);
    const auto reg = load_registry(dir_ / "out");
    EXPECT_EQ(reg->count(PartitionStatus::kRunning), 0U);  // running tasks finished and were recorded
    EXPECT_GT(reg->count(PartitionStatus::kPending), 0U);
    const CommandResult resumed = run(dir_ / "out", {"--resume"});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    EXPECT_EQ(first_difference(partition_outputs(dir_ / "out"), partition_outputs(dir_ / "reference")), "");
}

// Bad data cannot change between attempts: such a partition fails at its first attempt, without
// retry delays (transient failures are retried: tests/engine). A partition file deleted after
// extraction fails its partition loudly instead of being analysed as empty.
TEST_F(PipelineCliTest, ABadPartitionFailsAtOnceThenIsResetAndResumed) {
    generate("--preset demo");
    ASSERT_EQ(run(dir_ / "reference", inputs()).exit_code, 0);
    std::vector<std::string> extract_only = inputs();
    extract_only.insert(extract_only.begin(), "extract");
    ASSERT_EQ(run(dir_ / "out", extract_only).exit_code, 0);

    // Break one partition's orders file the way a bad export would: a non-numeric order id, of
    // the same length (the file keeps the size extraction recorded). Extraction checks only the
    // key columns, so this surfaces in the analyzers. And delete another partition's trades.
    auto reg = load_registry(dir_ / "out");
    const DamagedPartitions damage = DamagedPartitions::make(dir_ / "out", *reg);
    const PartitionKey broken = damage.broken;
    const PartitionKey lost = damage.lost;

    CommandResult r = run(dir_ / "out", {"process", "--max-retries", "2", "--retry-delay-ms", "300"});
    EXPECT_EQ(r.exit_code, 4) << r.output;
    reg = load_registry(dir_ / "out");
    const auto entry = reg->find(broken);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->status, PartitionStatus::kFailed);
    EXPECT_EQ(entry->attempts, 1U);
    EXPECT_EQ(entry->last_error.find('\n'), std::string::npos);
    EXPECT_NE(entry->last_error.find("orders.csv:2"), std::string::npos) << entry->last_error;
    const auto lost_entry = reg->find(lost);
    ASSERT_TRUE(lost_entry);
    EXPECT_EQ(lost_entry->status, PartitionStatus::kFailed);
    EXPECT_NE(lost_entry->last_error.find("trades.csv is missing but extraction wrote"), std::string::npos)
        << lost_entry->last_error;
    EXPECT_EQ(reg->count(PartitionStatus::kCompleted), reg->size() - 2);

    r = run(dir_ / "out", {"status"});
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_NE(r.output.find("failed " + broken.to_string() + " after 1 attempt: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("2 failed"), std::string::npos) << r.output;

    // The same facts as JSON, filtered: every failed partition with its error; a date's share.
    r = run(dir_ / "out", {"status", "--json", "--status", "failed", "--list"});
    EXPECT_EQ(r.exit_code, 4) << r.output;
    const nlohmann::json failed = nlohmann::json::parse(r.output);
    EXPECT_EQ(failed.at("filter").at("status"), "failed");
    EXPECT_EQ(failed.at("partitions").at("total"), 2);
    EXPECT_EQ(failed.at("partitions").at("failed"), 2);
    ASSERT_EQ(failed.at("failed").size(), 2U);
    EXPECT_EQ(failed.at("failed")[0].at("partition"), broken.to_string());
    EXPECT_NE(failed.at("failed")[0].at("error").get<std::string>().find("orders.csv:2"), std::string::npos);
    EXPECT_EQ(failed.at("list").size(), 2U);
    r = run(dir_ / "out", {"status", "--json", "--date", broken.date.to_string()});
    const nlohmann::json day = nlohmann::json::parse(r.output);
    EXPECT_EQ(day.at("partitions").at("total"), reg->keys(registry::PartitionFilter().on_date(broken.date)).size());
    EXPECT_EQ(day.at("inputs").size(), 3U);
    r = run(dir_ / "out", {"status", "--status", "done"});
    EXPECT_EQ(r.exit_code, 2) << r.output;

    // Without a reset, a failed partition stays failed: resuming does not retry it.
    r = run(dir_ / "out", {"--resume", "--max-retries", "0"});
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_EQ(load_registry(dir_ / "out")->find(broken)->attempts, 1U);

    damage.restore();  // the user fixes the files
    r = run(dir_ / "out", {"reset-failed"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("2 failed partitions are pending again"), std::string::npos) << r.output;
    r = run(dir_ / "out", {"--resume"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    reg = load_registry(dir_ / "out");
    EXPECT_EQ(reg->count(PartitionStatus::kCompleted), reg->size());
    EXPECT_EQ(first_difference(partition_outputs(dir_ / "out"), partition_outputs(dir_ / "reference")), "");
}

TEST_F(PipelineCliTest, ASecondRunOnTheSameDirectoryIsRefusedNamingTheHolder) {
    generate("--preset demo");
    std::vector<std::string> extract_only = inputs();
    extract_only.insert(extract_only.begin(), "extract");
    ASSERT_EQ(run(dir_ / "out", extract_only).exit_code, 0);
    const pid_t holder = spawn(pipeline(dir_ / "out", {"process"}), dir_ / "holder.log");
    // Wait until it holds the lock, then freeze it there.
    for (int i = 0; i < 500 && read_text(dir_ / "out/.lock").find(std::to_string(holder)) == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(holder, SIGSTOP);
    const CommandResult second = run(dir_ / "out", {"process"});
    ::kill(holder, SIGCONT);
    const CommandResult first = wait_for(holder);
    EXPECT_EQ(second.exit_code, 7) << second.output;
    EXPECT_NE(second.output.find("pid " + std::to_string(holder)), std::string::npos) << second.output;
    EXPECT_EQ(first.exit_code, 0) << read_text(dir_ / "holder.log");
}

TEST_F(PipelineCliTest, ResumeIsRefusedWhenInputsOrSettingsChanged) {
    generate("--preset demo");
    ASSERT_EQ(run(dir_ / "out", inputs()).exit_code, 0);
    CommandResult r = run(dir_ / "out", inputs());
    EXPECT_EQ(r.exit_code, 8) << r.output;  // no --resume on an existing run

    std::vector<std::string> other_source = inputs();
    other_source.insert(other_source.end(), {"--resume", "--nbbo-source", "file"});
    r = run(dir_ / "out", other_source);
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("nbbo_source"), std::string::npos) << r.output;

    write_text(dir_ / "in/trades.csv", read_text(dir_ / "in/trades.csv") + "\n");
    std::vector<std::string> resume = inputs();
    resume.push_back("--resume");
    r = run(dir_ / "out", resume);
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_NE(r.output.find("trades"), std::string::npos) << r.output;

    r = run(dir_ / "out", {"--resume"});  // inputs taken from the registry: still changed
    EXPECT_EQ(r.exit_code, 8) << r.output;

    std::vector<std::string> restart = inputs();
    restart.push_back("--restart");
    r = run(dir_ / "out", restart);
    EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST_F(PipelineCliTest, EveryPartitionGetsEveryStatsFileAndRunsAreByteIdentical) {
    generate("--preset demo");
    std::vector<std::string> one_worker = inputs();
    one_worker.insert(one_worker.end(), {"--workers", "1"});
    std::vector<std::string> two_workers = inputs();
    two_workers.insert(two_workers.end(), {"--workers", "2", "--chunk-size", "500"});
    ASSERT_EQ(run(dir_ / "first", one_worker).exit_code, 0);
    ASSERT_EQ(run(dir_ / "second", two_workers).exit_code, 0);

    const auto reg = load_registry(dir_ / "first");
    ASSERT_GT(reg->size(), 50U);
    const std::vector<std::string> stats_files{
        "matched/sweep_order_comparison_detailed.csv", "matched/sweep_order_comparison_summary.csv",
        "matched/sweep_order_statistical_tests.csv",   "matched/sweep_order_quantile_comparison.csv",
        "matched/sweep_order_validation.json",         "unmatched/sweep_order_unexecuted_in_dark.csv",
        "unmatched/unmatched_orders_analysis.csv",     "unmatched/unmatched_summary.json",
        "simulation/simulated_fills.csv"};
    size_t with_matched_rows = 0;
    for (const PartitionKey& key : reg->keys()) {
        const fs::path stats = key.directory_under(dir_ / "first") / "stats";
        for (const auto& file : stats_files) ASSERT_TRUE(fs::is_regular_file(stats / file)) << stats / file;
        const std::string detailed = read_text(stats / stats_files[0]);
        with_matched_rows += std::count(detailed.begin(), detailed.end(), '\n') > 1 ? 1 : 0;
        EXPECT_FALSE(fs::exists(key.directory_under(dir_ / "first") / "stats.partial"));
    }
    EXPECT_GT(with_matched_rows, 10U);  // the demo has real work in many partitions
    EXPECT_EQ(first_difference(partition_outputs(dir_ / "first"), partition_outputs(dir_ / "second")), "");
}

TEST_F(PipelineCliTest, SystemInfoAndEnvironmentOverrides) {
    CommandResult r = run_shell(shell_quote(binary("run_multidataset_pipeline")) + " --show-system-info");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("workers"), std::string::npos) << r.output;
    // What each phase really uses, from the code the phases use: extraction's memory is the
    // budget up to its 256 MiB cap.
    EXPECT_NE(r.output.find("What each phase uses of it:"), std::string::npos) << r.output;
    r = run_shell(shell_quote(binary("run_multidataset_pipeline")) + " --show-system-info --memory-budget 8G");
    EXPECT_NE(r.output.find(" threads; memory 256.0 MiB (the budget, capped"), std::string::npos) << r.output;
    r = run_shell(shell_quote(binary("run_multidataset_pipeline")) + " --show-system-info --memory-budget 100M");
    EXPECT_NE(r.output.find(" threads; memory 100.0 MiB (the budget"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("up to 50.0 MiB of rows held before writing"), std::string::npos) << r.output;
    r = run_shell("SWEEP_WORKERS=3 " + shell_quote(binary("run_multidataset_pipeline")) + " --show-system-info");
    EXPECT_NE(r.output.find("SWEEP_WORKERS"), std::string::npos) << r.output;
    r = run_shell("SWEEP_WORKERS=abc " + shell_quote(binary("run_multidataset_pipeline")) + " --show-system-info");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("SWEEP_WORKERS"), std::string::npos) << r.output;
    r = run_shell("SWEEP_CHUNK_SIZE=0 " + shell_quote(binary("run_multidataset_pipeline")) + " --show-system-info");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    r = run_shell("SWEEP_WORKERS=abc " + shell_quote(binary("run_multidataset_pipeline")) +
                  " --show-system-info --workers 2");
    EXPECT_EQ(r.exit_code, 0) << "a flag wins over the environment: " << r.output;
}

// Typos get a suggestion, errors carry the program's name, the flag and the variable accept the
// same range, --version names the commit, and a refused run leaves nothing behind.
TEST_F(PipelineCliTest, UsageErrorsSuggestAndARefusedRunLeavesNothing) {
    const std::string program = shell_quote(binary("run_multidataset_pipeline"));
    CommandResult r = run_shell(program + " --wokers 3 -o " + shell_quote((dir_ / "x").string()));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("run_multidataset_pipeline: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("did you mean --workers?"), std::string::npos) << r.output;
    r = run_shell(program + " stauts -o " + shell_quote((dir_ / "x").string()));
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find("did you mean status?"), std::string::npos) << r.output;
    r = run_shell(program + " --show-system-info --workers 1025");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    r = run_shell("SWEEP_WORKERS=1025 " + program + " --show-system-info");
    EXPECT_EQ(r.exit_code, 2) << r.output;
    r = run_shell(program + " --show-system-info --workers 1024");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    r = run_shell(program + " --version");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("run_multidataset_pipeline 0.1.0 (git "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(" build)"), std::string::npos) << r.output;

    r = run(dir_ / "refused", {"--orders", (dir_ / "missing.csv").string(), "--trades", (dir_ / "missing.csv").string()});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "refused")) << "a refused run left its directory behind";
    fs::create_directories(dir_ / "existing");
    r = run(dir_ / "existing", {"--orders", (dir_ / "missing.csv").string(), "--trades", (dir_ / "missing.csv").string()});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_TRUE(fs::exists(dir_ / "existing"));
    EXPECT_TRUE(fs::is_empty(dir_ / "existing")) << "a refused run left its lock behind";
}

}  // namespace
}  // namespace mdp
