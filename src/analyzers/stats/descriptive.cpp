#include "analyzers/stats/descriptive.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

#include "analyzers/stats/numpy_arith.h"
#include "analyzers/stats/result.h"

namespace mdp::stats {
namespace {

std::vector<double> sorted_copy(std::span<const double> x) {
    std::vector<double> s(x.begin(), x.end());
    std::sort(s.begin(), s.end());
    return s;
}

// NumPy's _lerp: a + (b - a) * t, or b - (b - a) * (1 - t) when t >= 0.5.
double numpy_lerp(double a, double b, double t) {
    const double diff = b - a;
    if (t >= 0.5) {
        return b - diff * (1.0 - t);
    }
    return a + diff * t;
}

double quantile_of_sorted(const std::vector<double>& s, double q) {
    if (!(q >= 0.0 && q <= 1.0)) {
        return kNaN;
    }
    const std::size_t n = s.size();
    const double virtual_index = static_cast<double>(n - 1) * q;
    if (virtual_index >= static_cast<double>(n - 1)) {
        return s[n - 1];
    }
    const double previous = std::floor(virtual_index);
    const auto i = static_cast<std::size_t>(previous);
    const double gamma = virtual_index - previous;
    return numpy_lerp(s[i], s[i + 1], gamma);
}

}  // namespace

double mean(std::span<const double> x) {
    if (x.empty()) {
        return kNaN;
    }
    return detail::np_mean(x);
}

double median(std::span<const double> x) {
    if (x.empty() || detail::has_nan(x)) {
        return kNaN;
    }
    const std::vector<double> s = sorted_copy(x);
    const std::size_t n = s.size();
    if (n % 2 == 1) {
        return s[n / 2];
    }
    // np.mean of the two middle elements: (a + b) / 2.
    return (s[n / 2 - 1] + s[n / 2]) / 2.0;
}

double sample_std(std::span<const double> x) { return std::sqrt(detail::numpy_var_ddof1(x)); }

double min(std::span<const double> x) {
    if (x.empty() || detail::has_nan(x)) {
        return kNaN;
    }
    return *std::min_element(x.begin(), x.end());
}

double max(std::span<const double> x) {
    if (x.empty() || detail::has_nan(x)) {
        return kNaN;
    }
    return *std::max_element(x.begin(), x.end());
}

double quantile(std::span<const double> x, double q) {
    const double qs[1] = {q};
    return quantiles(x, qs)[0];
}

std::vector<double> quantiles(std::span<const double> x, std::span<const double> qs) {
    std::vector<double> out(qs.size(), kNaN);
    if (x.empty() || detail::has_nan(x)) {
        return out;
    }
    const std::vector<double> s = sorted_copy(x);
    for (std::size_t k = 0; k < qs.size(); ++k) {
        out[k] = quantile_of_sorted(s, qs[k]);
    }
    return out;
}

std::vector<double> rank_average(std::span<const double> x) {
    const std::size_t n = x.size();
    std::vector<double> ranks(n, kNaN);
    if (detail::has_nan(x)) {
        return ranks;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&x](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && x[order[j]] == x[order[i]]) {
            ++j;
        }
        // Positions i..j-1 (0-based) share the average of the 1-based ranks i+1..j, computed
        // as SciPy does: 0.5 * (count_before + count_through + 1).
        const double avg = 0.5 * (static_cast<double>(i) + static_cast<double>(j) + 1.0);
        for (std::size_t k = i; k < j; ++k) {
            ranks[order[k]] = avg;
        }
        i = j;
    }
    return ranks;
}

}  // namespace mdp::stats
