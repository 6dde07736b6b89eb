#pragma once
// A large output buffer in front of a ByteSink, with the integer/text appenders the row
// formatter uses (std::to_chars, memcpy). A row is always formatted contiguously in the buffer
// (reserve() flushes first when needed), so the row just written can be inspected or replaced,
// which the malformed-row injector relies on.

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "datagen/byte_sink.h"

namespace mdp::datagen {

class CsvOutput {
  public:
    CsvOutput(ByteSink* sink, bool crlf, size_t capacity = size_t{8} << 20);
    CsvOutput(const CsvOutput&) = delete;
    CsvOutput& operator=(const CsvOutput&) = delete;

    // Starts a row of at most `max_bytes` bytes; returns where to write it.
    char* begin_row(size_t max_bytes = 1024) {
        if (capacity_ - used_ < max_bytes) flush();
        row_start_ = used_;
        return buffer_.data() + used_;
    }
    // Ends the row at `end` (exclusive, before the line end) and appends the line end.
    void end_row(char* end) {
        if (crlf_) *end++ = '\r';
        *end++ = '\n';
        used_ = static_cast<size_t>(end - buffer_.data());
        ++rows_;
    }
    // The last row written, without its line end.
    std::string_view last_row() const {
        const size_t eol = crlf_ ? 2 : 1;
        return {buffer_.data() + row_start_, used_ - row_start_ - eol};
    }
    // Replaces the last row (text without line end); the row count is unchanged.
    void replace_last_row(std::string_view text);
    // Appends a whole extra line (text without line end); counted separately from rows.
    void append_line(std::string_view text);
    void write_header(const std::string_view* columns, size_t count);
    // Removes the line end after the last line (real exports sometimes end without one).
    void drop_final_line_end();

    void flush();
    void finish();

    uint64_t rows() const { return rows_; }
    uint64_t extra_lines() const { return extra_lines_; }
    uint64_t bytes() const { return flushed_ + used_; }

    static char* put(char* p, std::string_view text) {
        std::memcpy(p, text.data(), text.size());
        return p + text.size();
    }
    static char* put(char* p, int64_t value) { return std::to_chars(p, p + 24, value).ptr; }
    static char* put(char* p, uint64_t value) { return std::to_chars(p, p + 24, value).ptr; }
    static char* put(char* p, int32_t value) { return std::to_chars(p, p + 24, value).ptr; }
    static char* put(char* p, uint32_t value) { return std::to_chars(p, p + 24, value).ptr; }
    static char* comma(char* p) {
        *p = ',';
        return p + 1;
    }

  private:
    ByteSink* sink_;
    bool crlf_;
    size_t capacity_;
    std::vector<char> buffer_;
    size_t used_ = 0;
    size_t row_start_ = 0;
    uint64_t rows_ = 0;
    uint64_t extra_lines_ = 0;
    uint64_t flushed_ = 0;
};

}  // namespace mdp::datagen
