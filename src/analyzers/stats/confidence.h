#pragma once
// Effect size and confidence interval of a mean difference (SPEC 3.5 and 4): the t-based 95%
// confidence interval of the mean of d and Cohen's d_z = mean(d) / sd(d).

#include <span>

#include "analyzers/stats/result.h"

namespace mdp::stats {

// mean +- t(1 - (1 - level) / 2, n - 1) * sd / sqrt(n), with sd / sqrt(n) computed as SciPy's
// standard error sqrt(var(x, ddof=1) / n): the interval of
// scipy.stats.ttest_1samp(x, 0).confidence_interval(level), but with an exact t quantile
// (SciPy 1.10's stdtrit is only accurate to about 1e-9, see docs/statistics.md).
// NaN bounds for n < 2, any NaN, or level outside (0, 1). Zero variance gives [mean, mean].
ConfidenceInterval mean_confidence_interval(std::span<const double> x, double level = 0.95);

// Cohen's d_z: np.mean(d) / np.std(d, ddof=1). NaN for n < 2, zero sd, or any NaN.
double cohens_dz(std::span<const double> d);

}  // namespace mdp::stats
