#include "extract/input_block_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/errors.h"

namespace mdp::extract {

InputBlockReader::InputBlockReader(const std::filesystem::path& path, uint64_t start_offset,
                                   size_t block_bytes, BufferPool& pool)
    : path_(path), block_bytes_(block_bytes_for(block_bytes)), pool_(pool) {
    fd_ = UniqueFd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd_) throw IoError::from_errno("open", path);
    struct stat st {};
    if (::fstat(fd_.get(), &st) != 0) throw IoError::from_errno("stat", path);
    file_size_ = static_cast<uint64_t>(st.st_size);
    if (::lseek(fd_.get(), static_cast<off_t>(start_offset), SEEK_SET) < 0) {
        throw IoError::from_errno("seek", path);
    }
    file_offset_ = start_offset;
    ::posix_fadvise(fd_.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
}

size_t InputBlockReader::read_some(Buffer& out, size_t want) {
    size_t got = 0;
    while (got < want) {
        const ssize_t n = ::read(fd_.get(), out.data() + out.size() + got, want - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw IoError::from_errno("read", path_);
        }
        if (n == 0) {
            eof_ = true;
            break;
        }
        got += static_cast<size_t>(n);
    }
    out.resize(out.size() + got);
    file_offset_ += got;
    return got;
}

std::optional<InputBlock> InputBlockReader::next() {
    Buffer data = pool_.acquire(block_bytes_);
    data.append(carry_);
    carry_.clear();
    if (!eof_ && data.size() < block_bytes_) read_some(data, block_bytes_ - data.size());
    if (data.empty()) return std::nullopt;

    const auto* last_newline = static_cast<const char*>(memrchr(data.data(), '\n', data.size()));
    if (last_newline == nullptr && !eof_) return skip_oversized_line(std::move(data));

    InputBlock block;
    block.index = next_index_++;
    if (last_newline != nullptr && !eof_) {  // at end of input the unterminated tail stays here
        const auto keep = static_cast<size_t>(last_newline - data.data()) + 1;
        carry_.assign(data.view().substr(keep));
        data.resize(keep);
    }
    block.end_offset = file_offset_ - carry_.size();
    block.data = std::move(data);
    return block;
}

InputBlock InputBlockReader::skip_oversized_line(Buffer&& partial) {
    // `partial` is one full block without a newline: keep a preview, then read on in block-sized
    // steps (into `partial` again) until the line ends, remembering only the bytes after its newline.
    InputBlock block;
    block.index = next_index_++;
    uint64_t length = partial.size();
    std::string preview(partial.view().substr(0, kOversizedPreviewBytes));
    Buffer& buffer = partial;
    for (;;) {
        buffer.resize(0);
        if (read_some(buffer, block_bytes_) == 0) break;  // the file ends inside the line
        const auto* newline = static_cast<const char*>(std::memchr(buffer.data(), '\n', buffer.size()));
        if (newline != nullptr) {
            const auto line_part = static_cast<size_t>(newline - buffer.data());
            length += line_part;
            carry_.assign(buffer.view().substr(line_part + 1));
            break;
        }
        length += buffer.size();
    }
    if (!preview.empty() && length == preview.size() && preview.back() == '\r') preview.pop_back();
    block.end_offset = file_offset_ - carry_.size();
    block.data = Buffer::holding(preview);
    block.oversized_line_length = length;
    return block;
}

}  // namespace mdp::extract
