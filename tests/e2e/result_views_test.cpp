// End-to-end tests of results stored as records (docs/design/storage.md, sections 3 and 4): a
// run that writes no per-partition result files (--partition-files never) has the same
// consolidated tables as one that writes them, and `export` produces those files byte for byte,
// into the run or into another directory, for all partitions or a selection.

#include <gtest/gtest.h>

#include "support/file_tree.h"
#include "support/process.h"
#include "support/scratch_dir.h"

namespace mdp {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

class ResultViewsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fresh_scratch_dir();
        const CommandResult r = run_shell(shell_quote(binary("generate_market_data")) + " -q -o " +
                                          shell_quote((dir_ / "in").string()) +
                                          " --securities 6 --days 3 --orders-rows 15000");
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }

    CommandResult pipeline(const std::string& arguments) const {
        return run_shell(shell_quote(binary("run_multidataset_pipeline")) + " " + arguments + " --progress none");
    }

    CommandResult run(const fs::path& out, const std::string& partition_files) const {
        return pipeline("--orders " + shell_quote((dir_ / "in/orders.csv").string()) + " --trades " +
                        shell_quote((dir_ / "in/trades.csv").string()) + " --output " + shell_quote(out.string()) +
                        " --partition-files " + partition_files);
    }

    // path -> content of every partition's stats/ files, keyed "<date>/<security>/stats/...".
    static FileTree stats_views(const fs::path& partitions) {
        FileTree views;
        for (auto& [path, content] : read_tree(partitions)) {
            if (path.find("/stats/") != std::string::npos) views[path] = std::move(content);
        }
        return views;
    }

    fs::path dir_;
};

TEST_F(ResultViewsTest, ExportWritesTheFilesARunWithViewsWrites) {
    const fs::path with_views = dir_ / "with_views";
    const fs::path without = dir_ / "without";
    CommandResult r = run(with_views, "always");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run(without, "never");
    ASSERT_EQ(r.exit_code, 0) << r.output;

    const FileTree expected = stats_views(with_views / "partitions");
    ASSERT_GT(expected.size(), 9U * 10);  // 9 files per partition, 18 partitions
    EXPECT_TRUE(stats_views(without / "partitions").empty());
    // Results come from the records either way: the consolidated tables are the same.
    FileTree consolidated_with, consolidated_without;
    for (auto& [path, content] : results_of(with_views)) {
        if (path.starts_with("consolidated/")) consolidated_with[path] = content;
    }
    for (auto& [path, content] : results_of(without)) {
        if (path.starts_with("consolidated/")) consolidated_without[path] = content;
    }
    ASSERT_FALSE(consolidated_with.empty());
    EXPECT_EQ(first_difference(consolidated_without, consolidated_with), "");

    // Into another directory, read-only on the run.
    r = pipeline("export -o " + shell_quote(without.string()) + " --to " + shell_quote((dir_ / "exported").string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("export: wrote the result files of 18 partitions"), std::string::npos) << r.output;
    EXPECT_EQ(first_difference(stats_views(dir_ / "exported"), expected), "");

    // Into the run itself: the same paths a run with views has.
    r = pipeline("export -o " + shell_quote(without.string()));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(first_difference(stats_views(without / "partitions"), expected), "");
}

TEST_F(ResultViewsTest, ExportSelectsByDateAndSecurity) {
    const fs::path out = dir_ / "run";
    const CommandResult r = run(out, "never");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const FileTree all = [&] {
        const CommandResult e = pipeline("export -o " + shell_quote(out.string()) + " --to " +
                                         shell_quote((dir_ / "all").string()));
        EXPECT_EQ(e.exit_code, 0) << e.output;
        return stats_views(dir_ / "all");
    }();
    ASSERT_FALSE(all.empty());
    const std::string first = all.begin()->first;  // "<date>/<security>/stats/..."
    const std::string date = first.substr(0, first.find('/'));
    const std::string rest = first.substr(date.size() + 1);
    const std::string security = rest.substr(0, rest.find('/'));

    const CommandResult e = pipeline("export -o " + shell_quote(out.string()) + " --date " + date + " --security " +
                                     security + " --to " + shell_quote((dir_ / "one").string()));
    ASSERT_EQ(e.exit_code, 0) << e.output;
    const FileTree one = stats_views(dir_ / "one");
    EXPECT_EQ(one.size(), 9U);
    for (const auto& [path, content] : one) {
        EXPECT_TRUE(path.starts_with(date + "/" + security + "/stats/")) << path;
        EXPECT_EQ(content, all.at(path)) << path;
    }
}

TEST_F(ResultViewsTest, ExportOfAMissingRunIsAnErrorAndCreatesNothing) {
    const CommandResult r = pipeline("export -o " + shell_quote((dir_ / "no_run").string()));
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "no_run"));
}

}  // namespace
}  // namespace mdp
