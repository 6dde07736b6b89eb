#pragma once
// The decoded bytes of one input, read sequentially: what the extraction pipeline's reader
// cuts into lines. Implementations decode gzip or zstd, read plain bytes, or prefetch another
// source on a thread of their own; open_byte_source() picks one by the file's content.
//
// Sources never seek: a resume reads (and InputBlockReader hashes) the decoded bytes before its
// checkpoint again, which is how it checks that they are still the bytes it extracted.

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

    uint64_t decoded_offset() const { return decoded_offset_; }

    // Bytes of the stored file consumed so far (compressed bytes), for progress.
    virtual uint64_t raw_offset() const = 0;
    // The stored file's size when known (regular files), nothing for pipes.
    virtual std::optional<uint64_t> raw_size() const = 0;
    virtual bool seekable() const = 0;
    // "plain", "gzip", "zstd".
    virtual std::string describe() const = 0;
    virtual const std::filesystem::path& path() const = 0;
    // XXH3-128 of every stored byte read: the whole file's (its identity, INTEGRATION 4) once
    // read() returned 0. Not kept when stored_bytes_are_decoded().
    virtual Hash128 raw_content_hash() const = 0;
    // True for a plain regular file: its stored bytes are the decoded bytes, which the reader
    // hashes from byte 0 anyway (InputBlockReader), so that hash is the file's identity and the
    // stored bytes are not hashed a second time (~0.16 s of CPU per GB, docs/decompression.md).
    virtual bool stored_bytes_are_decoded() const { return false; }

  protected:
    ByteSource() = default;
    virtual size_t read_decoded(char* out, size_t capacity) = 0;
    // A wrapper starts where `inner` stands.
    void continue_from(const ByteSource& inner) { decoded_offset_ = inner.decoded_offset_; }

  private:
    uint64_t decoded_offset_ = 0;
};

}  // namespace mdp::extract
