#pragma once
// Floating-point kernels that reproduce NumPy 1.24 / reference-BLAS summation order bit for bit
// (pairwise summation in 8192-element buffers, sequential dot products). SciPy's results in
// degenerate cases (constant or nearly constant data) depend on the exact rounding of these sums,
// so mdp::stats uses them wherever SciPy does, instead of a different (equally accurate) order.

#include <cstddef>
#include <span>

namespace mdp::stats::detail {

// np.sum(x) for a contiguous float64 array: 0.0 + pairwise sums of 8192-element chunks.
double np_sum(std::span<const double> x);

// np.mean(x) = np.sum(x) / n (NaN for n == 0).
double np_mean(std::span<const double> x);

// scipy.stats._stats_py._var(x, ddof=1): mean((x - mean)^2) * (n / (n - 1)). NaN for n < 2.
double scipy_var_ddof1(std::span<const double> x);

// np.var(x, ddof=1): sum((x - mean)^2) / (n - 1). NaN for n < 2.
double numpy_var_ddof1(std::span<const double> x);

// Reference BLAS ddot: sequential sum of x[i] * y[i] (x and y have the same length).
double blas_dot(std::span<const double> x, std::span<const double> y);

// Reference BLAS (LAPACK >= 3.10) dnrm2 for data within the unscaled range: sqrt of the
// sequential sum of squares, with Blue's scaling for very large or very small elements.
double blas_nrm2(std::span<const double> x);

// True when any element is NaN.
bool has_nan(std::span<const double> x);

}  // namespace mdp::stats::detail
