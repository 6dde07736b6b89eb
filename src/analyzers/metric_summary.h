#pragma once
// Descriptive comparison of real and simulated execution over set A (SPEC 3.6): per metric the
// mean, median, standard deviation (ddof 1), min, max and quartiles of the real values, the
// simulated values and the differences; and per metric the 10/25/50/75/90th percentiles of
// each side (quantiles of each side, not of the differences). NumPy semantics (mdp::stats);
// each statistic skips the NaN values of its own column, like pandas.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "analyzers/metric_catalog.h"

namespace mdp::analyzers {

struct DescriptiveSummary {
    double mean = 0;
    double median = 0;
    double std = 0;
    double min = 0;
    double max = 0;
    double q25 = 0;
    double q75 = 0;
};

// NaN everywhere when no value is present; std NaN below 2 values.
DescriptiveSummary describe_values(std::span<const double> values);

struct MetricSummaryRow {
    std::string_view metric_name;
    std::string_view metric_group;
    DescriptiveSummary real;
    DescriptiveSummary sim;
    DescriptiveSummary diff;
    size_t n_orders = 0;  // set-A orders
};

MetricSummaryRow summarize_metric(const ComparedMetric& metric, std::span<const double> real,
                                  std::span<const double> sim, std::span<const double> diff);

inline constexpr std::array<int, 5> kComparedPercentiles{10, 25, 50, 75, 90};

struct QuantileRow {
    std::string_view metric_name;
    int percentile = 0;
    double real_value = 0;
    double sim_value = 0;
    double difference = 0;  // real_value - sim_value
};

// One row per percentile of kComparedPercentiles.
std::vector<QuantileRow> compare_quantiles(const ComparedMetric& metric,
                                           std::span<const double> real,
                                           std::span<const double> sim);

}  // namespace mdp::analyzers
