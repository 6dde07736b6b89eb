#include "datagen/generator_config.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace mdp::datagen {

bool apply_preset(std::string_view name, GeneratorConfig& config) {
    if (name == "default") {
        config = GeneratorConfig{};
        return true;
    }
    if (name == "demo") {
        config.securities = 20;
        config.days = 5;
        config.orders_rows = 25'000;
        config.target_bytes = 0;
        return true;
    }
    if (name == "asx") {
        apply_preset("demo", config);
        config.quirks.enabled = true;
        return true;
    }
    if (name == "bench") {
        config.securities = 200;
        config.days = 5;
        config.target_bytes = uint64_t{2} << 30;
        return true;
    }
    return false;
}

std::optional<uint64_t> parse_byte_size(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
    }
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
    }
    size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) {
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + digits, value);
    if (error != std::errc{} || end != text.data() + digits || !(value >= 0)) return std::nullopt;
    std::string unit(text.substr(digits));
    for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    double multiplier = 0;
    if (unit.empty() || unit == "B") {
        multiplier = 1;
    } else if (unit == "K" || unit == "KB" || unit == "KIB") {
        multiplier = 1024.0;
    } else if (unit == "M" || unit == "MB" || unit == "MIB") {
        multiplier = 1024.0 * 1024.0;
    } else if (unit == "G" || unit == "GB" || unit == "GIB") {
        multiplier = 1024.0 * 1024.0 * 1024.0;
    } else if (unit == "T" || unit == "TB" || unit == "TIB") {
        multiplier = 1024.0 * 1024.0 * 1024.0 * 1024.0;
    } else {
        return std::nullopt;
    }
    const double bytes = std::floor(value * multiplier);
    if (bytes > 1.8e19) return std::nullopt;
    return static_cast<uint64_t>(bytes);
}

std::string describe(const GeneratorConfig& config) {
    std::string text = std::to_string(config.securities) + " securities x " +
                       std::to_string(config.days) + " trading days from " +
                       config.start_date.to_string() + ", seed " + std::to_string(config.seed) +
                       ", ";
    if (config.target_bytes > 0) {
        text += "about " + std::to_string(config.target_bytes) + " bytes of orders";
    } else {
        text += std::to_string(config.orders_rows) + " order rows";
    }
    return text;
}

}  // namespace mdp::datagen
