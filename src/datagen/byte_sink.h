#pragma once
// Where generated CSV bytes go. The generator formats rows into its own large buffers and hands
// them to a sink in big blocks, so a sink only has to move bytes: to a file (FileSink, one
// write(2) per block), to memory (StringSink, for in-process tests) or nowhere (CountingSink,
// for sizing and speed measurements).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/unique_fd.h"

namespace mdp::datagen {

class ByteSink {
  public:
    virtual ~ByteSink() = default;
    virtual void write(std::string_view bytes) = 0;
    // Called once after the last write.
    virtual void finish() {}
};

// Writes to `<path>.partial` and renames it to `path` in finish(), so that an interrupted run
// never leaves a complete-looking file behind. The write(2) calls run on a background thread
// (at most two blocks in flight) so that the kernel's copy overlaps with row formatting. Throws
// IoError on any OS failure (from write() or finish() after the writer thread hit it).
class FileSink : public ByteSink {
  public:
    explicit FileSink(std::filesystem::path path);
    ~FileSink() override;
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;
    void write(std::string_view bytes) override;
    void finish() override;

  private:
    void writer_loop();
    void stop_writer();

    std::filesystem::path path_;
    std::filesystem::path partial_;
    UniqueFd fd_;
    bool finished_ = false;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> pending_;
    std::vector<std::string> spare_;
    bool closing_ = false;
    std::string error_;  // first write failure, reported to the producer
    std::thread writer_;
};

class StringSink : public ByteSink {
  public:
    void write(std::string_view bytes) override { data_.append(bytes); }
    const std::string& data() const { return data_; }

  private:
    std::string data_;
};

class CountingSink : public ByteSink {
  public:
    void write(std::string_view bytes) override { bytes_ += bytes.size(); }
    uint64_t bytes() const { return bytes_; }

  private:
    uint64_t bytes_ = 0;
};

}  // namespace mdp::datagen
