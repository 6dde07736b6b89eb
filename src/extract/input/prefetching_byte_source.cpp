#include "extract/input/prefetching_byte_source.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace mdp::extract {

PrefetchingByteSource::PrefetchingByteSource(std::unique_ptr<ByteSource> inner, size_t buffer_bytes,
                                             size_t buffers)
    : inner_(std::move(inner)),
      buffer_bytes_(std::max<size_t>(buffer_bytes, 1)),
      slots_(std::max<size_t>(buffers, 1)) {
    continue_from(*inner_);
    raw_offset_ = inner_->raw_offset();
    for (Slot& slot : slots_) slot.bytes = allocate_bytes(buffer_bytes_);
    thread_ = std::thread([this] { produce(); });
}

PrefetchingByteSource::~PrefetchingByteSource() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void PrefetchingByteSource::produce() {
    for (size_t next = 0;; ++next) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || next - consumed_ < slots_.size(); });
            if (stopping_) return;
        }
        // The slot is the producer's alone until it is published.
        Slot& slot = slots_[next % slots_.size()];
        slot.size = 0;
        slot.last = false;
        slot.error = nullptr;
        try {
            while (slot.size < buffer_bytes_) {
                const size_t n =
                    inner_->read(slot.bytes.get() + slot.size, buffer_bytes_ - slot.size);
                if (n == 0) {
                    slot.last = true;
                    break;
                }
                slot.size += n;
            }
        } catch (...) {
            slot.error = std::current_exception();
            slot.last = true;
        }
        slot.raw_offset = inner_->raw_offset();
        {
            std::lock_guard lock(mutex_);
            ++filled_;
        }
        changed_.notify_all();
        if (slot.last) return;
    }
}

size_t PrefetchingByteSource::read_decoded(char* out, size_t capacity) {
    if (finished_ && error_) std::rethrow_exception(error_);
    size_t copied = 0;
    while (copied < capacity && !finished_) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return filled_ > consumed_; });
        }
        Slot& slot = slots_[consumed_ % slots_.size()];
        const size_t n = std::min(capacity - copied, slot.size - read_pos_);
        std::memcpy(out + copied, slot.bytes.get() + read_pos_, n);
        copied += n;
        read_pos_ += n;
        if (read_pos_ < slot.size) break;  // `out` is full
        raw_offset_ = slot.raw_offset;
        if (slot.last) {
            // Deliver what was copied first; the error (or the end) comes with the next read.
            if (copied > 0) break;
            finished_ = true;
            error_ = slot.error;
            if (error_) std::rethrow_exception(error_);
            break;
        }
        read_pos_ = 0;
        {
            std::lock_guard lock(mutex_);
            ++consumed_;
        }
        changed_.notify_all();
    }
    return copied;
}

Hash128 PrefetchingByteSource::raw_content_hash() const {
    if (!finished_)
        throw std::logic_error("PrefetchingByteSource: the raw hash is known only at the end");
    return inner_->raw_content_hash();
}

}  // namespace mdp::extract
