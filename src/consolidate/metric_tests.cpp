#include "consolidate/metric_tests.h"

#include "analyzers/stats/confidence.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/minimum_n.h"
#include "analyzers/stats/t_tests.h"

namespace mdp::consolidate {

MetricTestRow test_metric(std::span<const double> values, analyzers::BetterDirection direction) {
    MetricTestRow row;
    row.n = values.size();
    if (row.n >= 1) {
        row.mean = stats::mean(values);
        row.median = stats::median(values);
    }
    if (row.n >= stats::kMinPairsPairedT) {
        row.sd = stats::sample_std(values);
        const stats::TestResult t = stats::ttest_1samp(values, 0.0);
        row.t_statistic = t.statistic;
        row.p_value = t.p_value;
    }
    if (row.n >= stats::kMinPairsMeanCi) {
        const stats::ConfidenceInterval ci = stats::mean_confidence_interval(values, 0.95);
        row.ci_lower = ci.lower;
        row.ci_upper = ci.upper;
    }
    if (row.n >= stats::kMinPairsCohensD) row.cohens_d = stats::cohens_dz(values);
    if (direction != analyzers::BetterDirection::kNeutral) {
        int64_t better = 0;
        for (const double d : values) {
            if (direction == analyzers::BetterDirection::kLower ? d > 0 : d < 0) ++better;
        }
        row.dark_better_count = better;
        if (row.n > 0) {
            row.dark_better_pct = static_cast<double>(better) / static_cast<double>(row.n) * 100.0;
        }
    }
    return row;
}

}  // namespace mdp::consolidate
