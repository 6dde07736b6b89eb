#include "analyzers/read_buffer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/errors.h"
#include "common/unique_fd.h"

namespace mdp::analyzers {

namespace {

size_t page_size() {
    static const auto size = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    return size;
}

size_t round_up_to_page(size_t bytes) { return (bytes + page_size() - 1) / page_size() * page_size(); }

}  // namespace

ReadBuffer::~ReadBuffer() {
    if (data_ != nullptr) ::munmap(data_, capacity_);
}

void ReadBuffer::trim(size_t max_kept) {
    const size_t kept = round_up_to_page(max_kept);
    if (capacity_ <= kept) return;
    // MADV_FREE needs Linux 4.5; before it, the pages are dropped at once (MADV_DONTNEED).
    if (::madvise(data_ + kept, capacity_ - kept, MADV_FREE) != 0) {
        ::madvise(data_ + kept, capacity_ - kept, MADV_DONTNEED);
    }
}

std::string_view ReadBuffer::read(const std::filesystem::path& file) {
    UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw InputError(file, "cannot open the file");
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw IoError::from_errno("fstat", file);
    const auto size = static_cast<size_t>(st.st_size);
    if (size > capacity_) {
        // Not zero-filled by us: every byte used is read first. A quarter more, so that the
        // next, slightly larger file of a run does not reallocate again.
        const size_t capacity = round_up_to_page(size + size / 4);
        void* data = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (data == MAP_FAILED) throw IoError::from_errno("cannot allocate a read buffer for", file);
        if (data_ != nullptr) ::munmap(data_, capacity_);
        data_ = static_cast<char*>(data);
        capacity_ = capacity;
    }
    size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd.get(), data_ + got, size - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", file);
        }
        if (n == 0) break;  // the file shrank meanwhile: what is there is parsed
        got += static_cast<size_t>(n);
    }
    return {data_, got};
}

}  // namespace mdp::analyzers
