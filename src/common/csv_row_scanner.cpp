#include "common/csv_row_scanner.h"

#include <bit>

namespace mdp {

CsvRowScanner::CsvRowScanner(std::string_view data, uint64_t first_line, size_t kept_fields)
    : data_(data), masks_(data), line_(first_line), kept_(kept_fields), starts_(kept_fields + 1) {}

MDP_POPCNT_CLONES  // csv_chunk_masks.h
bool CsvRowScanner::next(CsvRow& row) {
    if (pos_ >= data_.size()) return false;
    const size_t start = pos_;
    bool has_quote = false;
    size_t recorded = 0;   // commas whose position was recorded (at most kept_)
    size_t uncounted = 0;  // the other commas
    size_t end = data_.size();
    starts_[0] = start;
    size_t chunk = start / kCsvChunk;
    uint64_t from_start = ~uint64_t{0} << (start % kCsvChunk);
    for (;;) {
        const CsvChunkMasks& m = masks_.of(chunk);
        const uint64_t newlines = m.newline & from_start;
        const uint64_t in_line =
            from_start & (newlines != 0 ? (newlines & (0 - newlines)) - 1 : ~uint64_t{0});
        has_quote |= (m.quote & in_line) != 0;
        uint64_t commas = m.comma & in_line;
        while (commas != 0 && recorded < kept_) {
            starts_[++recorded] =
                chunk * kCsvChunk + static_cast<size_t>(std::countr_zero(commas)) + 1;
            commas &= commas - 1;
        }
        uncounted += static_cast<size_t>(std::popcount(commas));
        if (newlines != 0) {
            end = chunk * kCsvChunk + static_cast<size_t>(std::countr_zero(newlines));
            break;
        }
        ++chunk;
        from_start = ~uint64_t{0};
        if (chunk * kCsvChunk >= data_.size()) break;  // a final line without '\n'
    }
    size_t text_end = end;
    if (text_end > start && data_[text_end - 1] == '\r') --text_end;
    if (recorded < kept_) starts_[recorded + 1] = text_end + 1;  // the last field is kept
    row.text = data_.substr(start, text_end - start);
    row.line = line_++;
    row.raw_length = end - start;
    row.has_quote = has_quote;
    row.field_count = recorded + uncounted + 1;
    pos_ = end + 1;
    return true;
}

}  // namespace mdp
