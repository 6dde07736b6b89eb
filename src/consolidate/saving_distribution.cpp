#include "consolidate/saving_distribution.h"

#include <algorithm>
#include <cmath>

#include "analyzers/stats/descriptive.h"
#include "consolidate/axis_scale.h"

namespace mdp::consolidate {

SavingDistribution describe_saving_distribution(std::vector<double> savings) {
    SavingDistribution d;
    d.n = savings.size();
    if (savings.empty()) return d;
    d.mean = stats::mean(savings);  // before sorting: the same sum order as the pooled test
    std::sort(savings.begin(), savings.end());
    for (const double s : savings) {
        if (s > 0) ++d.dark_cheaper;
        if (s < 0) ++d.real_cheaper;
    }
    std::vector<double> probabilities;
    for (const double percent : kSavingPercentiles) probabilities.push_back(percent / 100);
    const std::vector<double> values = stats::quantiles(savings, probabilities);
    for (size_t i = 0; i < values.size(); ++i) {
        d.quantiles.push_back({kSavingPercentiles[i], values[i]});
    }

    const double low = stats::quantile(savings, 0.01);
    const double high = stats::quantile(savings, 0.99);
    const double width =
        high > low ? round_step((high - low) / static_cast<double>(kTargetHistogramBins)) : 1.0;
    const double first_edge = std::floor(low / width) * width;
    const auto bin_count =
        std::max<size_t>(1, static_cast<size_t>(std::ceil((high - first_edge) / width)));
    const double last_edge = first_edge + width * static_cast<double>(bin_count);
    d.bins.resize(bin_count);
    for (size_t b = 0; b < bin_count; ++b) {
        // Edges from the index, not by repeated addition, so they stay exact multiples.
        d.bins[b].lower = first_edge + width * static_cast<double>(b);
        d.bins[b].upper = first_edge + width * static_cast<double>(b + 1);
    }
    for (const double s : savings) {
        if (s < first_edge) {
            ++d.below_bins;
        } else if (s > last_edge) {
            ++d.above_bins;
        } else {
            const auto b = std::min(bin_count - 1, static_cast<size_t>((s - first_edge) / width));
            ++d.bins[b].count;
        }
    }
    return d;
}

}  // namespace mdp::consolidate
