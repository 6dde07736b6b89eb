#pragma once
// Which pairs of securities cross_security_pairwise.csv compares (INTEGRATION.md 2). Every pair
// grows with the square of the securities: 5,000 securities are 12.5 M pairs per metric, so the
// default is the pairs among the K = 50 securities with the most set-A orders (the ones a
// comparison has the power to say something about). Holm's family is the pairs computed.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mdp::consolidate {

struct PairwiseRule {
    enum class Kind { kAll, kTop, kNone };
    Kind kind = Kind::kTop;
    size_t top = 50;  // with kTop

    // "all", "none", "top:K" (K >= 2); nullopt for anything else.
    static std::optional<PairwiseRule> parse(std::string_view text);
    // The text parse() reads, e.g. "top:50".
    std::string to_string() const;
    // For people: "the 50 securities with the most matched sweeps", "every security", "none".
    std::string describe() const;
};

}  // namespace mdp::consolidate
