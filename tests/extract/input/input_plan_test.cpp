// The header checks of input_plan: which analysed columns a plan's rows are checked on, and the
// header problems that stop a run before any row is read (docs/validation.md, "Headers").

#include "extract/input/input_plan.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "support/scratch_dir.h"

namespace mdp::extract {
namespace {

namespace fs = std::filesystem;
using namespace mdp::testing;

class InputPlanTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = fresh_scratch_dir(); }

    fs::path file(const std::string& header) {
        const fs::path path = dir_ / ("f" + std::to_string(++files_) + ".csv");
        write_text(path, header + "\n");
        return path;
    }

    std::string error_of(InputRole role, const std::string& header,
                         const std::vector<std::string>& keep, AnalysedColumnCheck check) {
        try {
            plan_input(role, file(header), keep, 1 << 20, check);
        } catch (const InputError& e) {
            return e.what();
        }
        return "no error";
    }

    fs::path dir_;
    int files_ = 0;
};

constexpr const char* kNbboHeader = "timestamp,orderbookid,bidprice,offerprice,note";

TEST_F(InputPlanTest, AnalysedColumnsOtherThanTheKeysAreChecked) {
    const InputPlan plan = plan_input(InputRole::kNbbo, file(kNbboHeader), {}, 1 << 20,
                                      AnalysedColumnCheck::kRequired);
    ASSERT_EQ(plan.rules.checked_columns.size(), 2U);
    EXPECT_EQ(plan.rules.checked_columns[0].index, 2U);
    EXPECT_EQ(plan.rules.checked_columns[0].type, ValueType::kQuotePrice);
    EXPECT_EQ(plan.rules.checked_columns[0].name, "bidprice");
    EXPECT_EQ(plan.rules.checked_columns[1].index, 3U);
}

TEST_F(InputPlanTest, AMissingAnalysedColumnStopsOnlyWhenRequired) {
    const std::string header = "timestamp,orderbookid,bidprice";
    const std::string error =
        error_of(InputRole::kNbbo, header, {}, AnalysedColumnCheck::kRequired);
    EXPECT_NE(
        error.find(":1: header lacks the column 'offerprice', which the analysis reads; it has: "
                   "timestamp, orderbookid, bidprice"),
        std::string::npos)
        << error;
    const InputPlan plan =
        plan_input(InputRole::kNbbo, file(header), {}, 1 << 20, AnalysedColumnCheck::kPresent);
    ASSERT_EQ(plan.rules.checked_columns.size(), 1U);  // what the header has is checked
    EXPECT_EQ(plan.rules.checked_columns[0].name, "bidprice");
}

TEST_F(InputPlanTest, TwoSecurityColumnsAlwaysStop) {
    for (const auto check : {AnalysedColumnCheck::kNone, AnalysedColumnCheck::kPresent,
                             AnalysedColumnCheck::kRequired}) {
        const std::string error =
            error_of(InputRole::kOrders, "timestamp,security_code,orderbookid", {}, check);
        EXPECT_NE(
            error.find(
                ":1: header has more than one column for 'security_code/securitycode/orderbookid' "
                "('security_code' and 'orderbookid')"),
            std::string::npos)
            << error;
    }
}

TEST_F(InputPlanTest, ColumnsMayNotLeaveOutAnAnalysedColumnWhenRequired) {
    const std::string error =
        error_of(InputRole::kNbbo, kNbboHeader, {"bidprice"}, AnalysedColumnCheck::kRequired);
    EXPECT_NE(
        error.find(":1: --columns leaves out the column 'offerprice', which the analysis reads"),
        std::string::npos)
        << error;
    const InputPlan plan = plan_input(InputRole::kNbbo, file(kNbboHeader), {"bidprice"}, 1 << 20,
                                      AnalysedColumnCheck::kPresent);
    ASSERT_EQ(plan.rules.checked_columns.size(), 1U);  // a column projected away is not checked
    EXPECT_EQ(plan.rules.checked_columns[0].name, "bidprice");
    const InputPlan all =
        plan_input(InputRole::kNbbo, file(kNbboHeader), {"bidprice", "offerprice"}, 1 << 20,
                   AnalysedColumnCheck::kRequired);
    EXPECT_EQ(all.rules.checked_columns.size(), 2U);
}

TEST_F(InputPlanTest, NoCheckLeavesOnlyTheKeys) {
    const InputPlan plan =
        plan_input(InputRole::kNbbo, file(kNbboHeader), {}, 1 << 20, AnalysedColumnCheck::kNone);
    EXPECT_TRUE(plan.rules.checked_columns.empty());
}

}  // namespace
}  // namespace mdp::extract
