#include "consolidate/pairwise_rule.h"

#include <charconv>

namespace mdp::consolidate {

std::optional<PairwiseRule> PairwiseRule::parse(std::string_view text) {
    if (text == "all") return PairwiseRule{Kind::kAll, 0};
    if (text == "none") return PairwiseRule{Kind::kNone, 0};
    constexpr std::string_view kTop = "top:";
    if (!text.starts_with(kTop)) return std::nullopt;
    const std::string_view digits = text.substr(kTop.size());
    size_t k = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), k);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || k < 2) return std::nullopt;
    return PairwiseRule{Kind::kTop, k};
}

std::string PairwiseRule::to_string() const {
    switch (kind) {
        case Kind::kAll: return "all";
        case Kind::kNone: return "none";
        case Kind::kTop: break;
    }
    return "top:" + std::to_string(top);
}

std::string PairwiseRule::describe() const {
    switch (kind) {
        case Kind::kAll: return "every pair of securities";
        case Kind::kNone: return "no pairs (--pairwise none)";
        case Kind::kTop: break;
    }
    return "pairs among the " + std::to_string(top) + " securities with the most matched sweeps";
}

}  // namespace mdp::consolidate
