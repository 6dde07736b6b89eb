#include <gtest/gtest.h>
#include <mdp/error.h>

#include "common/exit_codes.h"

namespace mdp::api {
namespace {

TEST(ApiError, ExitCodesAreTheCommandsForTheSameFailure) {
    EXPECT_EQ(Error(ErrorCode::kBadInput, "x").exit_code(), to_int(ExitCode::kBadInput));
    EXPECT_EQ(Error(ErrorCode::kOutputError, "x").exit_code(), to_int(ExitCode::kOutputError));
    EXPECT_EQ(Error(ErrorCode::kOutputBusy, "x").exit_code(), to_int(ExitCode::kOutputBusy));
    EXPECT_EQ(Error(ErrorCode::kInternalError, "x").exit_code(), to_int(ExitCode::kInternalError));
}

TEST(ApiError, CarriesItsMessageAndTheHolderOnlyWhenGiven) {
    const Error busy(ErrorCode::kOutputBusy, "runs/x is in use by pid 77", 77L);
    EXPECT_STREQ(busy.what(), "runs/x is in use by pid 77");
    EXPECT_EQ(busy.holder_pid(), 77L);
    EXPECT_FALSE(Error(ErrorCode::kBadInput, "no run").holder_pid().has_value());
}

}  // namespace
}  // namespace mdp::api
