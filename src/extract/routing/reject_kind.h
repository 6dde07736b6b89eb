#pragma once
// Why a row was rejected, as one enum (the `kind` column of every rejects file; DuckDB's
// CSVErrorType plays the same part). The free-text `reason` beside it says the details.

#include <array>
#include <cstdint>
#include <string_view>

namespace mdp::extract {

enum class RejectKind : uint8_t {
    kEmptyLine = 0,
    kLineTooLong,
    kBadQuotes,         // an unterminated quoted field, or text after a closing quote
    kFieldCount,        // not the header's number of fields
    kBadTimestamp,      // the partitioning timestamp is not a non-negative integer
    kBadSecurity,       // the security code is not a plain integer in 0 .. INT64_MAX
    // A cell of a column the analysis reads (common/analysed_columns.h, docs/validation.md):
    kEmptyValue,        // empty where the column needs a value (an order id, a price, ...)
    kNotANumber,        // not a decimal integer: "abc", "NaN", "1e3", "+5"
    kNotIntegral,       // a number with a non-zero fraction: "3330.5"
    kOutOfRange,        // an integer outside the column's range (docs/validation.md)
};

inline constexpr size_t kRejectKindCount = 10;

// The name written in rejects files: "empty_line", "line_too_long", "bad_quotes",
// "field_count", "bad_timestamp", "bad_security", "empty_value", "not_a_number",
// "not_integral", "out_of_range".
inline constexpr std::string_view reject_kind_name(RejectKind kind) {
    constexpr std::array<std::string_view, kRejectKindCount> kNames{
        "empty_line",  "line_too_long", "bad_quotes",   "field_count",  "bad_timestamp",
        "bad_security", "empty_value",  "not_a_number", "not_integral", "out_of_range"};
    return kNames[static_cast<size_t>(kind)];
}

}  // namespace mdp::extract
