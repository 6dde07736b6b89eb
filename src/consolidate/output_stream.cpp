#include "consolidate/output_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "common/errors.h"

namespace mdp::consolidate {

namespace {
constexpr size_t kBlockBytes = 1 << 20;
}  // namespace

OutputStream::OutputStream(std::filesystem::path path) : path_(std::move(path)) {
    fd_ = UniqueFd(::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd_) throw IoError::from_errno("cannot create", path_);
    buffer_.reserve(kBlockBytes);
}

OutputStream::~OutputStream() = default;

void OutputStream::write(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kBlockBytes) drain();
}

void OutputStream::drain() {
    size_t done = 0;
    while (done < buffer_.size()) {
        const ssize_t n = ::write(fd_.get(), buffer_.data() + done, buffer_.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("cannot write", path_);
        }
        done += static_cast<size_t>(n);
    }
    buffer_.clear();
}

void OutputStream::close() {
    if (!fd_) return;
    drain();
    if (::fsync(fd_.get()) != 0) throw IoError::from_errno("cannot fsync", path_);
    fd_ = UniqueFd();
}

}  // namespace mdp::consolidate
