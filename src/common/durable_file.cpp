#include "durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "errors.h"
#include "unique_fd.h"

namespace mdp {

namespace {

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
    const char* data = content.data();
    size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("write", path);
        }
        data += n;
        left -= static_cast<size_t>(n);
    }
}

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    // The pid in the temporary name keeps two processes (which the lock file should prevent
    // anyway) from writing the same temporary file.
    std::filesystem::path temp = target;
    temp += ".tmp." + std::to_string(::getpid());
    {
        UniqueFd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
        if (!fd) throw IoError::from_errno("create", temp);
        write_all(fd.get(), content, temp);
        if (::fsync(fd.get()) != 0) throw IoError::from_errno("fsync", temp);
    }
    rename_durably(temp, target);
}

void write_file(const std::filesystem::path& path, std::string_view content) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!fd) throw IoError::from_errno("create", path);
    write_all(fd.get(), content, path);
}

void fsync_directory(const std::filesystem::path& directory) {
    const auto dir = directory.empty() ? std::filesystem::path(".") : directory;
    UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) throw IoError::from_errno("open directory", dir);
    if (::fsync(fd.get()) != 0) throw IoError::from_errno("fsync directory", dir);
}

void rename_durably(const std::filesystem::path& from, const std::filesystem::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) throw IoError::from_errno("rename", from);
    fsync_directory(to.parent_path());
}

std::string read_file(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw IoError::from_errno("open", path);
    std::string content;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", path);
        }
        if (n == 0) break;
        content.append(buffer, static_cast<size_t>(n));
    }
    return content;
}

}  // namespace mdp
