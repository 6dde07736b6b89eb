#pragma once
// Pearson and Spearman correlation with SciPy 1.10's p-values (SPEC 3.5, real vs simulated
// metric values). Both give NaN/NaN for fewer than 2 pairs (SciPy: ValueError for pearsonr,
// nan for spearmanr), a constant input (x == x[0] everywhere), or any NaN.

#include <span>

#include "analyzers/stats/result.h"

namespace mdp::stats {

// scipy.stats.pearsonr(x, y): r = dot(xm/|xm|, ym/|ym|) clipped to [-1, 1]; p = 2 *
// Beta(n/2 - 1, n/2 - 1).sf((|r| + 1) / 2) on (-1, 1). For n == 2: r = sign(dx) * sign(dy),
// p = 1. Throws std::invalid_argument when x and y differ in length.
TestResult pearsonr(std::span<const double> x, std::span<const double> y);

// scipy.stats.spearmanr(x, y): Pearson correlation of the average ranks (as np.corrcoef
// computes it), p from t = rho * sqrt((n - 2) / ((1 + rho)(1 - rho))) with n - 2 df. When
// rho is exactly +-1, t is infinite and p = 0; for n == 2 (df = 0) p is NaN.
// Throws std::invalid_argument when x and y differ in length.
TestResult spearmanr(std::span<const double> x, std::span<const double> y);

}  // namespace mdp::stats
