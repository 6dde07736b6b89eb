#include "analyzers/stats/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "analyzers/stats/result.h"

namespace mdp::stats {

std::vector<double> holm_adjust(std::span<const double> p_values) {
    std::vector<double> adjusted(p_values.size(), kNaN);
    std::vector<std::size_t> order;
    order.reserve(p_values.size());
    for (std::size_t i = 0; i < p_values.size(); ++i) {
        if (!std::isnan(p_values[i])) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&p_values](std::size_t a, std::size_t b) {
        return p_values[a] < p_values[b];
    });
    const std::size_t m = order.size();
    double running_max = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
        const double scaled = static_cast<double>(m - k) * p_values[order[k]];
        running_max = std::max(running_max, scaled);
        adjusted[order[k]] = std::min(running_max, 1.0);
    }
    return adjusted;
}

}  // namespace mdp::stats
