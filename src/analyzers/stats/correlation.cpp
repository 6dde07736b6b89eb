#include "analyzers/stats/correlation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/distributions.h"
#include "analyzers/stats/numpy_arith.h"

namespace mdp::stats {
namespace {

bool is_constant(std::span<const double> x) {
    return std::all_of(x.begin(), x.end(), [&x](double v) { return v == x[0]; });
}

double sign(double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); }

std::vector<double> centered(std::span<const double> x) {
    const double m = detail::np_mean(x);
    std::vector<double> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        out[i] = x[i] - m;
    }
    return out;
}

}  // namespace

TestResult pearsonr(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size()) {
        throw std::invalid_argument("pearsonr: samples differ in length");
    }
    const std::size_t n = x.size();
    if (n < 2 || detail::has_nan(x) || detail::has_nan(y) || is_constant(x) || is_constant(y)) {
        return {};
    }
    if (n == 2) {
        return {sign(x[1] - x[0]) * sign(y[1] - y[0]), 1.0};
    }
    std::vector<double> xm = centered(x);
    std::vector<double> ym = centered(y);
    const double normxm = detail::blas_nrm2(xm);
    const double normym = detail::blas_nrm2(ym);
    for (double& v : xm) {
        v /= normxm;
    }
    for (double& v : ym) {
        v /= normym;
    }
    double r = detail::blas_dot(xm, ym);
    r = std::max(std::min(r, 1.0), -1.0);
    const double ab = static_cast<double>(n) / 2.0 - 1.0;
    // stats.beta(ab, ab, loc=-1, scale=2).sf(|r|): standardised x = (|r| - (-1)) / 2.
    const double p = 2.0 * detail::beta_sf(ab, ab, (std::fabs(r) + 1.0) / 2.0);
    return {r, p};
}

TestResult spearmanr(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size()) {
        throw std::invalid_argument("spearmanr: samples differ in length");
    }
    const std::size_t n = x.size();
    if (n < 2 || is_constant(x) || is_constant(y) || detail::has_nan(x) || detail::has_nan(y)) {
        return {};
    }
    // np.corrcoef of the ranks. Ranks and their deviations from the mean rank (n + 1) / 2 are
    // multiples of 1/2, so the cross products below are exact sums (for n below ~10^5); only
    // the scaling by 1/(n-1), the square roots and the divisions round, exactly as in NumPy.
    const std::vector<double> rx = rank_average(x);
    const std::vector<double> ry = rank_average(y);
    const std::vector<double> xm = centered(rx);
    const std::vector<double> ym = centered(ry);
    const double inv_fact = 1.0 / static_cast<double>(n - 1);
    const double cxx = detail::blas_dot(xm, xm) * inv_fact;
    const double cyy = detail::blas_dot(ym, ym) * inv_fact;
    const double cxy = detail::blas_dot(xm, ym) * inv_fact;
    double rs = cxy / std::sqrt(cxx) / std::sqrt(cyy);
    rs = std::clamp(rs, -1.0, 1.0);

    const double dof = static_cast<double>(n) - 2.0;
    // t = rs * sqrt(clip(dof / ((rs + 1) * (1 - rs)), 0)): inf for |rs| == 1 (dof > 0),
    // NaN for dof == 0 and |rs| == 1 (0 / 0).
    const double ratio = dof / ((rs + 1.0) * (1.0 - rs));
    const double clipped = std::isnan(ratio) ? ratio : std::max(ratio, 0.0);
    const double t = rs * std::sqrt(clipped);
    return {rs, detail::t_two_sided_p(dof, t)};
}

}  // namespace mdp::stats
