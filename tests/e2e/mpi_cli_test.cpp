// End-to-end tests of MPI mode (docs/mpi.md): the real binary under `mpirun -np N` on localhost,
// against a plain run on the same generated data. Skipped (with the reason) when mpirun is not
// installed; label `mpi` (the ASan stage leaves them out: Open MPI's allocations are not ours).

#include <dirent.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <memory>
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

std::string find_mpirun() {
    const CommandResult r = run_shell("command -v mpirun");
    if (r.exit_code != 0) return "";
    std::string path = r.output;
    while (!path.empty() && (path.back() == '\n' || path.back() == '\r')) path.pop_back();
    return path;
}

size_t completed_stats_dirs(const fs::path& out) {
    size_t count = 0;
    std::error_code error;
    for (fs::recursive_directory_iterator it(out / "partitions", error), end; !error && it != end; it.increment(error)) {
        if (it->path().filename() == "stats" && it->is_directory(error)) ++count;
    }
    return count;
}

// The pids of mpirun's children that are MPI ranks, by rank (from their environment).
std::map<int, pid_t> rank_pids(pid_t mpirun) {
    std::map<int, pid_t> ranks;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string field;
        pid_t parent = 0;
        for (int i = 0; i < 4 && stat >> field; ++i) {
            if (i == 3) parent = static_cast<pid_t>(std::stol(field));
        }
        if (parent != mpirun) continue;
        const std::string environ_text = read_text(entry.path() / "environ");
        const std::string key = std::string("OMPI_COMM_WORLD_RANK=");
        const size_t at = environ_text.find(key);
        if (at == std::string::npos) continue;
        ranks[std::stoi(environ_text.substr(at + key.size()))] = static_cast<pid_t>(std::stol(name));
    }
    return ranks;
}

class MpiCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        mpirun_ = find_mpirun();
        if (mpirun_.empty()) GTEST_SKIP() << "mpirun is not installed (scripts/install_deps.sh installs Open MPI)";
        dir_ = fresh_scratch_dir();
    }

    void generate(const std::string& options) {
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q -o " +
                                          shell_quote((dir_ / "in").string()) + " " + options);
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    std::vector<std::string> inputs() const {
        return {"--orders", (dir_ / "in/orders.csv").string(), "--trades", (dir_ / "in/trades.csv").string(),
                "--nbbo", (dir_ / "in/nbbo.csv").string()};
    }

    std::vector<std::string> pipeline(const fs::path& out, std::vector<std::string> args) const {
        std::vector<std::string> argv{binary("run_multidataset_pipeline")};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.insert(argv.end(), {"--output", out.string(), "--progress", "none"});
        return argv;
    }

    // Under mpirun with `ranks` processes on this host (as root too; more ranks than cores).
    std::vector<std::string> under_mpirun(int ranks, std::vector<std::string> argv) const {
        std::vector<std::string> command{mpirun_, "--allow-run-as-root", "--oversubscribe", "-np",
                                         std::to_string(ranks)};
        command.insert(command.end(), argv.begin(), argv.end());
        return command;
    }

    static CommandResult run_argv(const std::vector<std::string>& argv) {
        std::string command;
        for (const auto& arg : argv) command += shell_quote(arg) + " ";
        return run_shell(command);
    }

    CommandResult run(const fs::path& out, std::vector<std::string> args) const { return run_argv(pipeline(out, std::move(args))); }
    CommandResult run_mpi(int ranks, const fs::path& out, std::vector<std::string> args) const {
        return run_argv(under_mpirun(ranks, pipeline(out, std::move(args))));
    }

    void extract(const fs::path& out) const {
        std::vector<std::string> args = inputs();
        args.insert(args.begin(), "extract");
        const CommandResult r = run(out, args);
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    // Waits (polling the file system, no fixed delay) until `count` partitions have results.
    // False when `pid` ended first; then `ended` (if given) holds how it ended.
    static bool wait_for_results(const fs::path& out, size_t count, pid_t pid, CommandResult* ended = nullptr) {
        for (int i = 0; i < 60000; ++i) {
            if (completed_stats_dirs(out) >= count) return true;
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {  // it ended first
                if (ended != nullptr) *ended = decode_status(status);
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    // Waits until rank 0 has made completions durable in the registry's journal (its flushes
    // come every second), so that the registry on disk knows partitions that are running.
    static bool wait_for_journal(const fs::path& out, const std::string& op, pid_t pid, CommandResult* ended = nullptr) {
        const std::string wanted = "\"op\":\"" + op + "\"";
        for (int i = 0; i < 60000; ++i) {
            if (read_text(out / "partition_registry.journal").find(wanted) != std::string::npos) return true;
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                if (ended != nullptr) *ended = decode_status(status);
                return false;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return false;
    }

    static std::unique_ptr<registry::PartitionRegistry> load_registry(const fs::path& out) {
        auto reg = std::make_unique<registry::PartitionRegistry>(registry::PartitionRegistry::path_in(out));
        reg->load();
        return reg;
    }

    std::string mpirun_;
    fs::path dir_;
};

TEST_F(MpiCliTest, OneToFourRanksGiveByteIdenticalResultsToAPlainRun) {
    generate("--securities 30 --days 3 --orders-rows 40000");
    CommandResult r = run(dir_ / "plain", inputs());
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const FileTree expected = results_of(dir_ / "plain");
    ASSERT_GT(expected.size(), 100U);
    for (int ranks = 1; ranks <= 4; ++ranks) {
        const fs::path out = dir_ / ("np" + std::to_string(ranks));
        std::vector<std::string> args = inputs();
        args.insert(args.end(), {"--workers", "1"});
        r = run_argv(under_mpirun(ranks, pipeline(out, args)));
        ASSERT_EQ(r.exit_code, 0) << ranks << " ranks: " << r.output;
        EXPECT_EQ(first_difference(results_of(out), expected), "") << ranks << " ranks";
        const auto reg = load_registry(out);
        EXPECT_EQ(reg->count(PartitionStatus::kCompleted), reg->size()) << ranks << " ranks";
    }
    // The summary names the ranks and hosts that took part.
    r = run_argv(under_mpirun(3, {binary("run_multidataset_pipeline"), "process", "--output",
                                  (dir_ / "np3").string(), "--progress", "plain"}));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("on 3 ranks (1 host)"), std::string::npos) << r.output;
}

// Bad data found on a worker rank is recorded by the coordinator exactly as a local run records
// it (a permanent failure: one attempt), the rest completes, and after the fix a resume with
// another rank count finishes identically.
TEST_F(MpiCliTest, FailuresOnWorkerRanksReachTheRegistryAndResumeFinishes) {
    generate("--preset demo");
    ASSERT_EQ(run(dir_ / "plain", inputs()).exit_code, 0);
    extract(dir_ / "out");
    auto reg = load_registry(dir_ / "out");
    const DamagedPartitions damage = DamagedPartitions::make(dir_ / "out", *reg);
    const PartitionKey broken = damage.broken;
    const PartitionKey lost = damage.lost;

    CommandResult r = run_mpi(3, dir_ / "out", {"process", "--workers", "1", "--max-retries", "2", "--retry-delay-ms", "50"});
    EXPECT_EQ(r.exit_code, 4) << r.output;
    reg = load_registry(dir_ / "out");
    const auto entry = reg->find(broken);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->status, PartitionStatus::kFailed);
    EXPECT_EQ(entry->attempts, 1U);
    EXPECT_NE(entry->last_error.find("orders.csv:2"), std::string::npos) << entry->last_error;
    const auto lost_entry = reg->find(lost);
    ASSERT_TRUE(lost_entry);
    EXPECT_EQ(lost_entry->status, PartitionStatus::kFailed);
    EXPECT_NE(lost_entry->last_error.find("trades.csv is missing but extraction wrote"), std::string::npos)
        << lost_entry->last_error;
    EXPECT_EQ(reg->count(PartitionStatus::kCompleted), reg->size() - 2);

    damage.restore();
    ASSERT_EQ(run(dir_ / "out", {"reset-failed"}).exit_code, 0);
    r = run_mpi(2, dir_ / "out", {"--resume", "--workers", "1"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(results_of(dir_ / "out"), results_of(dir_ / "plain")), "");
}

// A worker rank killed mid-run ends the job (MPI aborts it); the partitions it was running have
// used an attempt, and --resume with another rank count finishes identically.
TEST_F(MpiCliTest, AKilledWorkerRankEndsTheJobAndResumeCountsItsAttempts) {
    // Big enough partitions that processing is still under way when the kill lands (rank 0
    // makes completions durable once a second; with 150,000 rows the whole run fit before it).
    generate("--securities 120 --days 5 --orders-rows 800000");
    ASSERT_EQ(run(dir_ / "plain", inputs()).exit_code, 0);
    extract(dir_ / "out");
    const pid_t mpirun = spawn(under_mpirun(3, pipeline(dir_ / "out", {"process", "--workers", "1"})), dir_ / "killed.log");
    CommandResult ended;
    if (!wait_for_results(dir_ / "out", 20, mpirun, &ended) ||
        !wait_for_journal(dir_ / "out", "completed", mpirun, &ended)) {
        // Only a run that finished cleanly before the kill is a reason to skip; one that failed
        // to start or broke is a failure.
        ASSERT_EQ(ended.exit_code, 0) << "mpirun ended before the kill:\n" << read_text(dir_ / "killed.log");
        GTEST_SKIP() << "processing ended before the kill";
    }
    const auto ranks = rank_pids(mpirun);
    ASSERT_TRUE(ranks.count(1)) << read_text(dir_ / "killed.log");
    ::kill(ranks.at(1), SIGKILL);
    const CommandResult killed = wait_for(mpirun);
    EXPECT_NE(killed.exit_code, 0) << read_text(dir_ / "killed.log");

    std::map<std::string, uint32_t> running_attempts;
    {
        const auto reg = load_registry(dir_ / "out");
        if (reg->count(PartitionStatus::kCompleted) == reg->size()) GTEST_SKIP() << "everything completed before the kill";
        reg->for_each({}, [&](const registry::PartitionEntry& entry) {
            if (entry.status == PartitionStatus::kRunning) running_attempts[entry.key.to_string()] = entry.attempts;
        });
    }
    ASSERT_FALSE(running_attempts.empty()) << "the registry on disk shows no partition running";

    // Had that been their last allowed attempt, they would be failed now, not run again (a
    // partition that crashes its worker must not loop forever). On a copy, with no retries.
    fs::copy(dir_ / "out", dir_ / "strict", fs::copy_options::recursive);
    const CommandResult strict = run(dir_ / "strict", {"process", "--max-retries", "0"});
    EXPECT_EQ(strict.exit_code, 4) << strict.output;
    {
        const auto strict_reg = load_registry(dir_ / "strict");
        for (const auto& [key, attempts] : running_attempts) {
            const auto entry = strict_reg->find(*PartitionKey::parse(key));
            EXPECT_EQ(entry->status, PartitionStatus::kFailed) << key;
            EXPECT_EQ(entry->attempts, attempts) << key;
            EXPECT_NE(entry->last_error.find("interrupted during its last allowed attempt"), std::string::npos)
                << entry->last_error;
        }
        EXPECT_EQ(strict_reg->count(PartitionStatus::kFailed), running_attempts.size());
    }

    const CommandResult resumed = run_mpi(2, dir_ / "out", {"--resume", "--workers", "1"});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    const auto reg = load_registry(dir_ / "out");
    EXPECT_EQ(reg->count(PartitionStatus::kCompleted), reg->size());
    for (const auto& [key, attempts] : running_attempts) {
        EXPECT_EQ(reg->find(*PartitionKey::parse(key))->attempts, attempts + 1) << key;
    }
    EXPECT_EQ(first_difference(results_of(dir_ / "out"), results_of(dir_ / "plain")), "");
}

// SIGTERM to every rank (what srun and scancel do): each stops taking work, the running
// partitions finish and are recorded, every rank exits with 5, and --resume finishes
// identically.
TEST_F(MpiCliTest, SigtermToEveryRankStopsWithCodeFiveAndResumeFinishes) {
    generate("--securities 120 --days 5 --orders-rows 150000");
    ASSERT_EQ(run(dir_ / "plain", inputs()).exit_code, 0);
    extract(dir_ / "out");
    const pid_t mpirun = spawn(under_mpirun(3, pipeline(dir_ / "out", {"process", "--workers", "1"})), dir_ / "stopped.log");
    if (!wait_for_results(dir_ / "out", 5, mpirun)) GTEST_SKIP() << "processing ended before the signal";
    for (const auto& [rank, pid] : rank_pids(mpirun)) ::kill(pid, SIGTERM);
    const CommandResult stopped = wait_for(mpirun);
    if (stopped.exit_code == 0) GTEST_SKIP() << "processing finished before the signal landed";
    EXPECT_EQ(stopped.exit_code, 5) << read_text(dir_ / "stopped.log");
    EXPECT_NE(read_text(dir_ / "stopped.log").find("--resume"), std::string::npos);
    {
        const auto reg = load_registry(dir_ / "out");
        EXPECT_EQ(reg->count(PartitionStatus::kRunning), 0U);  // running partitions finished and were recorded
        EXPECT_GT(reg->count(PartitionStatus::kPending), 0U);
    }
    const CommandResult resumed = run_mpi(3, dir_ / "out", {"--resume", "--workers", "1"});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    EXPECT_EQ(first_difference(results_of(dir_ / "out"), results_of(dir_ / "plain")), "");
}

// SIGTERM to mpirun itself: Open MPI's mpirun ends the job on its own terms (SIGTERM to every
// rank, SIGKILL after odls_base_sigkill_timeout, its own exit code), so the code is mpirun's, not
// ours (docs/mpi.md); the registry still loads and --resume finishes identically.
TEST_F(MpiCliTest, SigtermToMpirunThenResumeFinishesIdentically) {
    generate("--securities 120 --days 5 --orders-rows 150000");
    ASSERT_EQ(run(dir_ / "plain", inputs()).exit_code, 0);
    extract(dir_ / "out");
    const pid_t mpirun = spawn(under_mpirun(3, pipeline(dir_ / "out", {"process", "--workers", "1"})), dir_ / "stopped.log");
    if (!wait_for_results(dir_ / "out", 5, mpirun)) GTEST_SKIP() << "processing ended before the signal";
    ::kill(mpirun, SIGTERM);
    const CommandResult stopped = wait_for(mpirun);
    if (stopped.exit_code == 0) GTEST_SKIP() << "processing finished before the signal landed";
    EXPECT_NE(stopped.exit_code, 0) << read_text(dir_ / "stopped.log");
    const CommandResult resumed = run_mpi(2, dir_ / "out", {"--resume", "--workers", "1"});
    ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
    const auto reg = load_registry(dir_ / "out");
    EXPECT_EQ(reg->count(PartitionStatus::kCompleted), reg->size());
    EXPECT_EQ(first_difference(results_of(dir_ / "out"), results_of(dir_ / "plain")), "");
}

}  // namespace
}  // namespace mdp
