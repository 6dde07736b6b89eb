#pragma once
// One-way ANOVA across groups (SPEC 4: a difference metric across securities), with SciPy
// 1.10's scipy.stats.f_oneway semantics:
//   * fewer than 2 groups (SciPy: TypeError), an empty group, or every group of size 1: NaN/NaN;
//   * every group constant and all groups equal: NaN/NaN;
//   * every group constant but not all equal: F = inf, p = 0;
//   * any NaN in the data: NaN/NaN.

#include <span>

#include "analyzers/stats/result.h"

namespace mdp::stats {

// F statistic and its p-value (survival function of F(k - 1, N - k)).
TestResult f_oneway(std::span<const std::span<const double>> groups);

}  // namespace mdp::stats
