#include "analyzers/stats/distributions.h"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>
#include <limits>

namespace mdp::stats::detail {
namespace {

namespace bmp = boost::math::policies;

// Never throw: a domain error is NaN, an overflow is inf, an underflow is 0. The arguments are
// checked before every call anyway, so these only guard against surprises.
using Policy =
    bmp::policy<bmp::domain_error<bmp::ignore_error>, bmp::pole_error<bmp::ignore_error>,
                bmp::overflow_error<bmp::ignore_error>, bmp::underflow_error<bmp::ignore_error>,
                bmp::evaluation_error<bmp::ignore_error>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double t_two_sided_p(double df, double t) {
    if (std::isnan(t) || std::isnan(df) || df <= 0.0) {
        return kNaN;
    }
    if (std::isinf(t)) {
        return 0.0;
    }
    if (t == 0.0) {
        return 1.0;
    }
    const boost::math::students_t_distribution<double, Policy> dist(df);
    return 2.0 * boost::math::cdf(dist, -std::fabs(t));
}

double t_upper_quantile(double df, double upper_tail) {
    if (std::isnan(df) || df <= 0.0 || !(upper_tail > 0.0 && upper_tail < 1.0)) {
        return kNaN;
    }
    const boost::math::students_t_distribution<double, Policy> dist(df);
    return boost::math::quantile(boost::math::complement(dist, upper_tail));
}

double normal_two_sided_p(double z) {
    if (std::isnan(z)) {
        return kNaN;
    }
    if (std::isinf(z)) {
        return 0.0;
    }
    const boost::math::normal_distribution<double, Policy> dist(0.0, 1.0);
    return 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(z)));
}

double beta_sf(double a, double b, double x) {
    if (std::isnan(x) || !(a > 0.0) || !(b > 0.0)) {
        return kNaN;
    }
    if (x <= 0.0) {
        return 1.0;
    }
    if (x >= 1.0) {
        return 0.0;
    }
    const boost::math::beta_distribution<double, Policy> dist(a, b);
    return boost::math::cdf(boost::math::complement(dist, x));
}

double f_sf(double dfn, double dfd, double f) {
    if (std::isnan(f) || f < 0.0 || !(dfn > 0.0) || !(dfd > 0.0)) {
        return kNaN;
    }
    if (std::isinf(f)) {
        return 0.0;
    }
    const boost::math::fisher_f_distribution<double, Policy> dist(dfn, dfd);
    return boost::math::cdf(boost::math::complement(dist, f));
}

}  // namespace mdp::stats::detail
