#pragma once
// The decoded bytes of one input, read sequentially: what the extraction pipeline's reader
// cuts into lines. Implementations decode gzip or zstd, read plain bytes, or prefetch another
// source on a thread of their own; open_byte_source() picks one by the file's content.
//
// The base class counts the decoded bytes and keeps a running XXH3-64 of them
// (decoded_prefix_hash) so that a resume reading a non-seekable stream again can check that
// it delivered the same bytes up to its checkpoint.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "extract/input/content_hasher.h"

namespace mdp::extract {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    // Up to `capacity` decoded bytes into `out`; 0 only at the end of the input. Throws
    // CorruptStreamError (an InputError) for a damaged compressed stream, only after every byte
    // decoded before the damage was returned; IoError if reading fails.
    size_t read(char* out, size_t capacity);
    // Continues from decoded offset `offset` (>= decoded_offset()). A seekable plain file
    // seeks; anything else decodes or reads and discards the bytes up to it (they are hashed).
    void skip_to(uint64_t offset);

    uint64_t decoded_offset() const { return decoded_offset_; }
    // XXH3-64 of the decoded bytes from offset 0 to decoded_offset(); meaningful only when
    // hash_complete() and keeps_decoded_hash(). A seekable plain file does not keep it (a resume
    // seeks it rather than re-reading it, and its raw hash covers the same bytes): that pass
    // cost ~0.16 s of CPU per GB (docs/decompression.md).
    uint64_t decoded_prefix_hash() const { return decoded_hash_.digest64(); }
    bool keeps_decoded_hash() const { return decoded_hashing_; }

    // Bytes of the stored file consumed so far (compressed bytes), for progress.
    virtual uint64_t raw_offset() const = 0;
    // The stored file's size when known (regular files), nothing for pipes.
    virtual std::optional<uint64_t> raw_size() const = 0;
    virtual bool seekable() const = 0;
    // "plain", "gzip", "zstd".
    virtual std::string describe() const = 0;
    virtual const std::filesystem::path& path() const = 0;
    // XXH3-128 of every stored byte read; the whole file's once read() returned 0 and
    // hash_complete(). A plain file started at an offset skipped its prefix: never complete.
    virtual Hash128 raw_content_hash() const = 0;
    virtual bool hash_complete() const = 0;

    // A wrapper that hashes the decoded bytes itself turns the wrapped source's hashing off.
    void set_decoded_hashing(bool on) { decoded_hashing_ = on; }

  protected:
    ByteSource() = default;
    virtual size_t read_decoded(char* out, size_t capacity) = 0;
    // Seek forward without reading, if this source can: true when done (the hash is then
    // incomplete, which hash_complete() must report).
    virtual bool seek_decoded(uint64_t /*offset*/) { return false; }
    // A wrapper starts where `inner` stands: same decoded offset and decoded-bytes hash.
    void continue_from(const ByteSource& inner);

  private:
    uint64_t decoded_offset_ = 0;
    bool decoded_hashing_ = true;
    ContentHasher decoded_hash_{ContentHasher::Width::k64};
};

}  // namespace mdp::extract
