#pragma once
// What a cell of an analysed column may hold, and the one function that reads it: extraction
// uses it to reject a bad cell as one row (with the input's line), the analyzers to read the
// same cell from the partition file, so a row extraction accepts is a row the analysis can read.
// The ranges are chosen so that nothing the analyzers compute overflows int64 (docs/validation.md
// gives each column its form and range, and the arithmetic behind each bound).

#include <cstdint>
#include <limits>
#include <string_view>

namespace mdp {

// The kinds of analysed value (SPEC 1.1 - 1.3). Each has one range and one rule for empty cells.
enum class ValueType : uint8_t {
    kId,          // order ids and sequence numbers: only compared and joined on
    kTimestamp,   // epoch nanoseconds; only differences of two are computed
    kSecurity,    // the security code (also a partition key: a path component)
    kPrice,       // a limit or trade price in price units (A$0.001)
    kQuotePrice,  // a bid or offer snapshot; empty means "no quote" (0, unusable by SPEC 1.1)
    kQuantity,    // shares: summed over up to 2^32 rows of a partition
    kCode,        // a small enumeration: side, changereason, exchangeordertype, dealsource
};

struct ValueRange {
    int64_t min = 0;
    int64_t max = 0;
    bool empty_allowed = false;  // an empty cell is then the value 0
};

// Prices and quantities up to 10^9: a partition holds at most 2^32 rows (the analyzers' row
// index is 32 bits), so a sum of quantities stays below 2^32 * 10^9 < 4.3e18 < INT64_MAX, and a
// price times a quantity below 10^18. 10^9 price units is A$1,000,000 a share, 10^9 shares more
// than any listed company has on issue in one order.
inline constexpr int64_t kMaxPrice = 1'000'000'000;
inline constexpr int64_t kMaxQuantity = 1'000'000'000;
// The largest security code a partition may have: the analyzers, the registry and the SQLite
// export hold it as an int64 (extraction's key parser reads up to UINT64_MAX).
inline constexpr uint64_t kMaxSecurityCode = uint64_t{std::numeric_limits<int64_t>::max()};

constexpr ValueRange value_range(ValueType type) {
    constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
    switch (type) {
        case ValueType::kId:
        case ValueType::kTimestamp:
        case ValueType::kSecurity:
            return {0, kInt64Max, false};
        case ValueType::kPrice:
            return {0, kMaxPrice, false};
        case ValueType::kQuotePrice:
            return {0, kMaxPrice, true};
        case ValueType::kQuantity:
            return {0, kMaxQuantity, false};
        case ValueType::kCode:
            return {0, std::numeric_limits<int32_t>::max(), false};
    }
    return {};
}

enum class CellProblem : uint8_t {
    kNone,
    kEmpty,        // empty where the column needs a value
    kNotANumber,   // not a decimal number: "abc", "NaN", "1e3", "+5", "0x10", "-"
    kNotIntegral,  // a decimal number with a non-zero fraction: "3330.5"
    kOutOfRange,   // an integer outside the column's range (or outside int64: 23 digits)
};

// An integer written the way real exports write one: `-?[0-9]+`, or an integral float
// `-?[0-9]+\.0+` (pandas writes an integer column that has a missing value as floats:
// "3330.0"). Exact: never through a double. False when `text` is not exactly that or does not
// fit int64. `readable` as for parse_int64_in (nullptr when unknown).
bool parse_integer_text(std::string_view text, int64_t& out, const char* readable = nullptr);

// Reads one cell of an analysed column of type `type` into `out` (already trimmed of the spaces
// around it, as the readers trim every field). Empty is 0 where allowed.
CellProblem read_cell(std::string_view text, ValueType type, int64_t& out,
                      const char* readable = nullptr);

// The spaces around a field dropped (the analyzers' readers and extraction both trim). Inline:
// called for every analysed cell of every row.
inline std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

}  // namespace mdp
