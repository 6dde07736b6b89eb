#pragma once
// Splits one CSV line into fields (routing's hot path is CsvLineScanner, which finds the two key
// fields of unquoted lines without splitting). The common case (no quote character) is a memchr
// scan; a line with quotes goes through an RFC 4180 parser ("a,""b"",c" style doubling, commas
// inside quotes).
// A quoted field spanning lines is not supported: its first line reports an unterminated quote.

#include <string>
#include <string_view>
#include <vector>

namespace mdp {

enum class SplitStatus { kOk, kUnterminatedQuote, kTextAfterClosingQuote };

struct SplitFields {
    SplitStatus status = SplitStatus::kOk;
    // Field texts without the surrounding quotes. A quoted field containing doubled quotes is
    // unescaped into `unescaped_storage`, which the views may point into.
    std::vector<std::string_view> fields;
    std::vector<std::string> unescaped_storage;
};

// `line` must not contain the line terminator ("\n" or "\r\n").
void split_csv_line(std::string_view line, SplitFields& out);

// Counts the fields of a line without materialising them; quote-aware. Returns 0 for an
// unterminated quote.
size_t count_csv_fields(std::string_view line);

const char* describe(SplitStatus status);

}  // namespace mdp
