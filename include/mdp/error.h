#pragma once
// The one exception type of the mdp library API. Every failure of a call in <mdp/...> reaches
// the caller as mdp::api::Error, whatever raised it inside, so a program needs one catch clause;
// code() says which kind of failure it was. The codes are the exit codes the
// run_multidataset_pipeline command uses for the same failure (docs/exit-codes.md), so a tool
// built on the library can exit the way the command would: `return e.exit_code();`.

#include <optional>
#include <stdexcept>
#include <string>

namespace mdp::api {

enum class ErrorCode : int {
    kInternalError = 1,  // a bug or an unexpected failure (the command's exit code 1)
    kBadInput = 3,       // the directory holds no run, or its registry is not readable as one
    kOutputError = 6,    // the operating system refused a read or write (permission, disk full)
    kOutputBusy = 7,     // another process (a running pipeline) holds the run directory's lock
};

class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, const std::string& message,
          std::optional<long> holder_pid = std::nullopt);

    ErrorCode code() const noexcept { return code_; }
    // The process exit code the command line uses for this failure.
    int exit_code() const noexcept { return static_cast<int>(code_); }
    // For kOutputBusy: the pid of the process holding the lock, when it could be read.
    std::optional<long> holder_pid() const noexcept { return holder_pid_; }

  private:
    ErrorCode code_;
    std::optional<long> holder_pid_;
};

}  // namespace mdp::api
