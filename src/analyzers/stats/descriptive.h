#pragma once
// Descriptive statistics of one sample, with NumPy 1.24 semantics (the summary CSVs of SPEC 3.6
// and the pooled tables of SPEC 4): mean, median, sample standard deviation (ddof = 1), min, max,
// quantiles with NumPy's default linear interpolation, and average ranks (scipy.stats.rankdata).
// A NaN anywhere in the input, or an empty input, gives NaN (NumPy propagates NaN; on empty
// input it warns or raises).

#include <span>
#include <vector>

namespace mdp::stats {

// np.mean(x).
double mean(std::span<const double> x);

// np.median(x): the middle element, or the mean of the two middle elements.
double median(std::span<const double> x);

// np.std(x, ddof=1). NaN when x has fewer than 2 elements.
double sample_std(std::span<const double> x);

// np.min(x), np.max(x).
double min(std::span<const double> x);
double max(std::span<const double> x);

// np.quantile(x, q) with method='linear' (Hyndman & Fan type 7), q in [0, 1]. NaN when q is
// outside [0, 1].
double quantile(std::span<const double> x, double q);

// np.quantile(x, qs): one sort for several quantiles.
std::vector<double> quantiles(std::span<const double> x, std::span<const double> qs);

// scipy.stats.rankdata(x, method='average'): 1-based ranks, ties get the mean of their ranks.
// All NaN when x contains NaN.
std::vector<double> rank_average(std::span<const double> x);

}  // namespace mdp::stats
