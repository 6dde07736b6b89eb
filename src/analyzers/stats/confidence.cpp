#include "analyzers/stats/confidence.h"

#include <cmath>

#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/distributions.h"
#include "analyzers/stats/numpy_arith.h"

namespace mdp::stats {

ConfidenceInterval mean_confidence_interval(std::span<const double> x, double level) {
    const std::size_t n = x.size();
    if (n < 2 || detail::has_nan(x) || !(level > 0.0 && level < 1.0)) {
        return {};
    }
    const double nd = static_cast<double>(n);
    const double estimate = detail::np_mean(x);
    const double standard_error = std::sqrt(detail::scipy_var_ddof1(x) / nd);
    const double t = detail::t_upper_quantile(nd - 1.0, (1.0 - level) / 2.0);
    // SciPy: low = stdtrit(df, 0.025) * se + mean, high = stdtrit(df, 0.975) * se + mean.
    return {-t * standard_error + estimate, t * standard_error + estimate};
}

double cohens_dz(std::span<const double> d) {
    if (d.size() < 2 || detail::has_nan(d)) {
        return kNaN;
    }
    const double sd = sample_std(d);
    if (!(sd > 0.0)) {
        return kNaN;
    }
    return detail::np_mean(d) / sd;
}

}  // namespace mdp::stats
