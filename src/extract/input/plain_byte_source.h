#pragma once
// An uncompressed input: the stored bytes are the decoded bytes.

#include "extract/input/file_byte_source.h"

namespace mdp::extract {

class PlainByteSource final : public FileByteSource {
  public:
    explicit PlainByteSource(std::unique_ptr<RawFile> raw) : FileByteSource(std::move(raw)) {
        if (stored_bytes_are_decoded()) raw_->stop_hashing();
    }

    bool seekable() const override { return raw_->seekable(); }
    // A pipe's header was read before the block reader took over, so its reader's hash does not
    // start at byte 0: the raw hash stays on for pipes.
    bool stored_bytes_are_decoded() const override { return raw_->seekable(); }
    std::string describe() const override { return "plain"; }

  protected:
    size_t read_decoded(char* out, size_t capacity) override { return raw_->read(out, capacity); }
};

}  // namespace mdp::extract
