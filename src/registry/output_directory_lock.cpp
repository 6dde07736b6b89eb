#include "registry/output_directory_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <string>

#include "common/errors.h"

namespace mdp::registry {

namespace {

std::string busy_message(const std::filesystem::path& dir, std::optional<pid_t> holder) {
    return "output directory " + dir.string() + " is in use by another run (pid " +
           (holder ? std::to_string(*holder) : std::string("unknown")) +
           "); wait for it or stop it";
}

std::optional<pid_t> parse_pid(int fd) {
    char buf[32];
    ssize_t n = 0;
    do {
        n = ::pread(fd, buf, sizeof buf, 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return std::nullopt;
    const char* end = buf + n;
    long value = 0;
    const auto result = std::from_chars(buf, end, value);
    if (result.ec != std::errc() || result.ptr == buf || value <= 0) return std::nullopt;
    if (result.ptr != end && *result.ptr != '\n') return std::nullopt;
    return static_cast<pid_t>(value);
}

}  // namespace

OutputBusyError::OutputBusyError(const std::filesystem::path& dir, std::optional<pid_t> holder)
    : std::runtime_error(busy_message(dir, holder)), holder_(holder) {}

OutputDirectoryLock OutputDirectoryLock::acquire(const std::filesystem::path& dir) {
    std::filesystem::path path = dir / kFileName;
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) throw IoError::from_errno("open lock file", path);
    while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK) throw OutputBusyError(dir, parse_pid(fd.get()));
        throw IoError::from_errno("lock", path);
    }
    // Write the pid over whatever a previous holder left, then cut the rest: a reader sees
    // either the old pid or the new one, never an empty file, while we hold the lock.
    const std::string text = std::to_string(::getpid()) + "\n";
    ssize_t written = 0;
    do {
        written = ::pwrite(fd.get(), text.data(), text.size(), 0);
    } while (written < 0 && errno == EINTR);
    if (written != static_cast<ssize_t>(text.size())) throw IoError::from_errno("write", path);
    if (::ftruncate(fd.get(), static_cast<off_t>(text.size())) != 0) {
        throw IoError::from_errno("truncate", path);
    }
    return OutputDirectoryLock(std::move(path), std::move(fd));
}

OutputDirectoryLock& OutputDirectoryLock::operator=(OutputDirectoryLock&& other) noexcept {
    if (this != &other) {
        release();
        path_ = std::move(other.path_);
        fd_ = std::move(other.fd_);
    }
    return *this;
}

void OutputDirectoryLock::release() noexcept {
    if (!fd_) return;
    [[maybe_unused]] const int truncated = ::ftruncate(fd_.get(), 0);
    // Unlock explicitly: a child forked meanwhile shares the open file description and would
    // otherwise keep the lock until it exits.
    [[maybe_unused]] const int unlocked = ::flock(fd_.get(), LOCK_UN);
    fd_.reset();
}

std::optional<pid_t> OutputDirectoryLock::read_holder_pid(const std::filesystem::path& dir) {
    const std::filesystem::path path = dir / kFileName;
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) return std::nullopt;
    return parse_pid(fd.get());
}

}  // namespace mdp::registry
