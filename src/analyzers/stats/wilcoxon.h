#pragma once
// Wilcoxon signed-rank test of paired differences (SPEC 3.5), reproducing SciPy 1.10's
// scipy.stats.wilcoxon(x, y, zero_method='wilcox', correction=False,
// alternative='two-sided', method='auto'):
//   * n = len(d) <= 50 and no zero difference: exact null distribution of r_plus (ties are
//     allowed here: SciPy truncates the tied, possibly half-integer, r_plus to an integer);
//   * otherwise: zeros are dropped and the normal approximation with the tie correction of
//     the variance is used (no continuity correction);
//   * the statistic is min(r_plus, r_minus);
//   * all differences zero (SciPy raises ValueError), empty input, or any NaN: NaN/NaN.

#include <cstddef>
#include <span>
#include <vector>

#include "analyzers/stats/result.h"

namespace mdp::stats {

struct WilcoxonResult {
    double statistic = kNaN;  // min(r_plus, r_minus)
    double p_value = kNaN;    // two-sided
    bool exact = false;       // true when the exact distribution was used
    std::size_t n_used = 0;   // differences ranked (zeros dropped in the approximation)
};

// Largest n for which method='auto' uses the exact distribution (SciPy 1.10: n <= 50).
inline constexpr std::size_t kWilcoxonExactMaxN = 50;

// wilcoxon(x, y): differences d = x - y. Throws std::invalid_argument on a length mismatch.
WilcoxonResult wilcoxon(std::span<const double> x, std::span<const double> y);

// wilcoxon(d): the differences themselves.
WilcoxonResult wilcoxon(std::span<const double> d);

// Null distribution of r_plus (sum of ranks of the positive differences) for n untied,
// non-zero differences: element r is P(r_plus = r), r = 0 .. n(n+1)/2. Computed by dynamic
// programming over the ranks, one rank at a time, with each step halving the probabilities
// (as SciPy's _get_wilcoxon_distr), so no count can overflow; for n <= 50 every probability
// is an exact dyadic rational count / 2^n.
std::vector<double> wilcoxon_signed_rank_pmf(std::size_t n);

}  // namespace mdp::stats
