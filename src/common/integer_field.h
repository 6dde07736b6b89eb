#pragma once
// Exact parsing of the integer fields of the partition files. Ids, times, prices and quantities
// are integers in the SPEC; they are parsed straight into int64_t, never through a double, so a
// 19-digit order id survives unchanged. The common case (at most 19 digits, as every id and
// epoch-nanosecond time is) is an inline loop that cannot overflow before its range check; longer
// text (leading zeros) goes to std::from_chars. This was the partition reader's hottest
// function with std::from_chars alone (25% of the analysis' CPU).

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace mdp {

// std::from_chars for the texts the inline paths leave out.
bool parse_int64_slow(std::string_view text, int64_t& out);

namespace integer_field_detail {

// The `k` (1..8) digits that end at `end`, eight bytes read at once (end - 8 must be readable),
// into `out`; false if one of them is not a digit. The classic SWAR conversion: the bytes before
// the digits are replaced by '0', every byte is checked to be '0'..'9' with two adds, and the
// eight digits are combined with three multiplications.
inline bool eight_digits(const char* end, size_t k, uint64_t& out) {
    uint64_t w;
    std::memcpy(&w, end - 8, 8);
    const uint64_t pad = (uint64_t{1} << (8 * (8 - k))) - 1;  // the bytes before the digits
    w = (w & ~pad) | (0x3030303030303030ULL & pad);
    const uint64_t x = w - 0x3030303030303030ULL;
    if ((((x + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL) != 0) return false;
    const uint64_t pairs = x * 10 + (x >> 8);
    out = (((pairs & 0x000000FF000000FFULL) * 0x000F424000000064ULL) +
           (((pairs >> 16) & 0x000000FF000000FFULL) * 0x0000271000000001ULL)) >>
          32;
    return true;
}

}  // namespace integer_field_detail

// The whole of `text` as a base-10 int64 into `out`: an optional '-' then digits, nothing else
// (no '+', no spaces, no decimal point or exponent). False when it is not exactly that or
// overflows. (A bool and an out-parameter rather than std::optional: GCC returns the optional
// through the stack and reloads half of it, a store-forwarding stall per field that was 70% of
// this function's time.)
inline bool parse_int64_into(std::string_view text, int64_t& out) {
    const char* p = text.data();
    size_t n = text.size();
    const bool negative = n != 0 && *p == '-';
    if (negative) {
        ++p;
        --n;
    }
    if (n == 0 || n > 19) return parse_int64_slow(text, out);
    // At most 19 digits stay below 10^19 < 2^64: no overflow before the range check. Digits are
    // taken four at a time after the first n % 4, so that the multiply-add chain is ~n/4 long
    // rather than n (the digits of a group do not depend on each other).
    const auto digit = [p](size_t i) {
        return static_cast<uint64_t>(static_cast<unsigned char>(p[i])) - uint64_t{'0'};
    };
    uint64_t value = 0;
    size_t i = 0;
    for (const size_t lead = n % 4; i < lead; ++i) {
        const uint64_t d = digit(i);
        if (d > 9) return false;
        value = value * 10 + d;
    }
    for (; i < n; i += 4) {
        const uint64_t d0 = digit(i);
        const uint64_t d1 = digit(i + 1);
        const uint64_t d2 = digit(i + 2);
        const uint64_t d3 = digit(i + 3);
        if ((d0 > 9) | (d1 > 9) | (d2 > 9) | (d3 > 9)) return false;
        value = value * 10000 + (d0 * 1000 + d1 * 100 + d2 * 10 + d3);
    }
    constexpr uint64_t kMax = uint64_t{INT64_MAX};
    if (value > kMax + (negative ? 1 : 0)) return false;
    out = static_cast<int64_t>(negative ? 0 - value : value);  // modulo 2^64: -2^63 included
    return true;
}

// parse_int64 for a field inside a larger buffer whose bytes from `readable` to the field's end
// may all be read: the digits are then converted eight at a time (no loop, no branch that
// depends on the number's length beyond <= 8, <= 16, <= 19 digits).
inline bool parse_int64_in(std::string_view text, const char* readable, int64_t& out) {
    using integer_field_detail::eight_digits;
    if constexpr (std::endian::native != std::endian::little) return parse_int64_into(text, out);
    const bool negative = !text.empty() && text.front() == '-';
    const size_t n = text.size() - (negative ? 1 : 0);
    const char* end = text.data() + text.size();
    if (n == 0 || n > 19 || end - readable < 24) return parse_int64_into(text, out);
    uint64_t value = 0;
    if (n <= 8) {
        if (!eight_digits(end, n, value)) return false;
    } else if (n <= 16) {
        uint64_t high = 0;
        uint64_t low = 0;
        if (!eight_digits(end - 8, n - 8, high) || !eight_digits(end, 8, low)) return false;
        value = high * 100000000 + low;
    } else {  // below 10^19 < 2^64
        uint64_t high = 0;
        uint64_t middle = 0;
        uint64_t low = 0;
        if (!eight_digits(end - 16, n - 16, high) || !eight_digits(end - 8, 8, middle) ||
            !eight_digits(end, 8, low)) {
            return false;
        }
        value = high * 10000000000000000 + middle * 100000000 + low;
    }
    constexpr uint64_t kMax = uint64_t{INT64_MAX};
    if (value > kMax + (negative ? 1 : 0)) return false;
    out = static_cast<int64_t>(negative ? 0 - value : value);
    return true;
}

// parse_int64_into as an optional (for callers off the hot path).
inline std::optional<int64_t> parse_int64(std::string_view text) {
    int64_t value = 0;
    if (!parse_int64_into(text, value)) return std::nullopt;
    return value;
}

}  // namespace mdp
