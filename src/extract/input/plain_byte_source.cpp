#include "extract/input/plain_byte_source.h"

namespace mdp::extract {

bool PlainByteSource::seek_decoded(uint64_t offset) {
    if (!raw_->seekable()) return false;
    raw_->seek(offset);
    return true;
}

}  // namespace mdp::extract
