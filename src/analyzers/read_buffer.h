#pragma once
// A reusable buffer holding one whole input file's bytes at a time, owned by the caller. A
// caller that analyses partitions one after another (each engine worker) keeps one and passes it
// to analyze_partition: every orders.csv then lands in memory that is already mapped instead of
// tens of MB of fresh pages that the kernel must fault in and zero for each file - work that,
// with several workers, also queues on the process' one memory map. The analyzers themselves
// know nothing of who calls them from which thread.

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace mdp::analyzers {

class ReadBuffer {
  public:
    ReadBuffer() = default;
    ReadBuffer(const ReadBuffer&) = delete;
    ReadBuffer& operator=(const ReadBuffer&) = delete;
    ~ReadBuffer();

    // The whole of `file`, read with one read(2) (more only if the kernel returns less); valid
    // until the next call. Throws InputError when the file cannot be opened, IoError when
    // reading fails.
    std::string_view read(const std::filesystem::path& file);

    size_t capacity() const { return capacity_; }

    // Bounds what the buffer holds while idle: the pages beyond the first `max_kept` bytes are
    // given back lazily (MADV_FREE: the kernel takes them when it needs memory; until then the
    // next large file reuses them without faulting in and zeroing fresh pages, which was most of
    // the page faults of `process` on a market with a few very large partitions).
    void trim(size_t max_kept);

  private:
    char* data_ = nullptr;  // an anonymous private mapping of capacity_ bytes
    size_t capacity_ = 0;
};

}  // namespace mdp::analyzers
