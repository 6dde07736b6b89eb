#include "common/byte_size.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace mdp {

std::optional<uint64_t> parse_byte_size(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    double multiplier = 1;
    if (text.back() == 'B' || text.back() == 'b') text.remove_suffix(1);
    if (!text.empty()) {
        switch (std::toupper(static_cast<unsigned char>(text.back()))) {
            case 'K': multiplier = 1024.0; break;
            case 'M': multiplier = 1024.0 * 1024; break;
            case 'G': multiplier = 1024.0 * 1024 * 1024; break;
            case 'T': multiplier = 1024.0 * 1024 * 1024 * 1024; break;
            default: break;
        }
        if (multiplier != 1) text.remove_suffix(1);
    }
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    const double bytes = value * multiplier;
    if (bytes < 0 || bytes > 9.0e18) return std::nullopt;
    return static_cast<uint64_t>(std::llround(bytes));
}

}  // namespace mdp
