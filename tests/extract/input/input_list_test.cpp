#include "extract/input/input_list.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "common/errors.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

namespace fs = std::filesystem;
using mdp::testing::fresh_scratch_dir;
using mdp::testing::write_text;

TEST(InputList, DirectoriesStandForTheirFilesSortedByName) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "days/2024-04-10.csv", "x");
    write_text(dir / "days/2024-04-02.csv.gz", "x");
    write_text(dir / "days/B.csv", "x");  // bytewise order: digits sort before upper case
    write_text(dir / "days/.hidden", "x");
    fs::create_directories(dir / "days/sub");
    write_text(dir / "days/sub/ignored.csv", "x");
    write_text(dir / "single.csv", "x");
    const auto paths = expand_input_paths({dir / "single.csv", dir / "days"});
    ASSERT_EQ(paths.size(), 4U);
    EXPECT_EQ(paths[0], dir / "single.csv");
    EXPECT_EQ(paths[1], dir / "days/2024-04-02.csv.gz");
    EXPECT_EQ(paths[2], dir / "days/2024-04-10.csv");
    EXPECT_EQ(paths[3], dir / "days/B.csv");
}

TEST(InputList, MissingPathsAndEmptyDirectoriesAreInputErrors) {
    const auto dir = fresh_scratch_dir();
    EXPECT_THROW(expand_input_paths({dir / "nope.csv"}), InputError);
    fs::create_directories(dir / "empty");
    EXPECT_THROW(expand_input_paths({dir / "empty"}), InputError);
}

TEST(InputList, TheSameFileTwiceIsRefusedUnderAnyName) {
    const auto dir = fresh_scratch_dir();
    write_text(dir / "a.csv", "x");
    write_text(dir / "b.csv", "x");
    fs::create_symlink(dir / "a.csv", dir / "link.csv");
    EXPECT_NO_THROW(require_distinct_inputs({{InputRole::kOrders, dir / "a.csv"}, {InputRole::kTrades, dir / "b.csv"}}));
    try {
        require_distinct_inputs({{InputRole::kOrders, dir / "a.csv"}, {InputRole::kTrades, dir / "link.csv"}});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("link.csv: is the same file as"), std::string::npos) << e.what();
    }
    EXPECT_THROW(require_distinct_inputs({{InputRole::kOrders, dir / "a.csv"}, {InputRole::kOrders, dir / "./a.csv"}}),
                 InputError);
}

TEST(InputList, RejectsFileNamesAreUniqueEvenForEqualBaseNames) {
    const auto names = rejects_file_names({{InputRole::kOrders, "/x/data.csv"},
                                           {InputRole::kTrades, "/y/data.csv"},
                                           {InputRole::kNbbo, "/z/data.csv"},
                                           {InputRole::kOrders, "/w/data.csv.2"},
                                           {InputRole::kOrders, "-"}});
    EXPECT_EQ(names, (std::vector<std::string>{"orders-data.csv.rejects.csv", "trades-data.csv.rejects.csv",
                                               "nbbo-data.csv.rejects.csv", "orders-data.csv.2.rejects.csv",
                                               "orders-stdin.rejects.csv"}));
    const auto more = rejects_file_names({{InputRole::kOrders, "/x/data.csv"}, {InputRole::kOrders, "/y/data.csv"},
                                          {InputRole::kOrders, "/z/data.csv"}});
    EXPECT_EQ(more[2], "orders-data.csv.3.rejects.csv");
}

}  // namespace
}  // namespace mdp::extract
