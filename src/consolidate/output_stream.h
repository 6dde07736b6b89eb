#pragma once
// A consolidated output file written as it is produced (the consolidated files grow with the
// number of orders and partitions, so none is held whole in memory): appended text is buffered
// and written in large blocks; close() fsyncs, so the file is durable before the consolidated
// directory is published (consolidated_directory.h).

#include <filesystem>
#include <string>
#include <string_view>

#include "common/unique_fd.h"

namespace mdp::consolidate {

class OutputStream {
  public:
    // Creates (or truncates) `path`. Throws IoError.
    explicit OutputStream(std::filesystem::path path);
    OutputStream(const OutputStream&) = delete;
    OutputStream& operator=(const OutputStream&) = delete;
    ~OutputStream();

    void write(std::string_view text);
    // Writes what is buffered, fsyncs and closes. Throws IoError.
    void close();
    const std::filesystem::path& path() const { return path_; }

  private:
    void drain();
    std::filesystem::path path_;
    UniqueFd fd_;
    std::string buffer_;
};

}  // namespace mdp::consolidate
