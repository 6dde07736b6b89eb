#pragma once
// The row of pooled_tests.csv / per_security_tests.csv (SPEC 4) for one difference metric over
// one sample of set-A orders: descriptive statistics, the one-sample t test against 0
// (scipy.stats.ttest_1samp), its 95% confidence interval, Cohen's d_z, and how many orders the
// dark pool served better by the metric's direction (SPEC 3.4: for a lower-is-better metric a
// positive real - sim difference; for a higher-is-better one a negative difference; none for a
// neutral metric). Below the minimum n of SPEC 3.5 the cells are NaN (empty), never zero.

#include <optional>
#include <span>

#include "analyzers/metric_catalog.h"
#include "analyzers/stats/result.h"

namespace mdp::consolidate {

struct MetricTestRow {
    size_t n = 0;
    double mean = stats::kNaN;
    double median = stats::kNaN;
    double sd = stats::kNaN;
    double cohens_d = stats::kNaN;
    double t_statistic = stats::kNaN;
    double p_value = stats::kNaN;
    double ci_lower = stats::kNaN;
    double ci_upper = stats::kNaN;
    std::optional<int64_t> dark_better_count;  // none for a neutral metric
    double dark_better_pct = stats::kNaN;      // NaN for a neutral metric or n = 0
};

// `values`: the present (non-NaN) differences real - sim.
MetricTestRow test_metric(std::span<const double> values, analyzers::BetterDirection direction);

}  // namespace mdp::consolidate
