#pragma once
// Turns the exception being handled (the engine's InputError, IoError, OutputBusyError, or
// anything else) into mdp::api::Error, so that no internal exception type crosses the public
// API: consumers see only the types of <mdp/...>.

#include <string_view>

namespace mdp::api {

// Call only inside a catch block. Rethrows the current exception as api::Error; `doing` (e.g.
// "open runs/x") prefixes messages that do not already name what failed.
[[noreturn]] void rethrow_as_api_error(std::string_view doing);

}  // namespace mdp::api
