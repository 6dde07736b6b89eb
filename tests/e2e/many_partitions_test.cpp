// Issue 17 at scale: a run of 100,000 partitions (5,000 securities x 20 days of small partitions),
// killed with SIGKILL in the middle of `process` and resumed, ends with every partition completed
// once and consolidated tables byte-identical to an uninterrupted run of the same inputs. Label
// `many`: Release stage only (about a minute there; the ASan stage leaves it out, INTEGRATION 9).

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

constexpr int kPartitions = 100'000;

class ManyPartitionsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fresh_scratch_dir();
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q --no-nbbo -o " +
                                          shell_quote((dir_ / "in").string()) +
                                          " --securities 5000 --days 20 --target-bytes 60M");
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    std::vector<std::string> pipeline(const fs::path& out, std::vector<std::string> extra) const {
        std::vector<std::string> args{binary("run_multidataset_pipeline")};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"--orders", (dir_ / "in/orders.csv").string(), "--trades",
                                 (dir_ / "in/trades.csv").string(), "--output", out.string(), "--progress", "none"});
        return args;
    }

    static nlohmann::json status_of(const fs::path& out) {
        const CommandResult r = run_shell(shell_quote(binary("run_multidataset_pipeline")) + " status --json -o " +
                                          shell_quote(out.string()) + " 2>/dev/null");
        return nlohmann::json::parse(r.output, nullptr, false);
    }

    // consolidated/ without report.html (which shows run times).
    static FileTree consolidated_tables(const fs::path& out) {
        FileTree tree = read_tree(out / "consolidated");
        tree.erase("report.html");
        return tree;
    }

    fs::path dir_;
};

TEST_F(ManyPartitionsTest, KillNineDuringProcessThenResumeAt100000PartitionsEqualsAnUninterruptedRun) {
    const fs::path reference = dir_ / "reference";
    ASSERT_EQ(wait_for(spawn(pipeline(reference, {}), dir_ / "reference.log")).exit_code, 0)
        << read_text(dir_ / "reference.log");
    const nlohmann::json done = status_of(reference);
    ASSERT_FALSE(done.is_discarded());
    ASSERT_EQ(done["partitions"]["total"], kPartitions);
    ASSERT_EQ(done["partitions"]["completed"], kPartitions);

    const fs::path out = dir_ / "out";
    ASSERT_EQ(wait_for(spawn(pipeline(out, {"extract"}), dir_ / "extract.log")).exit_code, 0)
        << read_text(dir_ / "extract.log");
    const pid_t process = spawn(pipeline(out, {"process"}), dir_ / "process.log");
    // Killed once a fifth of the partitions are recorded as completed.
    int completed = 0;
    for (int poll = 0; poll < 600 && completed < kPartitions / 5; ++poll) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const nlohmann::json now = status_of(out);
        if (!now.is_discarded() && now.contains("partitions")) completed = now["partitions"]["completed"].get<int>();
    }
    ::kill(process, SIGKILL);
    const CommandResult killed = wait_for(process);
    if (killed.term_signal != SIGKILL) GTEST_SKIP() << "process finished before the kill";
    ASSERT_LT(completed, kPartitions) << "nothing left to resume";

    const CommandResult resumed = wait_for(spawn(pipeline(out, {"--resume"}), dir_ / "resume.log"));
    ASSERT_EQ(resumed.exit_code, 0) << read_text(dir_ / "resume.log");
    const nlohmann::json after = status_of(out);
    ASSERT_FALSE(after.is_discarded());
    EXPECT_EQ(after["partitions"]["completed"], kPartitions);
    EXPECT_EQ(after["partitions"]["failed"], 0);
    // Every partition ran once, and again only if it was running when the process was killed.
    EXPECT_GE(after["attempts"].get<int>(), kPartitions);
    EXPECT_LT(after["attempts"].get<int>(), kPartitions + 256);
    EXPECT_EQ(after["results"], done["results"]);
    EXPECT_EQ(first_difference(consolidated_tables(out), consolidated_tables(reference)), "");
}

}  // namespace
}  // namespace mdp
