#pragma once
// Walks a buffer of CSV lines in one pass. The bytes are classified 64 at a time into bit masks
// of newlines, commas and quotes (SSE2 compares where available), so finding a line's end,
// counting its fields and locating two chosen fields costs a few bit operations per 64 bytes
// rather than one memchr per line plus one per field. This is routing's hot path: every row of
// a 100 GB export goes through it.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/csv_chunk_masks.h"

namespace mdp {

struct ScannedLine {
    std::string_view text;     // the line without its '\n' (a '\r' before it is kept)
    // The line holds a '"': field_count and the fields below are not valid, split it with
    // split_csv_line instead.
    bool has_quote = false;
    size_t field_count = 0;
    std::string_view first;    // field number `first_index` (without a final '\r'), or empty if
    std::string_view second;   // the line has fewer fields; likewise `second_index`
};

class CsvLineScanner {
public:
    CsvLineScanner(std::string_view data, size_t first_index, size_t second_index);

    // The next line, or false at the end of the data. A final line without '\n' is returned too.
    bool next(ScannedLine& line);

private:
    static constexpr size_t kChunk = kCsvChunk;

    std::string_view data_;
    CsvChunkCache masks_;
    size_t first_index_;
    size_t second_index_;
    size_t last_wanted_;
    size_t pos_ = 0;                 // start of the next line
};

}  // namespace mdp
