#include "extract/input/byte_source.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "common/errors.h"

namespace mdp::extract {

size_t ByteSource::read(char* out, size_t capacity) {
    const size_t n = read_decoded(out, capacity);
    if (decoded_hashing_) decoded_hash_.update(out, n);
    decoded_offset_ += n;
    return n;
}

void ByteSource::continue_from(const ByteSource& inner) {
    decoded_offset_ = inner.decoded_offset_;
    decoded_hash_ = inner.decoded_hash_.clone();
}

void ByteSource::skip_to(uint64_t offset) {
    if (offset < decoded_offset_) throw std::logic_error("ByteSource::skip_to backwards");
    if (offset == decoded_offset_) return;
    if (seek_decoded(offset)) {
        decoded_offset_ = offset;
        return;
    }
    constexpr size_t kScratch = 1 << 20;
    const auto scratch = std::make_unique<char[]>(kScratch);
    while (decoded_offset_ < offset) {
        const size_t want =
            static_cast<size_t>(std::min<uint64_t>(kScratch, offset - decoded_offset_));
        if (read(scratch.get(), want) == 0) {
            throw InputError(path(), "ends at decoded byte " + std::to_string(decoded_offset_) +
                                         ", before the offset " + std::to_string(offset) +
                                         " to resume from");
        }
    }
}

}  // namespace mdp::extract
