#include "api/error_translation.h"

#include <gtest/gtest.h>
#include <mdp/error.h>

#include "common/errors.h"
#include "registry/output_directory_lock.h"

namespace mdp::api {
namespace {

template <typename Thrown>
Error translated(const Thrown& thrown) {
    try {
        try {
            throw thrown;
        } catch (...) {
            rethrow_as_api_error("open run");
        }
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "nothing was thrown";
    return Error(ErrorCode::kInternalError, "");
}

TEST(ErrorTranslation, EachEngineErrorGetsTheCommandsExitCode) {
    EXPECT_EQ(translated(InputError("runs/x", "holds no run")).code(), ErrorCode::kBadInput);
    EXPECT_EQ(translated(IoError("read runs/x: Permission denied")).code(),
              ErrorCode::kOutputError);
    const Error busy = translated(registry::OutputBusyError("runs/x", pid_t{4321}));
    EXPECT_EQ(busy.code(), ErrorCode::kOutputBusy);
    EXPECT_EQ(busy.holder_pid(), 4321L);
}

TEST(ErrorTranslation, KeepsEngineMessagesAndNamesTheOperationForOthers) {
    EXPECT_STREQ(translated(IoError("read runs/x: Permission denied")).what(),
                 "read runs/x: Permission denied");
    const Error other = translated(std::out_of_range("no such partition"));
    EXPECT_EQ(other.code(), ErrorCode::kInternalError);
    EXPECT_STREQ(other.what(), "open run: no such partition");
}

TEST(ErrorTranslation, AnApiErrorPassesUnchanged) {
    const Error e = translated(Error(ErrorCode::kOutputBusy, "busy", 12L));
    EXPECT_EQ(e.code(), ErrorCode::kOutputBusy);
    EXPECT_STREQ(e.what(), "busy");
    EXPECT_EQ(e.holder_pid(), 12L);
}

}  // namespace
}  // namespace mdp::api
