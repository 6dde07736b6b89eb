#pragma once
// The paired tests of one metric over set A (SPEC 3.5): d = real - sim over the orders where
// both values are present; paired t, Wilcoxon signed-rank, Pearson, Spearman, Cohen's d_z, the
// mean difference with its 95% confidence interval, a significance code from the paired t's p,
// and a one-line interpretation from the metric's better direction and the sign of mean(d).
// Below each statistic's minimum n (analyzers/stats/minimum_n.h) its cells are NaN (empty in
// the CSV), never zero. The statistics themselves are mdp::stats (SciPy 1.10 semantics).

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "analyzers/metric_catalog.h"

namespace mdp::analyzers {

struct PairedTestRow {
    std::string_view metric_name;
    size_t n_pairs = 0;
    double paired_t_statistic = 0;
    double paired_t_pvalue = 0;
    double wilcoxon_statistic = 0;
    double wilcoxon_pvalue = 0;
    double pearson_r = 0;
    double pearson_pvalue = 0;
    double spearman_rho = 0;
    double spearman_pvalue = 0;
    double cohens_d = 0;
    double mean_diff = 0;  // NaN when there is no pair
    double mean_diff_ci_lower = 0;
    double mean_diff_ci_upper = 0;
    std::string significance;    // ***, **, *, ns, N/A
    std::string interpretation;  // e.g. "simulated dark execution cheaper (p<0.001)"
};

// `real` and `sim` are the metric's values per set-A order (same length, NaN = absent).
PairedTestRow run_paired_tests(const ComparedMetric& metric, std::span<const double> real,
                               std::span<const double> sim);

// SPEC 3.5's significance code of a p-value ("N/A" for NaN).
std::string significance_code(double p_value);

// The interpretation text (see docs/outputs/sweep_order_statistical_tests.md).
std::string interpret(const ComparedMetric& metric, size_t n_pairs, double mean_diff,
                      double p_value);

}  // namespace mdp::analyzers
