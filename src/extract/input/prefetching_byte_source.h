#pragma once
// Runs another source's reads (the decoding) on a thread of its own, into a small ring of
// large buffers, so that the extraction pipeline's serial read stage only copies bytes out
// while decoding proceeds on another core (docs/decompression.md has the measurement).
//
// An error of the wrapped source is rethrown by read() at the point of the stream where it
// happened, after every byte before it was delivered. Destroying the wrapper early stops the
// thread after the wrapped read in progress returns (a pipe whose writer never writes again
// keeps that read, and so the destructor, waiting).

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "extract/buffer_pool.h"
#include "extract/input/byte_source.h"

namespace mdp::extract {

class PrefetchingByteSource final : public ByteSource {
  public:
    static constexpr size_t kDefaultBufferBytes = 4 << 20;
    static constexpr size_t kDefaultBuffers = 3;

    // Continues from where `inner` stands.
    explicit PrefetchingByteSource(std::unique_ptr<ByteSource> inner,
                                   size_t buffer_bytes = kDefaultBufferBytes,
                                   size_t buffers = kDefaultBuffers);
    ~PrefetchingByteSource() override;

    // Stored bytes consumed by the wrapped source up to the end of the buffer being delivered.
    uint64_t raw_offset() const override { return raw_offset_; }
    std::optional<uint64_t> raw_size() const override { return inner_->raw_size(); }
    bool seekable() const override { return false; }
    std::string describe() const override { return inner_->describe(); }
    const std::filesystem::path& path() const override { return inner_->path(); }
    // Only once read() returned 0 (the thread has finished); throws std::logic_error before.
    Hash128 raw_content_hash() const override;
    bool stored_bytes_are_decoded() const override { return inner_->stored_bytes_are_decoded(); }

  protected:
    size_t read_decoded(char* out, size_t capacity) override;

  private:
    struct Slot {
        Bytes bytes;
        size_t size = 0;
        uint64_t raw_offset = 0;   // the wrapped source's, after filling this slot
        bool last = false;         // the stream ends (or fails) after this slot's bytes
        std::exception_ptr error;  // thrown once this slot's bytes are delivered
    };

    void produce();

    std::unique_ptr<ByteSource> inner_;
    const size_t buffer_bytes_;
    std::vector<Slot> slots_;
    std::mutex mutex_;
    std::condition_variable changed_;
    size_t filled_ = 0;    // slots published by the producer, in total
    size_t consumed_ = 0;  // slots released by the consumer, in total
    bool stopping_ = false;
    bool finished_ = false;     // the consumer reached the last slot
    std::exception_ptr error_;  // the wrapped source's, rethrown by every read after it
    size_t read_pos_ = 0;       // within the slot being delivered
    uint64_t raw_offset_ = 0;
    std::thread thread_;
};

}  // namespace mdp::extract
