#include "common/integer_field.h"

#include <charconv>

namespace mdp {

bool parse_int64_slow(std::string_view text, int64_t& out) {
    if (text.empty() || text.front() == '+') return false;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace mdp
