#pragma once
// How the per-order headline saving (exec_cost_arrival_diff_bps, real - simulated, over every
// matched sweep) is spread, for the report to show beside its mean: quantiles and a histogram.
// A mean alone hides whether a saving is broad or driven by a few orders.
//
// The histogram spans the 1st to 99th percentile, so that a handful of extreme orders do not
// squash every other bar into one; the orders outside are counted (below, above). Bin edges are
// multiples of a round width (1, 2, 2.5 or 5 times a power of ten), so 0 is always an edge and
// every bin lies wholly on one side of it: dark cheaper or real cheaper.

#include <cstddef>
#include <vector>

#include "analyzers/stats/result.h"

namespace mdp::consolidate {

struct SavingQuantile {
    double percent = 0;  // 0 = minimum, 50 = median, 100 = maximum
    double value = stats::kNaN;
};

struct HistogramBin {
    double lower = 0;  // inclusive
    double upper = 0;  // exclusive, except for the last bin
    size_t count = 0;
};

struct SavingDistribution {
    size_t n = 0;  // orders whose saving is defined
    double mean = stats::kNaN;
    size_t dark_cheaper = 0;                // saving > 0
    size_t real_cheaper = 0;                // saving < 0
    std::vector<SavingQuantile> quantiles;  // kSavingPercentiles, empty when n = 0
    std::vector<HistogramBin> bins;         // empty when n = 0
    size_t below_bins = 0;                  // orders left of the first bin
    size_t above_bins = 0;                  // orders right of the last bin
};

inline constexpr double kSavingPercentiles[] = {0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100};
// About this many bins; the round width makes it between ~half and ~twice as many.
inline constexpr size_t kTargetHistogramBins = 24;

// `savings`: the defined (non-NaN) savings of the matched sweeps, in any order.
SavingDistribution describe_saving_distribution(std::vector<double> savings);

}  // namespace mdp::consolidate
