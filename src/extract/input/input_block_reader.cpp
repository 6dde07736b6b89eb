#include "extract/input/input_block_reader.h"

#include <algorithm>
#include <cstring>

#include "common/errors.h"

#include "extract/input/open_byte_source.h"

namespace mdp::extract {

InputBlockReader::InputBlockReader(std::shared_ptr<ByteSource> source, size_t block_bytes, BufferPool& pool,
                                   std::string already_read)
    : source_(std::move(source)), file_offset_(source_->decoded_offset()),
      block_bytes_(block_bytes_for(block_bytes)), pool_(pool), carry_(std::move(already_read)) {}

// Decoding runs in the pipeline's serial read stage, which already overlaps the routing of
// earlier blocks on the other threads. A PrefetchingByteSource on top did not measurably help
// (docs/decompression.md, "Overlapping decoding with routing"), so it is not used.
InputBlockReader::InputBlockReader(const std::filesystem::path& path, uint64_t start_offset, size_t block_bytes,
                                   BufferPool& pool)
    : InputBlockReader(open_byte_source(path), block_bytes, pool) {
    read_prefix(start_offset);
}

void InputBlockReader::read_prefix(uint64_t start_offset) {
    Buffer scratch = pool_.acquire(block_bytes_);
    while (file_offset_ < start_offset) {
        scratch.resize(0);
        const size_t want = static_cast<size_t>(std::min<uint64_t>(block_bytes_, start_offset - file_offset_));
        if (read_some(scratch, want) == 0 || failure_) {
            throw InputError(source_->path(), "ends at decoded byte " + std::to_string(file_offset_) +
                                                  ", before the offset " + std::to_string(start_offset) +
                                                  " to resume from");
        }
        hash_out(scratch);
    }
    prefix_hash_ = decoded_.digest();
}

size_t InputBlockReader::read_some(Buffer& out, size_t want) {
    size_t got = 0;
    while (got < want) {
        size_t n = 0;
        try {
            n = source_->read(out.data() + out.size() + got, want - got);
        } catch (...) {
            // A damaged stream: what was decoded before the damage still makes whole lines, so
            // the error waits until they are handed out (next()).
            if (got == 0 && out.empty()) throw;
            failure_ = std::current_exception();
            eof_ = true;
            break;
        }
        if (n == 0) {
            eof_ = true;
            break;
        }
        got += n;
    }
    out.resize(out.size() + got);
    file_offset_ += got;
    return got;
}

std::optional<InputBlock> InputBlockReader::next() {
    if (failure_ && carry_.empty()) std::rethrow_exception(failure_);
    Buffer data = pool_.acquire(block_bytes_);
    data.append(carry_);
    carry_.clear();
    if (!eof_ && data.size() < block_bytes_) read_some(data, block_bytes_ - data.size());
    if (failure_) {
        // Only whole lines before the damage are rows; the cut line after them is not one.
        const uint64_t start = file_offset_ - data.size();
        const auto* last = static_cast<const char*>(memrchr(data.data(), '\n', data.size()));
        data.resize(last == nullptr ? 0 : static_cast<size_t>(last - data.data()) + 1);
        if (data.empty()) std::rethrow_exception(failure_);
        InputBlock block;
        block.index = next_index_++;
        block.end_offset = start + data.size();
        block.raw_end = source_->raw_offset();
        hash_out(data);
        block.decoded_hash = decoded_.digest();
        block.data = std::move(data);
        return block;  // the next call rethrows (carry_ is empty)
    }
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
    block.raw_end = source_->raw_offset();
    hash_out(data);
    block.decoded_hash = decoded_.digest();
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
    hash_out(partial);
    Buffer& buffer = partial;
    for (;;) {
        buffer.resize(0);
        if (read_some(buffer, block_bytes_) == 0) break;  // the file ends inside the line
        const auto* newline = static_cast<const char*>(std::memchr(buffer.data(), '\n', buffer.size()));
        if (newline != nullptr) {
            const auto line_part = static_cast<size_t>(newline - buffer.data());
            length += line_part;
            carry_.assign(buffer.view().substr(line_part + 1));
            decoded_.update(buffer.data(), line_part + 1);
            break;
        }
        length += buffer.size();
        hash_out(buffer);
    }
    if (!preview.empty() && length == preview.size() && preview.back() == '\r') preview.pop_back();
    block.end_offset = file_offset_ - carry_.size();
    block.raw_end = source_->raw_offset();
    block.decoded_hash = decoded_.digest();
    block.data = Buffer::holding(preview);
    block.oversized_line_length = length;
    return block;
}

}  // namespace mdp::extract
