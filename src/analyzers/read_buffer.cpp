#include "analyzers/read_buffer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::analyzers {

std::string_view ReadBuffer::read(const std::filesystem::path& file) {
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw InputError(file, "cannot open the file");
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw IoError::from_errno("fstat", file);
    const auto size = static_cast<size_t>(st.st_size);
    if (size > capacity_) {
        // Not zero-filled: every byte used is read first. A quarter more, so that the next,
        // slightly larger file of a run does not reallocate again.
        const size_t capacity = size + size / 4;
        data_ = std::make_unique_for_overwrite<char[]>(capacity);
        capacity_ = capacity;
    }
    size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd.get(), data_.get() + got, size - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", file);
        }
        if (n == 0) break;  // the file shrank meanwhile: what is there is parsed
        got += static_cast<size_t>(n);
    }
    return {data_.get(), got};
}

}  // namespace mdp::analyzers
