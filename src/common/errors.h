#pragma once
// The error types every module raises. Each carries a one-line message meant for the user:
// it names the file (and line where there is one) and says what was wrong.

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace mdp {

// The user's input is unusable: missing or empty file, header without the needed columns,
// too many rejected rows. Maps to ExitCode::kBadInput.
class InputError : public std::runtime_error {
public:
    InputError(const std::filesystem::path& file, uint64_t line, const std::string& what);
    InputError(const std::filesystem::path& file, const std::string& what);
};

// Reading or writing failed at the operating-system level (disk full, read-only directory,
// permission denied). Maps to ExitCode::kOutputError.
class IoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    static IoError from_errno(const std::string& operation, const std::filesystem::path& path);
    int error_number() const { return errno_; }

private:
    int errno_ = 0;
};

// A resume (or a fresh start) is refused: the output directory holds a run made from other
// inputs or settings, or holds a run and neither --resume nor --restart was given.
// Maps to ExitCode::kResumeMismatch.
class ResumeRefused : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The run was asked to stop (Ctrl-C, SIGTERM). Maps to ExitCode::kInterrupted.
class Interrupted : public std::runtime_error {
public:
    Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace mdp
