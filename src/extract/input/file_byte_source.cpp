#include "extract/input/file_byte_source.h"

namespace mdp::extract {

void FileByteSource::throw_pending_damage() const {
    if (pending_) throw *pending_;
}

size_t FileByteSource::damaged(size_t produced, const std::string& detail) {
    CorruptStreamError error(path(), describe(), decoded_offset() + produced, detail);
    if (produced == 0) throw error;
    pending_.emplace(std::move(error));
    return produced;
}

}  // namespace mdp::extract
