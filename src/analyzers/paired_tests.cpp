#include "analyzers/paired_tests.h"

#include <cmath>
#include <vector>

#include "analyzers/stats/confidence.h"
#include "analyzers/stats/correlation.h"
#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/minimum_n.h"
#include "analyzers/stats/t_tests.h"
#include "analyzers/stats/wilcoxon.h"

namespace mdp::analyzers {

namespace {
constexpr double kNaN = stats::kNaN;
}  // namespace

std::string significance_code(double p_value) {
    if (std::isnan(p_value)) return "N/A";
    if (p_value < 0.001) return "***";
    if (p_value < 0.01) return "**";
    if (p_value < 0.05) return "*";
    return "ns";
}

std::string interpret(const ComparedMetric& metric, size_t n_pairs, double mean_diff,
                      double p_value) {
    if (n_pairs == 0 || std::isnan(mean_diff)) return "no pairs";
    std::string text;
    if (mean_diff == 0) {
        text = "no difference";
    } else if (metric.direction == BetterDirection::kNeutral) {
        text = mean_diff > 0 ? "real higher than simulated (neutral metric)"
                             : "simulated higher than real (neutral metric)";
    } else {
        // d = real - sim: for a lower-is-better metric a positive d favours the simulation.
        const bool sim_better =
            metric.direction == BetterDirection::kLower ? mean_diff > 0 : mean_diff < 0;
        text = std::string(sim_better ? "simulated dark execution " : "real lit execution ") +
               std::string(metric.better_word);
    }
    if (std::isnan(p_value)) {
        text += " (no paired t-test)";
    } else if (p_value < 0.001) {
        text += " (p<0.001)";
    } else if (p_value < 0.01) {
        text += " (p<0.01)";
    } else if (p_value < 0.05) {
        text += " (p<0.05)";
    } else {
        text += " (not significant)";
    }
    return text;
}

PairedTestRow run_paired_tests(const ComparedMetric& metric, std::span<const double> real,
                               std::span<const double> sim) {
    std::vector<double> a;
    std::vector<double> b;
    std::vector<double> d;
    for (size_t i = 0; i < real.size() && i < sim.size(); ++i) {
        if (std::isnan(real[i]) || std::isnan(sim[i])) continue;
        a.push_back(real[i]);
        b.push_back(sim[i]);
        d.push_back(real[i] - sim[i]);
    }
    const size_t n = d.size();
    PairedTestRow row;
    row.metric_name = metric.name;
    row.n_pairs = n;

    const auto t = n >= stats::kMinPairsPairedT ? stats::ttest_rel(a, b) : stats::TestResult{};
    row.paired_t_statistic = t.statistic;
    row.paired_t_pvalue = t.p_value;

    if (n >= stats::kMinPairsWilcoxon) {
        const auto w = stats::wilcoxon(a, b);
        row.wilcoxon_statistic = w.statistic;
        row.wilcoxon_pvalue = w.p_value;
    } else {
        row.wilcoxon_statistic = kNaN;
        row.wilcoxon_pvalue = kNaN;
    }

    const auto r = n >= stats::kMinPairsPearson ? stats::pearsonr(a, b) : stats::TestResult{};
    row.pearson_r = r.statistic;
    row.pearson_pvalue = r.p_value;
    const auto rho = n >= stats::kMinPairsSpearman ? stats::spearmanr(a, b) : stats::TestResult{};
    row.spearman_rho = rho.statistic;
    row.spearman_pvalue = rho.p_value;

    row.cohens_d = n >= stats::kMinPairsCohensD ? stats::cohens_dz(d) : kNaN;
    row.mean_diff = n >= 1 ? stats::mean(d) : kNaN;
    const auto ci = n >= stats::kMinPairsMeanCi ? stats::mean_confidence_interval(d, 0.95)
                                                : stats::ConfidenceInterval{};
    row.mean_diff_ci_lower = ci.lower;
    row.mean_diff_ci_upper = ci.upper;

    row.significance = significance_code(row.paired_t_pvalue);
    row.interpretation = interpret(metric, n, row.mean_diff, row.paired_t_pvalue);
    return row;
}

}  // namespace mdp::analyzers
