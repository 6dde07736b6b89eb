#pragma once
// Reusable byte buffers for the extraction pipeline. Every block is read into one buffer and
// routed into another of the same size; recycling them, most recently returned first, spares
// the allocator and the kernel a fresh mapping, its page faults and its zero-filling per block,
// and hands out memory that is likely still in cache. On a warm page cache that churn cost more
// than the copying itself (docs/extraction.md, "Memory").

#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace mdp::extract {

class BufferPool;

struct FreeBytes {
    void operator()(char* bytes) const;
};
using Bytes = std::unique_ptr<char, FreeBytes>;

// Uninitialised bytes; large ones in transparent huge pages where the kernel allows (one TLB
// entry per 2 MiB instead of 512: the router and the kernel touch every byte of every block).
Bytes allocate_bytes(size_t count);

// A byte buffer with a fixed capacity whose bytes past size() are uninitialised. Move-only; a
// pooled buffer returns its storage to its pool when destroyed, so the pool must outlive it.
class Buffer {
public:
    Buffer() = default;
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer();

    // A one-off (not pooled) buffer holding a copy of `text`, exactly as large.
    static Buffer holding(std::string_view text);

    char* data() { return bytes_.get(); }
    const char* data() const { return bytes_.get(); }
    size_t size() const { return size_; }
    size_t capacity() const { return capacity_; }
    bool empty() const { return size_ == 0; }
    std::string_view view() const { return {bytes_.get(), size_}; }

    // `new_size` must not exceed capacity(); bytes gained are uninitialised.
    void resize(size_t new_size);
    // `text` must fit in the remaining capacity.
    void append(std::string_view text);

private:
    friend class BufferPool;
    Buffer(Bytes bytes, size_t capacity, BufferPool* pool);
    void release();

    Bytes bytes_;
    size_t size_ = 0;
    size_t capacity_ = 0;
    BufferPool* pool_ = nullptr;  // null: freed, not pooled
};

// Thread-safe. Holds at most as many buffers as were ever out at once.
class BufferPool {
public:
    explicit BufferPool(size_t buffer_bytes) : buffer_bytes_(buffer_bytes) {}
    BufferPool(const BufferPool&) = delete;
    BufferPool& operator=(const BufferPool&) = delete;

    // An empty buffer of at least `min_capacity` bytes: a pooled one of buffer_bytes() when that
    // is enough, else a one-off of exactly `min_capacity` (an oversized request is rare and
    // must not grow every pooled buffer).
    Buffer acquire(size_t min_capacity);
    size_t buffer_bytes() const { return buffer_bytes_; }

private:
    friend class Buffer;
    void give_back(Bytes bytes);

    const size_t buffer_bytes_;
    std::mutex mutex_;
    std::vector<Bytes> free_;  // a stack: the last returned is reused first
};

}  // namespace mdp::extract
