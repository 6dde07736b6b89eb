#pragma once
// A gzip input decoded with ISA-L's igzip (isal_inflate, streaming), chosen by measurement
// over zlib and libdeflate (docs/decompression.md). Multi-member files (`cat a.gz b.gz`) decode
// as the concatenation of their members; zero bytes after the last member (padding) are
// ignored; any other bytes after a member that are not a gzip member are an error, as is a
// truncated or corrupt member (CorruptStreamError, after the bytes before it were delivered).

#include <memory>
#include <vector>

#include "extract/input/file_byte_source.h"

struct inflate_state;

namespace mdp::extract {

class GzipByteSource final : public FileByteSource {
  public:
    explicit GzipByteSource(std::unique_ptr<RawFile> raw);
    ~GzipByteSource() override;

    bool seekable() const override { return false; }
    std::string describe() const override { return "gzip"; }

  protected:
    size_t read_decoded(char* out, size_t capacity) override;

  private:
    bool refill();  // false at end of the stored file
    void start_member();

    std::unique_ptr<inflate_state> state_;
    std::vector<unsigned char> in_;
    bool raw_eof_ = false;
    bool between_members_ = false;  // the last member ended; the next has not started
    bool padding_ = false;          // zero bytes seen after a member
    uint64_t members_ = 0;
};

}  // namespace mdp::extract
