#include "common/csv_line_scanner.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "common/csv_chunk_masks.h"

namespace mdp {

CsvLineScanner::CsvLineScanner(std::string_view data, size_t first_index, size_t second_index)
    : data_(data), masks_(data), first_index_(first_index), second_index_(second_index),
      last_wanted_(std::max(first_index, second_index)) {}

MDP_POPCNT_CLONES  // csv_chunk_masks.h
bool CsvLineScanner::next(ScannedLine& line) {
    if (pos_ >= data_.size()) return false;
    const size_t start = pos_;
    line.has_quote = false;
    line.first = {};
    line.second = {};

    // Field `field` began at `field_begin`; each comma ends it. Only the commas up to the last
    // wanted field are looked at one by one, the rest are counted.
    size_t field = 0;
    size_t field_begin = start;
    size_t commas = 0;
    size_t end = data_.size();
    size_t chunk = start / kChunk;
    uint64_t from_start = ~uint64_t{0} << (start % kChunk);
    for (;;) {
        const CsvChunkMasks& m = masks_.of(chunk);
        const uint64_t newlines = m.newline & from_start;
        const uint64_t in_line = from_start & (newlines != 0 ? (newlines & (0 - newlines)) - 1 : ~uint64_t{0});
        line.has_quote |= (m.quote & in_line) != 0;
        uint64_t line_commas = m.comma & in_line;
        while (line_commas != 0 && field <= last_wanted_) {
            const size_t comma = chunk * kChunk + static_cast<size_t>(std::countr_zero(line_commas));
            if (field == first_index_) line.first = data_.substr(field_begin, comma - field_begin);
            if (field == second_index_) line.second = data_.substr(field_begin, comma - field_begin);
            field_begin = comma + 1;
            ++field;
            ++commas;
            line_commas &= line_commas - 1;
        }
        commas += static_cast<size_t>(std::popcount(line_commas));
        if (newlines != 0) {
            end = chunk * kChunk + static_cast<size_t>(std::countr_zero(newlines));
            break;
        }
        ++chunk;
        from_start = ~uint64_t{0};
        if (chunk * kChunk >= data_.size()) break;  // a final line without '\n'
    }
    if (field <= last_wanted_) {  // the line's last field is a wanted one
        size_t field_end = end;
        if (field_end > field_begin && data_[field_end - 1] == '\r') --field_end;
        if (field == first_index_) line.first = data_.substr(field_begin, field_end - field_begin);
        if (field == second_index_) line.second = data_.substr(field_begin, field_end - field_begin);
    }
    line.text = data_.substr(start, end - start);
    line.field_count = commas + 1;
    pos_ = end + 1;
    return true;
}

}  // namespace mdp
