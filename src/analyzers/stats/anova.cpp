#include "analyzers/stats/anova.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "analyzers/stats/distributions.h"
#include "analyzers/stats/numpy_arith.h"

namespace mdp::stats {
namespace {

bool is_constant(std::span<const double> x) {
    return std::all_of(x.begin(), x.end(), [&x](double v) { return v == x[0]; });
}

// SciPy's _square_of_sums: np.sum(a) squared.
double square_of_sum(std::span<const double> a) {
    const double s = detail::np_sum(a);
    return s * s;
}

}  // namespace

TestResult f_oneway(std::span<const std::span<const double>> groups) {
    if (groups.size() < 2) {
        return {};
    }
    std::vector<double> alldata;
    bool all_size_one = true;
    for (const auto& g : groups) {
        if (g.empty() || detail::has_nan(g)) {
            return {};
        }
        all_size_one = all_size_one && g.size() == 1;
        alldata.insert(alldata.end(), g.begin(), g.end());
    }
    if (all_size_one) {
        return {};
    }
    bool all_const = true;
    for (const auto& g : groups) {
        all_const = all_const && is_constant(g);
    }
    if (is_constant(alldata)) {
        return {};  // all_same_const
    }
    if (all_const) {
        return {std::numeric_limits<double>::infinity(), 0.0};
    }

    const double bign = static_cast<double>(alldata.size());
    const double offset = detail::np_mean(alldata);
    for (double& v : alldata) {
        v -= offset;
    }
    const double normalized_ss = square_of_sum(alldata) / bign;
    std::vector<double> sq(alldata.size());
    for (std::size_t i = 0; i < alldata.size(); ++i) {
        sq[i] = alldata[i] * alldata[i];
    }
    const double sstot = detail::np_sum(sq) - normalized_ss;

    double ssbn = 0.0;
    std::vector<double> shifted;
    for (const auto& g : groups) {
        shifted.assign(g.begin(), g.end());
        for (double& v : shifted) {
            v -= offset;
        }
        ssbn += square_of_sum(shifted) / static_cast<double>(g.size());
    }
    ssbn -= normalized_ss;
    const double sswn = sstot - ssbn;
    const double dfbn = static_cast<double>(groups.size() - 1);
    const double dfwn = bign - static_cast<double>(groups.size());
    const double msb = ssbn / dfbn;
    const double msw = sswn / dfwn;
    const double f = msb / msw;  // IEEE, as numpy with errstate(divide/invalid='ignore')
    return {f, detail::f_sf(dfbn, dfwn, f)};
}

}  // namespace mdp::stats
