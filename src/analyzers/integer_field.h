#pragma once
// Exact parsing of the integer fields of the partition files. Ids, times, prices and quantities
// are integers in the SPEC; they are parsed with std::from_chars straight into int64_t, never
// through a double, so a 19-digit order id survives unchanged.

#include <cstdint>
#include <optional>
#include <string_view>

namespace mdp::analyzers {

// The whole of `text` as a base-10 int64: an optional '-' then digits, nothing else (no '+', no
// spaces, no decimal point or exponent). nullopt when it is not exactly that or overflows.
std::optional<int64_t> parse_int64(std::string_view text);

}  // namespace mdp::analyzers
