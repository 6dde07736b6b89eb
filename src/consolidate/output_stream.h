#pragma once
// A consolidated output file written as it is produced (the consolidated files grow with the
// number of orders and partitions, so none is held whole in memory): appended text is buffered
// and written in large blocks; close() fsyncs, so the file is durable before the consolidated
// directory is published (consolidated_directory.h).

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/csv_writer.h"
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

// A CSV file streamed row by row through analyzers::CsvWriter (so every cell is formatted
// exactly as in the per-partition files): the rows accumulate in the writer and are moved to
// the file in blocks.
class CsvStream {
  public:
    CsvStream(std::filesystem::path path, std::span<const std::string_view> columns);

    // The writer to add the cells of one row to; call end_row() after them.
    analyzers::CsvWriter& row() { return writer_; }
    void end_row();
    size_t rows() const { return rows_; }
    void close();

  private:
    void flush_rows();
    OutputStream out_;
    std::vector<std::string_view> columns_;
    analyzers::CsvWriter writer_;
    size_t header_bytes_ = 0;
    bool header_written_ = false;
    size_t rows_ = 0;
};

}  // namespace mdp::consolidate
