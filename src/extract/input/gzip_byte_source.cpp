#include "extract/input/gzip_byte_source.h"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cstdint>

namespace mdp::extract {

namespace {
constexpr size_t kInputBytes = 1 << 20;
}

GzipByteSource::GzipByteSource(std::unique_ptr<RawFile> raw)
    : FileByteSource(std::move(raw)), state_(std::make_unique<inflate_state>()), in_(kInputBytes) {
    start_member();
    state_->next_in = in_.data();
    state_->avail_in = 0;
}

GzipByteSource::~GzipByteSource() = default;

void GzipByteSource::start_member() {
    // isal_inflate_init clears the buffer pointers too: keep them.
    uint8_t* next_in = state_->next_in;
    const uint32_t avail_in = state_->avail_in;
    uint8_t* next_out = state_->next_out;
    const uint32_t avail_out = state_->avail_out;
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;  // parse the header, verify the CRC-32 and length trailer
    state_->next_in = next_in;
    state_->avail_in = avail_in;
    state_->next_out = next_out;
    state_->avail_out = avail_out;
    between_members_ = false;
    ++members_;
}

bool GzipByteSource::refill() {
    if (raw_eof_) return false;
    const size_t n = raw_->read(reinterpret_cast<char*>(in_.data()), in_.size());
    state_->next_in = in_.data();
    state_->avail_in = static_cast<uint32_t>(n);
    raw_eof_ = n == 0;
    return n > 0;
}

size_t GzipByteSource::read_decoded(char* out, size_t capacity) {
    throw_pending_damage();
    inflate_state& s = *state_;
    s.next_out = reinterpret_cast<uint8_t*>(out);
    s.avail_out = static_cast<uint32_t>(std::min<size_t>(capacity, UINT32_MAX));
    const uint32_t wanted = s.avail_out;
    auto produced = [&] { return static_cast<size_t>(wanted - s.avail_out); };

    while (s.avail_out > 0) {
        if (s.avail_in == 0) refill();
        if (between_members_) {
            if (s.avail_in == 0) break;  // a clean end after a whole member
            // Zero bytes after the last member are padding; anything else must start a member.
            if (*s.next_in == 0) {
                padding_ = true;
                ++s.next_in;
                --s.avail_in;
                continue;
            }
            if (padding_ || *s.next_in != 0x1f) {
                return damaged(produced(), "bytes after gzip member " + std::to_string(members_) +
                                               " at stored offset " +
                                               std::to_string(raw_offset() - s.avail_in) +
                                               " are not a gzip member (trailing garbage)");
            }
            start_member();
        }
        const uint32_t room = s.avail_out;
        const int status = isal_inflate(&s);
        if (status < 0) {
            return damaged(produced(), "gzip member " + std::to_string(members_) +
                                           " does not decode (isal_inflate " +
                                           std::to_string(status) + ")");
        }
        if (s.block_state == ISAL_BLOCK_FINISH) {
            between_members_ = true;
        } else if (s.avail_in == 0 && raw_eof_ && s.avail_out == room) {
            return damaged(produced(),
                           "the file ends inside gzip member " + std::to_string(members_));
        }
    }
    return produced();
}

}  // namespace mdp::extract
