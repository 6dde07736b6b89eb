#include "analyzers/metric_summary.h"

#include <cmath>

#include "analyzers/stats/descriptive.h"
#include "analyzers/stats/result.h"

namespace mdp::analyzers {

namespace {

std::vector<double> present(std::span<const double> values) {
    std::vector<double> out;
    out.reserve(values.size());
    for (const double v : values) {
        if (!std::isnan(v)) out.push_back(v);
    }
    return out;
}

}  // namespace

DescriptiveSummary describe_values(std::span<const double> values) {
    const std::vector<double> x = present(values);
    DescriptiveSummary s;
    s.mean = stats::mean(x);
    s.median = stats::median(x);
    s.std = stats::sample_std(x);
    s.min = stats::min(x);
    s.max = stats::max(x);
    const std::array<double, 2> qs{0.25, 0.75};
    const std::vector<double> q =
        x.empty() ? std::vector<double>{stats::kNaN, stats::kNaN} : stats::quantiles(x, qs);
    s.q25 = q[0];
    s.q75 = q[1];
    return s;
}

MetricSummaryRow summarize_metric(const ComparedMetric& metric, std::span<const double> real,
                                  std::span<const double> sim, std::span<const double> diff) {
    MetricSummaryRow row;
    row.metric_name = metric.name;
    row.metric_group = metric.group;
    row.real = describe_values(real);
    row.sim = describe_values(sim);
    row.diff = describe_values(diff);
    row.n_orders = real.size();
    return row;
}

std::vector<QuantileRow> compare_quantiles(const ComparedMetric& metric,
                                           std::span<const double> real,
                                           std::span<const double> sim) {
    std::array<double, kComparedPercentiles.size()> qs{};
    for (size_t i = 0; i < qs.size(); ++i) qs[i] = kComparedPercentiles[i] / 100.0;
    const std::vector<double> r = present(real);
    const std::vector<double> s = present(sim);
    const std::vector<double> nan_row(qs.size(), stats::kNaN);
    const std::vector<double> rq = r.empty() ? nan_row : stats::quantiles(r, qs);
    const std::vector<double> sq = s.empty() ? nan_row : stats::quantiles(s, qs);
    std::vector<QuantileRow> rows;
    for (size_t i = 0; i < qs.size(); ++i) {
        rows.push_back(
            QuantileRow{metric.name, kComparedPercentiles[i], rq[i], sq[i], rq[i] - sq[i]});
    }
    return rows;
}

}  // namespace mdp::analyzers
