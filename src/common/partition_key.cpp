#include "partition_key.h"

namespace mdp {

std::optional<SecurityCode> parse_security_code(std::string_view text) {
    if (text.empty() || text.size() > 20) return std::nullopt;
    SecurityCode value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<SecurityCode>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::string PartitionKey::to_string() const {
    return date.to_string() + "/" + std::to_string(security);
}

std::optional<PartitionKey> PartitionKey::parse(std::string_view text) {
    if (text.size() < 12 || text[10] != '/') return std::nullopt;
    const auto date = CivilDate::parse(text.substr(0, 10));
    const auto security = parse_security_code(text.substr(11));
    if (!date || !security) return std::nullopt;
    return PartitionKey{*date, *security};
}

std::filesystem::path PartitionKey::directory_under(const std::filesystem::path& output_dir) const {
    return output_dir / "partitions" / date.to_string() / std::to_string(security);
}

}  // namespace mdp
