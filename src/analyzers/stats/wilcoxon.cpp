#include "analyzers/stats/wilcoxon.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/distributions.h"
#include "analyzers/stats/numpy_arith.h"

namespace mdp::stats {

std::vector<double> wilcoxon_signed_rank_pmf(std::size_t n) {
    std::vector<double> c{1.0};
    for (std::size_t k = 1; k <= n; ++k) {
        // Rank k is either negative (r_plus unchanged) or positive (r_plus + k), each with
        // probability 1/2.
        std::vector<double> next(k * (k + 1) / 2 + 1, 0.0);
        const std::size_t m = c.size();
        for (std::size_t j = 0; j < m; ++j) {
            next[j] = c[j] * 0.5;
        }
        const std::size_t offset = next.size() - m;  // == k
        for (std::size_t j = 0; j < m; ++j) {
            next[offset + j] += c[j] * 0.5;
        }
        c = std::move(next);
    }
    return c;
}

WilcoxonResult wilcoxon(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size()) {
        throw std::invalid_argument("wilcoxon: samples differ in length");
    }
    std::vector<double> d(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        d[i] = x[i] - y[i];
    }
    return wilcoxon(std::span<const double>(d));
}

WilcoxonResult wilcoxon(std::span<const double> d_in) {
    WilcoxonResult res;
    if (d_in.empty() || detail::has_nan(d_in)) {
        return res;
    }
    const auto n_zero = static_cast<std::size_t>(std::count(d_in.begin(), d_in.end(), 0.0));
    const bool exact = d_in.size() <= kWilcoxonExactMaxN && n_zero == 0;
    if (n_zero == d_in.size()) {
        return res;  // SciPy: ValueError ("zero_method 'wilcox' ... zero for all elements")
    }
    std::vector<double> d;
    d.reserve(d_in.size() - n_zero);
    for (const double v : d_in) {
        if (v != 0.0) {
            d.push_back(v);  // in exact mode there are no zeros to drop
        }
    }
    const std::size_t count = d.size();
    std::vector<double> abs_d(count);
    for (std::size_t i = 0; i < count; ++i) {
        abs_d[i] = std::fabs(d[i]);
    }
    const std::vector<double> r = rank_average(abs_d);
    // Ranks are multiples of 1/2 and their sums stay far below 2^52: these sums are exact.
    double r_plus = 0.0;
    double r_minus = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        if (d[i] > 0.0) {
            r_plus += r[i];
        } else {
            r_minus += r[i];
        }
    }
    res.statistic = std::min(r_plus, r_minus);
    res.exact = exact;
    res.n_used = count;

    if (exact) {
        const std::vector<double> pmf = wilcoxon_signed_rank_pmf(count);
        // SciPy: r_plus = int(r_plus) (truncates a tied half-integer sum).
        const auto rp = static_cast<std::size_t>(r_plus);
        const std::size_t center = (pmf.size() - 1) / 2;
        double prob = 1.0;
        if (rp != center) {
            // Partial sums of dyadic rationals k / 2^count (count <= 50): exact in any order.
            double p_less = 0.0;
            for (std::size_t j = 0; j <= rp; ++j) {
                p_less += pmf[j];
            }
            double p_greater = 0.0;
            for (std::size_t j = rp; j < pmf.size(); ++j) {
                p_greater += pmf[j];
            }
            prob = 2.0 * std::min(p_greater, p_less);
        }
        res.p_value = std::clamp(prob, 0.0, 1.0);
        return res;
    }

    const double cnt = static_cast<double>(count);
    const double mn = cnt * (cnt + 1.0) * 0.25;
    double se = cnt * (cnt + 1.0) * (2.0 * cnt + 1.0);
    // Tie correction: for every value of the ranks repeated t > 1 times, subtract
    // 0.5 * sum t (t^2 - 1) (SciPy's find_repeats on the ranks).
    std::vector<double> sorted_r = r;
    std::sort(sorted_r.begin(), sorted_r.end());
    double tie_term = 0.0;  // integer-valued, exact
    for (std::size_t i = 0; i < count;) {
        std::size_t j = i + 1;
        while (j < count && sorted_r[j] == sorted_r[i]) {
            ++j;
        }
        const double t = static_cast<double>(j - i);
        if (j - i > 1) {
            tie_term += t * (t * t - 1.0);
        }
        i = j;
    }
    if (tie_term != 0.0) {
        se -= 0.5 * tie_term;
    }
    se = std::sqrt(se / 24.0);
    const double z = (res.statistic - mn) / se;
    res.p_value = detail::normal_two_sided_p(z);
    return res;
}

}  // namespace mdp::stats
