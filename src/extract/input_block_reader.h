#pragma once
// Reads an input file sequentially in blocks of whole lines, starting at any byte offset (the
// start of a line: just past the header, or a checkpoint's offset). Memory is bounded by the
// block size whatever the input holds: a line longer than a block is skipped through and only
// its first bytes are kept, so a 10 GB file without a newline costs one block of memory.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "common/unique_fd.h"
#include "extract/blocks.h"
#include "extract/buffer_pool.h"

namespace mdp::extract {

class InputBlockReader {
public:
    static constexpr size_t kOversizedPreviewBytes = 4096;
    // The block size used for a requested one (tiny requests are raised to a minimum).
    static constexpr size_t block_bytes_for(size_t requested) { return requested < 64 ? 64 : requested; }

    // Blocks come from `pool` (whose buffers must hold at least `block_bytes`) and go back to it
    // when their InputBlock is destroyed.
    InputBlockReader(const std::filesystem::path& path, uint64_t start_offset, size_t block_bytes,
                     BufferPool& pool);

    // The next block, or nullopt at end of input. Throws IoError if reading fails.
    std::optional<InputBlock> next();

    uint64_t file_size() const { return file_size_; }

private:
    // Appends up to `want` bytes to `out`, which must have room; returns the count (0 at end of file).
    size_t read_some(Buffer& out, size_t want);
    InputBlock skip_oversized_line(Buffer&& partial);

    std::filesystem::path path_;
    UniqueFd fd_;
    uint64_t file_size_ = 0;
    uint64_t file_offset_ = 0;    // bytes of the file consumed by read()
    size_t block_bytes_;
    BufferPool& pool_;
    std::string carry_;           // bytes after the last newline of the previous block
    uint64_t next_index_ = 0;
    bool eof_ = false;
};

}  // namespace mdp::extract
