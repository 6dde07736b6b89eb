#pragma once
// Reads an input sequentially in blocks of whole lines, starting at any decoded byte offset
// (the start of a line: just past the header, or a checkpoint's offset). The bytes come from a
// ByteSource (plain, gzip or zstd, file or pipe: src/extract/input). Memory is bounded by the
// block size whatever the input holds: a line longer than a block is skipped through and only
// its first bytes are kept, so a 10 GB file without a newline costs one block of memory.
// Offsets are offsets in the decoded bytes.
//
// Every decoded byte handed out (and every byte before the start offset, which is read, not
// sought) goes through one XXH3-128, whose value at each block's end travels with the block.

#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

#include <memory>

#include "extract/blocks.h"
#include "extract/buffer_pool.h"
#include "extract/input/byte_source.h"

namespace mdp::extract {

class InputBlockReader {
public:
    static constexpr size_t kOversizedPreviewBytes = 4096;
    // The block size used for a requested one (tiny requests are raised to a minimum).
    static constexpr size_t block_bytes_for(size_t requested) { return requested < 64 ? 64 : requested; }

    // Blocks come from `pool` (whose buffers must hold at least `block_bytes`) and go back to it
    // when their InputBlock is destroyed. `source` is read from where it stands.
    // `already_read`: bytes taken from `source` before (past a pipe's header) that come first.
    // The blocks' hashes then cover the bytes from `already_read` on.
    InputBlockReader(std::shared_ptr<ByteSource> source, size_t block_bytes, BufferPool& pool,
                     std::string already_read = {});
    // Opens `path` with open_byte_source (compression detected by content) and reads its decoded
    // bytes up to `start_offset`, hashing them (prefix_hash()): even a plain file is read, not
    // sought, so that a resume can check the bytes it extracted before are still there.
    // Throws InputError if the input ends before `start_offset`.
    InputBlockReader(const std::filesystem::path& path, uint64_t start_offset, size_t block_bytes,
                     BufferPool& pool);

    // The next block, or nullopt at end of input. Throws IoError if reading fails, InputError
    // (CorruptStreamError) for a damaged compressed input after the blocks before the damage.
    std::optional<InputBlock> next();

    // The stored file's size, unknown for a pipe.
    std::optional<uint64_t> file_size() const { return source_->raw_size(); }
    const ByteSource& source() const { return *source_; }
    // The hash of the decoded bytes before the first block (constructed from a path).
    Hash128 prefix_hash() const { return prefix_hash_; }

private:
    void read_prefix(uint64_t start_offset);
    void hash_out(const Buffer& block) { decoded_.update(block.data(), block.size()); }

    // Appends up to `want` bytes to `out`, which must have room; returns the count (0 at end of file).
    size_t read_some(Buffer& out, size_t want);
    InputBlock skip_oversized_line(Buffer&& partial);

    std::shared_ptr<ByteSource> source_;
    uint64_t file_offset_ = 0;    // decoded bytes consumed from the source
    size_t block_bytes_;
    BufferPool& pool_;
    std::string carry_;           // bytes after the last newline of the previous block
    uint64_t next_index_ = 0;
    bool eof_ = false;
    std::exception_ptr failure_;  // the source failed after these bytes; rethrown once they are out
    ContentHasher decoded_;       // of the bytes handed out so far
    Hash128 prefix_hash_;
};

}  // namespace mdp::extract
