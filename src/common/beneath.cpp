#include "common/beneath.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iterator>

#include "common/errors.h"

namespace mdp {

namespace fs = std::filesystem;

namespace {

std::atomic<bool> openat2_missing{false};  // ENOSYS once: use the component walk from then on

[[noreturn]] void fail(const char* operation, const fs::path& shown) {
    const int error = errno;
    if (error == ELOOP || error == EXDEV) {
        throw IoError(shown.string() + ": " + operation +
                      " refused: the path goes through a symbolic link (or leaves the output directory); "
                      "the engine never follows links inside its output directory");
    }
    errno = error;
    throw IoError::from_errno(operation, shown);
}

int openat2_beneath(int dir_fd, const fs::path& relative, int flags, mode_t mode) {
    open_how how{};
    how.flags = static_cast<uint64_t>(flags | O_CLOEXEC);
    how.mode = (flags & O_CREAT) != 0 ? mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    for (;;) {
        const long fd = ::syscall(SYS_openat2, dir_fd, relative.c_str(), &how, sizeof how);
        if (fd >= 0 || errno != EAGAIN) return static_cast<int>(fd);  // EAGAIN: a rename raced, retry
    }
}

// The fallback: every directory component opened with O_NOFOLLOW, the last one with the flags.
int walk_beneath(int dir_fd, const fs::path& relative, int flags, mode_t mode) {
    if (relative.is_absolute()) {
        errno = EXDEV;
        return -1;
    }
    UniqueFd current;
    int at = dir_fd;
    auto it = relative.begin();
    const auto last = std::prev(relative.end());
    for (; it != last; ++it) {
        if (*it == "..") {
            errno = EXDEV;
            return -1;
        }
        if (*it == "." || it->empty()) continue;
        const int next = ::openat(at, it->c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            if (errno == ENOTDIR) errno = ELOOP;  // O_PATH|O_NOFOLLOW on a link to a directory
            return -1;
        }
        current = UniqueFd(next);
        at = current.get();
    }
    if (*last == "..") {
        errno = EXDEV;
        return -1;
    }
    return ::openat(at, last->c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
}

}  // namespace

UniqueFd open_directory(const fs::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) throw IoError::from_errno("open directory", path);
    return fd;
}

UniqueFd open_beneath(int dir_fd, const fs::path& relative, int flags, mode_t mode, const fs::path& shown_as) {
    int fd = -1;
    if (!openat2_missing.load(std::memory_order_relaxed)) {
        fd = openat2_beneath(dir_fd, relative, flags, mode);
        if (fd < 0 && errno == ENOSYS) openat2_missing = true;
    }
    if (openat2_missing.load(std::memory_order_relaxed)) fd = walk_beneath(dir_fd, relative, flags, mode);
    if (fd < 0) fail("open", shown_as / relative);
    return UniqueFd(fd);
}

void make_directories_beneath(int dir_fd, const fs::path& relative, const fs::path& shown_as) {
    const fs::path parent = relative.parent_path();
    const fs::path leaf = relative.filename();
    if (leaf.empty()) return;
    UniqueFd parent_fd;
    int at = dir_fd;
    if (!parent.empty()) {
        try {
            parent_fd = open_beneath(dir_fd, parent, O_PATH | O_DIRECTORY, 0, shown_as);
        } catch (const IoError& e) {
            if (e.error_number() != ENOENT) throw;
            make_directories_beneath(dir_fd, parent, shown_as);
            parent_fd = open_beneath(dir_fd, parent, O_PATH | O_DIRECTORY, 0, shown_as);
        }
        at = parent_fd.get();
    }
    if (::mkdirat(at, leaf.c_str(), 0755) == 0) return;
    if (errno != EEXIST) fail("create directory", shown_as / relative);
    // It exists: it must be a directory of ours, not a link to one elsewhere.
    struct stat st {};
    if (::fstatat(at, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) fail("stat", shown_as / relative);
    if (S_ISLNK(st.st_mode)) {
        errno = ELOOP;
        fail("create directory", shown_as / relative);
    }
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        fail("create directory", shown_as / relative);
    }
}

void remove_file_beneath(int dir_fd, const fs::path& relative, const fs::path& shown_as) {
    UniqueFd parent_fd;
    int at = dir_fd;
    if (relative.has_parent_path()) {
        try {
            parent_fd = open_beneath(dir_fd, relative.parent_path(), O_PATH | O_DIRECTORY, 0, shown_as);
        } catch (const IoError& e) {
            if (e.error_number() == ENOENT) return;
            throw;
        }
        at = parent_fd.get();
    }
    if (::unlinkat(at, relative.filename().c_str(), 0) != 0 && errno != ENOENT) fail("remove", shown_as / relative);
}

}  // namespace mdp
