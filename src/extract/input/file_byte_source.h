#pragma once
// What every source reading one stored file shares (plain, gzip, zstd): the RawFile with its
// content hash, progress in stored bytes, and the rule for a damaged stream: the error is
// raised only after the bytes decoded before the damage were returned (deferred to the next
// read when a read produced some).

#include <memory>
#include <optional>
#include <string>

#include "extract/input/byte_source.h"
#include "extract/input/corrupt_stream_error.h"
#include "extract/input/raw_file.h"

namespace mdp::extract {

class FileByteSource : public ByteSource {
  public:
    uint64_t raw_offset() const override { return raw_->offset(); }
    std::optional<uint64_t> raw_size() const override { return raw_->size(); }
    const std::filesystem::path& path() const override { return raw_->path(); }
    Hash128 raw_content_hash() const override { return raw_->content_hash(); }

  protected:
    explicit FileByteSource(std::unique_ptr<RawFile> raw) : raw_(std::move(raw)) {}

    // Throws a damage found by an earlier read, if any.
    void throw_pending_damage() const;
    // Damage found after `produced` bytes of the current read: throws now if there are none,
    // else returns `produced` and throws on the next read.
    size_t damaged(size_t produced, const std::string& detail);

    std::unique_ptr<RawFile> raw_;

  private:
    std::optional<CorruptStreamError> pending_;
};

}  // namespace mdp::extract
