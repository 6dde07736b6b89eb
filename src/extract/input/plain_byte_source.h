#pragma once
// An uncompressed input: the stored bytes are the decoded bytes. A regular file can start at
// any offset by seeking (its content hash then misses the prefix: hash_complete() is false)
// and keeps no decoded-bytes hash (the raw hash covers the same bytes); a pipe reads and
// discards up to the offset and keeps both.

#include "extract/input/file_byte_source.h"

namespace mdp::extract {

class PlainByteSource final : public FileByteSource {
  public:
    explicit PlainByteSource(std::unique_ptr<RawFile> raw) : FileByteSource(std::move(raw)) {
        if (raw_->seekable()) set_decoded_hashing(false);  // see keeps_decoded_hash()
    }

    bool seekable() const override { return raw_->seekable(); }
    std::string describe() const override { return "plain"; }

  protected:
    size_t read_decoded(char* out, size_t capacity) override { return raw_->read(out, capacity); }
    bool seek_decoded(uint64_t offset) override;
};

}  // namespace mdp::extract
