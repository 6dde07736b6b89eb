// mdp::api::Error (<mdp/error.h>). Its codes are the command's exit codes; the static_asserts
// keep the two enumerations from drifting apart.
#include <mdp/error.h>

#include "common/exit_codes.h"

namespace mdp::api {

static_assert(static_cast<int>(ErrorCode::kInternalError) ==
              static_cast<int>(ExitCode::kInternalError));
static_assert(static_cast<int>(ErrorCode::kBadInput) == static_cast<int>(ExitCode::kBadInput));
static_assert(static_cast<int>(ErrorCode::kOutputError) ==
              static_cast<int>(ExitCode::kOutputError));
static_assert(static_cast<int>(ErrorCode::kOutputBusy) == static_cast<int>(ExitCode::kOutputBusy));

Error::Error(ErrorCode code, const std::string& message, std::optional<long> holder_pid)
    : std::runtime_error(message), code_(code), holder_pid_(holder_pid) {}

}  // namespace mdp::api
