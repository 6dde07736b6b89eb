#include "datagen/csv_output.h"

#include <string>

namespace mdp::datagen {

CsvOutput::CsvOutput(ByteSink* sink, bool crlf, size_t capacity)
    : sink_(sink), crlf_(crlf), capacity_(capacity), buffer_(capacity) {}

void CsvOutput::replace_last_row(std::string_view text) {
    // `text` may point into the buffer's own row: copy it first.
    const std::string copy(text);
    const size_t eol = crlf_ ? 2 : 1;
    if (row_start_ + copy.size() + eol > capacity_) {
        // Cannot happen for generated rows (begin_row reserves 1 KiB); keep the buffer safe.
        buffer_.resize(row_start_ + copy.size() + eol);
        capacity_ = buffer_.size();
    }
    char* p = buffer_.data() + row_start_;
    p = put(p, copy);
    if (crlf_) *p++ = '\r';
    *p++ = '\n';
    used_ = static_cast<size_t>(p - buffer_.data());
}

void CsvOutput::drop_final_line_end() {
    // Rows are only flushed when the next one begins, so the last line end is still buffered.
    const size_t eol = crlf_ ? 2 : 1;
    if (used_ >= eol && buffer_[used_ - 1] == '\n') used_ -= eol;
}

void CsvOutput::append_line(std::string_view text) {
    const size_t need = text.size() + 2;
    if (capacity_ - used_ < need) flush();
    if (capacity_ - used_ < need) {
        buffer_.resize(used_ + need);
        capacity_ = buffer_.size();
    }
    char* p = buffer_.data() + used_;
    p = put(p, text);
    if (crlf_) *p++ = '\r';
    *p++ = '\n';
    used_ = static_cast<size_t>(p - buffer_.data());
    ++extra_lines_;
}

void CsvOutput::write_header(const std::string_view* columns, size_t count) {
    std::string header;
    for (size_t i = 0; i < count; ++i) {
        if (i > 0) header += ',';
        header += columns[i];
    }
    append_line(header);
    --extra_lines_;  // the header is neither a row nor an extra line
}

void CsvOutput::flush() {
    if (used_ > 0 && sink_ != nullptr) sink_->write(std::string_view(buffer_.data(), used_));
    flushed_ += used_;
    used_ = 0;
    row_start_ = 0;
}

void CsvOutput::finish() {
    flush();
    if (sink_ != nullptr) sink_->finish();
}

}  // namespace mdp::datagen
