#pragma once
// Student t tests with SciPy 1.10 semantics, all two-sided: the paired test of SPEC 3.5, the
// one-sample test against 0 of the pooled tables (SPEC 4), and the two-sample tests (Student
// and Welch) between securities. Zero variance gives t = +-inf with p = 0 when the mean
// difference is non-zero, and NaN/NaN when it is zero, exactly as SciPy does. Any NaN input, or
// fewer than 2 observations (per group), gives NaN/NaN.

#include <span>

#include "analyzers/stats/result.h"

namespace mdp::stats {

// scipy.stats.ttest_rel(a, b): t = mean(d) / sqrt(var(d, ddof=1) / n), d = a - b, df = n - 1.
// Throws std::invalid_argument when a and b differ in length.
TestResult ttest_rel(std::span<const double> a, std::span<const double> b);

// scipy.stats.ttest_1samp(x, popmean).
TestResult ttest_1samp(std::span<const double> x, double popmean = 0.0);

// scipy.stats.ttest_ind(a, b, equal_var=True): pooled variance, df = n1 + n2 - 2.
TestResult ttest_ind_student(std::span<const double> a, std::span<const double> b);

// scipy.stats.ttest_ind(a, b, equal_var=False): Welch-Satterthwaite df (1 when both
// variances are zero).
TestResult ttest_ind_welch(std::span<const double> a, std::span<const double> b);

}  // namespace mdp::stats
