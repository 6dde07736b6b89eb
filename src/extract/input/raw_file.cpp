#include "extract/input/raw_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "common/errors.h"

namespace mdp::extract {

RawFile::RawFile(const std::filesystem::path& path) : path_(path) {
    if (path == "-") {
        fd_ = STDIN_FILENO;
    } else {
        owned_fd_ = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        if (!owned_fd_) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
        fd_ = owned_fd_.get();
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0)
        throw InputError(path, std::string("cannot stat: ") + std::strerror(errno));
    if (S_ISREG(st.st_mode)) {
        size_ = static_cast<uint64_t>(st.st_size);
        ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    } else if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
        throw InputError(path, "is not a regular file, pipe or character device");
    }
}

size_t RawFile::read_fd(char* out, size_t capacity) {
    for (;;) {
        const ssize_t n = ::read(fd_, out, capacity);
        if (n >= 0) return static_cast<size_t>(n);
        if (errno != EINTR) throw IoError::from_errno("read", path_);
    }
}

std::string_view RawFile::peek(size_t count) {
    while (peeked_.size() < count) {
        const size_t old = peeked_.size();
        peeked_.resize(count);
        const size_t n = read_fd(peeked_.data() + old, count - old);
        peeked_.resize(old + n);
        if (n == 0) break;
    }
    return std::string_view(peeked_).substr(0, std::min(count, peeked_.size()));
}

size_t RawFile::read(char* out, size_t capacity) {
    size_t n = 0;
    if (peeked_used_ < peeked_.size()) {
        n = std::min(capacity, peeked_.size() - peeked_used_);
        std::memcpy(out, peeked_.data() + peeked_used_, n);
        peeked_used_ += n;
    } else {
        n = read_fd(out, capacity);
    }
    if (hashing_) hasher_.update(out, n);
    offset_ += n;
    return n;
}

Hash128 hash_stored_file(const std::filesystem::path& path) {
    RawFile file(path);
    constexpr size_t kChunk = 1 << 20;
    const auto chunk = std::make_unique<char[]>(kChunk);
    while (file.read(chunk.get(), kChunk) > 0) {
    }
    return file.content_hash();
}

}  // namespace mdp::extract
