#pragma once
// How numbers appear in every output file (SPEC 3.6, docs/contributing.md): the shortest text
// that round-trips (std::to_chars), so 100.0 prints as "100" and 0.1 as "0.1"; NaN is an empty
// cell; negative zero prints as "0"; infinities as "inf" / "-inf".

#include <cstdint>
#include <string>

namespace mdp::analyzers {

std::string format_number(double value);
std::string format_integer(int64_t value);

}  // namespace mdp::analyzers
