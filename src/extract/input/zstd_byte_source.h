#pragma once
// A zstd input decoded with libzstd (ZSTD_decompressStream). Concatenated frames
// (`cat a.zst b.zst`) decode as their concatenation and skippable frames are skipped, both by
// libzstd itself; a truncated or corrupt frame, or bytes after a frame that are not a frame,
// are a CorruptStreamError after the bytes before it were delivered. Windows up to 2 GiB
// (`zstd --long=31`) are accepted.

#include <memory>
#include <vector>

#include "extract/input/file_byte_source.h"

struct ZSTD_DCtx_s;

namespace mdp::extract {

class ZstdByteSource final : public FileByteSource {
  public:
    explicit ZstdByteSource(std::unique_ptr<RawFile> raw);
    ~ZstdByteSource() override;

    bool seekable() const override { return false; }
    std::string describe() const override { return "zstd"; }

  protected:
    size_t read_decoded(char* out, size_t capacity) override;

  private:
    struct FreeContext {
        void operator()(ZSTD_DCtx_s* context) const;
    };
    std::unique_ptr<ZSTD_DCtx_s, FreeContext> context_;
    std::vector<char> in_;
    size_t in_pos_ = 0;
    size_t in_size_ = 0;
    bool raw_eof_ = false;
    bool frame_open_ = false;  // the last call left a frame unfinished
};

}  // namespace mdp::extract
