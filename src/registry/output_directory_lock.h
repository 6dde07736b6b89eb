#pragma once
// One writer per output directory. OutputDirectoryLock::acquire(dir) takes an exclusive
// flock() on DIR/.lock and writes the holder's pid into it; a second process trying the same
// gets OutputBusyError naming that pid. The lock lives as long as the object. The kernel drops
// it when the process dies however it dies (kill -9, power loss: the lock is not on disk), so a
// stale .lock file never blocks a later run; the file itself is left in place on purpose
// (unlinking it would let two processes lock two different inodes).
//
// Notes: the descriptor is O_CLOEXEC, so programs exec'd by the holder do not inherit the lock,
// but a child forked without exec shares it until it exits. On NFS, Linux implements flock()
// with POSIX byte-range locks, which work across clients (with NLM / NFSv4).

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

#include "common/unique_fd.h"

namespace mdp::registry {

// Another process holds the output directory. Maps to ExitCode::kOutputBusy.
class OutputBusyError : public std::runtime_error {
  public:
    OutputBusyError(const std::filesystem::path& dir, std::optional<pid_t> holder);
    // The pid written by the holder, if it could be read.
    std::optional<pid_t> holder_pid() const { return holder_; }

  private:
    std::optional<pid_t> holder_;
};

class OutputDirectoryLock {
  public:
    static constexpr const char* kFileName = ".lock";

    // Creates or opens DIR/.lock and locks it without waiting. Throws OutputBusyError if
    // another open file description holds it, IoError if DIR is missing or not writable.
    static OutputDirectoryLock acquire(const std::filesystem::path& dir);

    OutputDirectoryLock() = default;  // holds nothing
    OutputDirectoryLock(OutputDirectoryLock&&) noexcept = default;
    OutputDirectoryLock& operator=(OutputDirectoryLock&& other) noexcept;
    OutputDirectoryLock(const OutputDirectoryLock&) = delete;
    OutputDirectoryLock& operator=(const OutputDirectoryLock&) = delete;
    ~OutputDirectoryLock() { release(); }

    bool held() const { return static_cast<bool>(fd_); }
    const std::filesystem::path& path() const { return path_; }
    // Empties the pid and unlocks; idempotent.
    void release() noexcept;

    // The pid recorded in DIR/.lock, if any (whoever holds or last held it).
    static std::optional<pid_t> read_holder_pid(const std::filesystem::path& dir);

  private:
    OutputDirectoryLock(std::filesystem::path path, UniqueFd fd)
        : path_(std::move(path)), fd_(std::move(fd)) {}

    std::filesystem::path path_;
    UniqueFd fd_;
};

}  // namespace mdp::registry
