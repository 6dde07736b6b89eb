#include "analyzers/integer_field.h"

#include <charconv>

namespace mdp::analyzers {

std::optional<int64_t> parse_int64(std::string_view text) {
    if (text.empty() || text.front() == '+') return std::nullopt;
    int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

}  // namespace mdp::analyzers
