#include "extract/input/zstd_byte_source.h"

#include <zstd.h>

namespace mdp::extract {

namespace {
constexpr size_t kInputBytes = 1 << 20;
}

void ZstdByteSource::FreeContext::operator()(ZSTD_DCtx_s* context) const { ZSTD_freeDCtx(context); }

ZstdByteSource::ZstdByteSource(std::unique_ptr<RawFile> raw)
    : FileByteSource(std::move(raw)), context_(ZSTD_createDCtx()), in_(kInputBytes) {
    if (!context_) throw std::bad_alloc();
    ZSTD_DCtx_setParameter(context_.get(), ZSTD_d_windowLogMax,
                           31);  // ZSTD_WINDOWLOG_MAX_64: --long=31
}

ZstdByteSource::~ZstdByteSource() = default;

size_t ZstdByteSource::read_decoded(char* out, size_t capacity) {
    throw_pending_damage();
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos < output.size) {
        if (in_pos_ == in_size_ && !raw_eof_) {
            in_size_ = raw_->read(in_.data(), in_.size());
            in_pos_ = 0;
            raw_eof_ = in_size_ == 0;
        }
        ZSTD_inBuffer input{in_.data(), in_size_, in_pos_};
        const size_t before = output.pos;
        const size_t consumed_before = input.pos;
        const size_t status = ZSTD_decompressStream(context_.get(), &output, &input);
        in_pos_ = input.pos;
        if (ZSTD_isError(status)) {
            return damaged(output.pos, std::string("zstd: ") + ZSTD_getErrorName(status));
        }
        const bool progressed = output.pos != before || input.pos != consumed_before;
        // 0: a frame ended and is flushed. A call that did nothing returns the next frame
        // header's size, which says nothing about the frame before.
        if (progressed) frame_open_ = status != 0;
        if (in_pos_ == in_size_ && raw_eof_ && !progressed) {
            if (frame_open_) return damaged(output.pos, "the file ends inside a zstd frame");
            break;
        }
    }
    return output.pos;
}

}  // namespace mdp::extract
