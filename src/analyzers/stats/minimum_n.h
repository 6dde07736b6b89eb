#pragma once
// Minimum numbers of pairs below which SPEC 3.5 leaves a statistic's cells empty. The functions
// of mdp::stats compute whatever SciPy computes at any n; callers apply these rules.

#include <cstddef>

namespace mdp::stats {

inline constexpr std::size_t kMinPairsPairedT = 2;
inline constexpr std::size_t kMinPairsWilcoxon = 10;
inline constexpr std::size_t kMinPairsPearson = 3;
inline constexpr std::size_t kMinPairsSpearman = 3;
inline constexpr std::size_t kMinPairsCohensD = 2;  // and sd(d) > 0
inline constexpr std::size_t kMinPairsMeanCi = 2;
inline constexpr std::size_t kMinPerGroupAnova = 2;  // SPEC 4: each security n >= 2

}  // namespace mdp::stats
