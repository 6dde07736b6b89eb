#pragma once
// A reusable buffer holding one whole input file's bytes at a time, owned by the caller. A
// caller that analyses partitions one after another (each engine worker) keeps one and passes it
// to analyze_partition: every orders.csv then lands in memory that is already mapped instead of
// tens of MB of fresh pages that the kernel must fault in and zero for each file - work that,
// with several workers, also queues on the process' one memory map. The analyzers themselves
// know nothing of who calls them from which thread.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>

namespace mdp::analyzers {

class ReadBuffer {
  public:
    // The whole of `file`, read with one read(2) (more only if the kernel returns less); valid
    // until the next call. Throws InputError when the file cannot be opened, IoError when
    // reading fails.
    std::string_view read(const std::filesystem::path& file);

    size_t capacity() const { return capacity_; }

    // Frees the memory if it is larger than `max_kept` bytes: a caller that keeps the buffer
    // between partitions bounds what it holds while idle.
    void trim(size_t max_kept) {
        if (capacity_ > max_kept) {
            data_.reset();
            capacity_ = 0;
        }
    }

  private:
    std::unique_ptr<char[]> data_;
    size_t capacity_ = 0;
};

}  // namespace mdp::analyzers
