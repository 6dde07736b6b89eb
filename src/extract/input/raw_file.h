#pragma once
// The bottom of the input layer: the file (or pipe, or stdin) as stored, read sequentially.
// Every byte read from it goes once through a 128-bit content hash, so the input's identity
// costs no extra pass. A few leading bytes can be peeked (to detect the compression) and are
// replayed by read(), which is what makes detection work on pipes.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "common/unique_fd.h"
#include "extract/input/content_hasher.h"

namespace mdp::extract {

class RawFile {
  public:
    // `-` is standard input. A regular file, FIFO or character device is accepted; anything
    // else (a directory, a socket) is an InputError naming the path, as is a missing file.
    explicit RawFile(const std::filesystem::path& path);

    // Up to `count` leading bytes without consuming them (fewer only at end of input).
    // Only before the first read().
    std::string_view peek(size_t count);
    // Reads up to `capacity` bytes (0 = end of input). Retries EINTR; IoError on failure.
    size_t read(char* out, size_t capacity);

    const std::filesystem::path& path() const { return path_; }
    bool seekable() const { return size_.has_value(); }
    std::optional<uint64_t> size() const { return size_; }
    uint64_t offset() const { return offset_; }
    // The hash of every byte read; the whole file's once read to the end.
    Hash128 content_hash() const { return hasher_.digest(); }
    // For a reader that hashes the same bytes itself (a plain file): saves a pass.
    void stop_hashing() { hashing_ = false; }

  private:
    size_t read_fd(char* out, size_t capacity);

    std::filesystem::path path_;
    UniqueFd owned_fd_;
    int fd_ = -1;
    std::optional<uint64_t> size_;  // regular files only
    uint64_t offset_ = 0;
    std::string peeked_;  // bytes read ahead by peek(), replayed first
    size_t peeked_used_ = 0;
    ContentHasher hasher_;
    bool hashing_ = true;
};

// Reads the stored file at `path` to its end: its content hash (the identity an extraction
// records for it), for deciding whether a file given again is an input already ingested.
Hash128 hash_stored_file(const std::filesystem::path& path);

}  // namespace mdp::extract
