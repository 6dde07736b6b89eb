#pragma once
// An uncompressed input: the stored bytes are the decoded bytes. A regular file can start at
// any offset by seeking (its content hash then misses the prefix: hash_complete() is false);
// a pipe reads and discards up to it.

#include "extract/input/file_byte_source.h"

namespace mdp::extract {

class PlainByteSource final : public FileByteSource {
public:
    explicit PlainByteSource(std::unique_ptr<RawFile> raw) : FileByteSource(std::move(raw)) {}

    bool seekable() const override { return raw_->seekable(); }
    std::string describe() const override { return "plain"; }

protected:
    size_t read_decoded(char* out, size_t capacity) override { return raw_->read(out, capacity); }
    bool seek_decoded(uint64_t offset) override;
};

}  // namespace mdp::extract
