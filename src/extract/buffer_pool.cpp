#include "extract/buffer_pool.h"

#include <sys/mman.h>

#include <cassert>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace mdp::extract {

void FreeBytes::operator()(char* bytes) const { std::free(bytes); }

Bytes allocate_bytes(size_t count) {
    constexpr size_t kHugePage = 2 << 20;
    void* bytes = nullptr;
    if (count >= kHugePage) {
        const size_t rounded = (count + kHugePage - 1) / kHugePage * kHugePage;
        bytes = std::aligned_alloc(kHugePage, rounded);
        if (bytes != nullptr) ::madvise(bytes, rounded, MADV_HUGEPAGE);  // advice only: may be refused
    } else {
        bytes = std::malloc(count ? count : 1);
    }
    if (bytes == nullptr) throw std::bad_alloc();
    return Bytes(static_cast<char*>(bytes));
}

Buffer::Buffer(Bytes bytes, size_t capacity, BufferPool* pool)
    : bytes_(std::move(bytes)), capacity_(capacity), pool_(pool) {}

Buffer::Buffer(Buffer&& other) noexcept
    : bytes_(std::move(other.bytes_)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)),
      pool_(std::exchange(other.pool_, nullptr)) {}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        release();
        bytes_ = std::move(other.bytes_);
        size_ = std::exchange(other.size_, 0);
        capacity_ = std::exchange(other.capacity_, 0);
        pool_ = std::exchange(other.pool_, nullptr);
    }
    return *this;
}

Buffer::~Buffer() { release(); }

void Buffer::release() {
    if (bytes_ && pool_ != nullptr) pool_->give_back(std::move(bytes_));
    bytes_.reset();
    size_ = 0;
    capacity_ = 0;
    pool_ = nullptr;
}

Buffer Buffer::holding(std::string_view text) {
    Buffer buffer(allocate_bytes(text.size()), text.size(), nullptr);
    buffer.append(text);
    return buffer;
}

void Buffer::resize(size_t new_size) {
    assert(new_size <= capacity_);
    size_ = new_size;
}

void Buffer::append(std::string_view text) {
    assert(text.size() <= capacity_ - size_);
    if (!text.empty()) std::memcpy(bytes_.get() + size_, text.data(), text.size());
    size_ += text.size();
}

Buffer BufferPool::acquire(size_t min_capacity) {
    if (min_capacity > buffer_bytes_) {
        return Buffer(allocate_bytes(min_capacity), min_capacity, nullptr);
    }
    {
        const std::lock_guard lock(mutex_);
        if (!free_.empty()) {
            Bytes bytes = std::move(free_.back());
            free_.pop_back();
            return Buffer(std::move(bytes), buffer_bytes_, this);
        }
    }
    return Buffer(allocate_bytes(buffer_bytes_), buffer_bytes_, this);
}

void BufferPool::give_back(Bytes bytes) {
    const std::lock_guard lock(mutex_);
    free_.push_back(std::move(bytes));
}

}  // namespace mdp::extract
