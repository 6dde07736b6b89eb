#include "extract/input/byte_source.h"

namespace mdp::extract {

size_t ByteSource::read(char* out, size_t capacity) {
    const size_t n = read_decoded(out, capacity);
    decoded_offset_ += n;
    return n;
}

}  // namespace mdp::extract
