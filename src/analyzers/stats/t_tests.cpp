#include "analyzers/stats/t_tests.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analyzers/stats/distributions.h"
#include "analyzers/stats/numpy_arith.h"

namespace mdp::stats {
namespace {

// numpy's divide(d, denom) for the t statistic, then SciPy's _ttest_finish.
TestResult finish(double diff, double denom, double df) {
    TestResult r;
    if (std::isnan(diff) || std::isnan(denom)) {
        return r;
    }
    r.statistic = diff / denom;  // IEEE: +-inf for denom == 0, NaN for 0 / 0
    r.p_value = detail::t_two_sided_p(df, r.statistic);
    return r;
}

TestResult one_sample(std::span<const double> x, double popmean) {
    const std::size_t n = x.size();
    if (n < 2 || detail::has_nan(x) || std::isnan(popmean)) {
        return {};
    }
    const double nd = static_cast<double>(n);
    const double diff = detail::np_mean(x) - popmean;
    const double denom = std::sqrt(detail::scipy_var_ddof1(x) / nd);
    return finish(diff, denom, nd - 1.0);
}

}  // namespace

TestResult ttest_rel(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size()) {
        throw std::invalid_argument("ttest_rel: samples differ in length");
    }
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        d[i] = a[i] - b[i];
    }
    return one_sample(d, 0.0);
}

TestResult ttest_1samp(std::span<const double> x, double popmean) { return one_sample(x, popmean); }

TestResult ttest_ind_student(std::span<const double> a, std::span<const double> b) {
    if (a.size() < 2 || b.size() < 2 || detail::has_nan(a) || detail::has_nan(b)) {
        return {};
    }
    const double n1 = static_cast<double>(a.size());
    const double n2 = static_cast<double>(b.size());
    const double v1 = detail::scipy_var_ddof1(a);
    const double v2 = detail::scipy_var_ddof1(b);
    const double df = n1 + n2 - 2.0;
    const double svar = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / df;
    const double denom = std::sqrt(svar * (1.0 / n1 + 1.0 / n2));
    return finish(detail::np_mean(a) - detail::np_mean(b), denom, df);
}

TestResult ttest_ind_welch(std::span<const double> a, std::span<const double> b) {
    if (a.size() < 2 || b.size() < 2 || detail::has_nan(a) || detail::has_nan(b)) {
        return {};
    }
    const double n1 = static_cast<double>(a.size());
    const double n2 = static_cast<double>(b.size());
    const double vn1 = detail::scipy_var_ddof1(a) / n1;
    const double vn2 = detail::scipy_var_ddof1(b) / n2;
    const double sum = vn1 + vn2;
    double df = (sum * sum) / ((vn1 * vn1) / (n1 - 1.0) + (vn2 * vn2) / (n2 - 1.0));
    if (std::isnan(df)) {
        df = 1.0;  // both variances zero: SciPy substitutes 1 (any non-NaN value would do)
    }
    const double denom = std::sqrt(sum);
    return finish(detail::np_mean(a) - detail::np_mean(b), denom, df);
}

}  // namespace mdp::stats
