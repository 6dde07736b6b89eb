#pragma once
// Walks a buffer of CSV lines in one pass and gives, for each line, where its first fields begin
// and end, so that a reader can pick the columns it needs by index without splitting the line
// into strings. The bytes are classified 64 at a time (csv_chunk_masks.h); a line costs a few bit
// operations per 64 bytes plus one per recorded field. Lines holding a '"' are only flagged: the
// caller splits them with whatever quoting rules it follows. The analyzers' partition reader is
// built on it (CsvLineScanner is routing's two-field variant).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/csv_chunk_masks.h"

namespace mdp {

struct CsvRow {
    std::string_view text;  // the line without its '\n' and without one '\r' before it
    uint64_t line = 0;      // physical line number (empty lines count)
    size_t raw_length = 0;  // bytes of the line before its '\n', a final '\r' included
    // The line holds a '"': field_count and CsvRowScanner::field are not valid.
    bool has_quote = false;
    size_t field_count = 0;  // commas + 1
};

class CsvRowScanner {
  public:
    // `data` begins with physical line `first_line`; the boundaries of the first `kept_fields`
    // fields of every line are recorded.
    CsvRowScanner(std::string_view data, uint64_t first_line, size_t kept_fields);

    // The next line, or false at the end of the data. A final line without '\n' is returned too;
    // a final '\n' does not start another (empty) line.
    bool next(CsvRow& row);

    // Field `i` of the line `next` returned last; valid when i < the kept fields and
    // i < row.field_count and the line has no quote.
    std::string_view field(size_t i) const {
        return data_.substr(starts_[i], starts_[i + 1] - 1 - starts_[i]);
    }

  private:
    std::string_view data_;
    CsvChunkCache masks_;
    uint64_t line_;
    size_t kept_;
    std::vector<size_t> starts_;  // starts_[i]: offset of field i; starts_[i + 1] - 1 its end
    size_t pos_ = 0;              // start of the next line
};

}  // namespace mdp
