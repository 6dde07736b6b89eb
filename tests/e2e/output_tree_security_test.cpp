// Nothing planted inside the output directory can redirect what the engine writes: a symbolic
// link where one of its directories or files should be is refused with an error naming it, and
// nothing outside the output directory is written, truncated or removed (docs/security.md).

#include <gtest/gtest.h>

#include "registry/partition_registry.h"
#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

class OutputTreeSecurityTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fresh_scratch_dir();
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q --preset demo -o " +
                                          shell_quote((dir_ / "in").string()) + " --malformed-rate 0.01");
        ASSERT_EQ(r.exit_code, 0) << r.output;
        fs::create_directories(dir_ / "outside");
        write_text(dir_ / "outside/victim.txt", "precious\n");
    }

    CommandResult run(const std::string& args) const {
        return run_shell(shell_quote(binary("run_multidataset_pipeline")) + " --progress none -o " +
                         shell_quote((dir_ / "out").string()) + " " + args);
    }

    std::string inputs() const {
        return "--orders " + shell_quote((dir_ / "in/orders.csv").string()) + " --trades " +
               shell_quote((dir_ / "in/trades.csv").string());
    }

    void expect_outside_untouched() const {
        FileTree expected{{"victim.txt", "precious\n"}};
        EXPECT_EQ(first_difference(read_tree(dir_ / "outside"), expected), "");
    }

    fs::path dir_;
};

TEST_F(OutputTreeSecurityTest, ALinkAtTheLockFileIsRefused) {
    fs::create_directories(dir_ / "out");
    fs::create_symlink(dir_ / "outside/victim.txt", dir_ / "out/.lock");
    const CommandResult r = run(inputs());
    EXPECT_EQ(r.exit_code, 6) << r.output;
    EXPECT_NE(r.output.find(".lock: it is a symbolic link"), std::string::npos) << r.output;
    expect_outside_untouched();
}

TEST_F(OutputTreeSecurityTest, ALinkAtTheRejectsDirectoryIsRefused) {
    fs::create_directories(dir_ / "out");
    fs::create_directory_symlink(dir_ / "outside", dir_ / "out/rejects");
    const CommandResult r = run("extract " + inputs());
    EXPECT_EQ(r.exit_code, 6) << r.output;
    EXPECT_NE(r.output.find("symbolic link"), std::string::npos) << r.output;
    expect_outside_untouched();
}

TEST_F(OutputTreeSecurityTest, ALinkAtADateDirectoryBeforeResumeIsRefused) {
    ASSERT_EQ(run("extract " + inputs()).exit_code, 0);
    // Move one date's partitions outside and leave a link in their place.
    const fs::path date_dir = fs::directory_iterator(dir_ / "out/partitions")->path();
    fs::rename(date_dir, dir_ / "outside/moved");
    fs::create_directory_symlink(dir_ / "outside/moved", date_dir);
    const FileTree moved_before = read_tree(dir_ / "outside/moved");

    const CommandResult r = run("--resume");
    EXPECT_EQ(r.exit_code, 4) << r.output;  // that date's partitions fail; the others complete
    EXPECT_NE(r.output.find("partitions failed"), std::string::npos) << r.output;
    registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir_ / "out"));
    reg.load();
    const auto failed = reg.entries(registry::PartitionFilter().with_status(registry::PartitionStatus::kFailed));
    ASSERT_FALSE(failed.empty());
    EXPECT_NE(failed.front().last_error.find("symbolic link"), std::string::npos) << failed.front().last_error;
    EXPECT_EQ(first_difference(read_tree(dir_ / "outside/moved"), moved_before), "");  // no stats/ written there
}

}  // namespace
}  // namespace mdp
