#include "analyzers/comparison_report.h"

#include <array>
#include <string_view>
#include <vector>

#include "analyzers/csv_writer.h"
#include "analyzers/metric_catalog.h"
#include "analyzers/order_cells.h"

namespace mdp::analyzers {

namespace {

void write_summary(CsvWriter& out, const DescriptiveSummary& s) {
    out.number(s.mean)
        .number(s.median)
        .number(s.std)
        .number(s.min)
        .number(s.max)
        .number(s.q25)
        .number(s.q75);
}

}  // namespace

std::vector<std::string> comparison_detailed_columns() {
    const std::vector<std::string> real = metric_columns("real");
    const std::vector<std::string> sim = metric_columns("sim");
    std::vector<std::string> columns(kArrivalColumns.begin(), kArrivalColumns.end());
    columns.insert(columns.end(), real.begin(), real.end());
    columns.insert(columns.end(), sim.begin(), sim.end());
    for (const auto& m : kComparedMetrics) columns.emplace_back(m.difference_name);
    columns.emplace_back("dark_pool_better");
    return columns;
}

std::string comparison_detailed_csv(std::span<const OrderComparison> orders) {
    const std::vector<std::string> names = comparison_detailed_columns();
    const std::vector<std::string_view> columns(names.begin(), names.end());
    CsvWriter out(columns);
    for (const OrderComparison& c : orders) {
        write_arrival_cells(out, *c.order);
        write_metric_cells(out, c.real);
        write_metric_cells(out, c.sim);
        for (const double d : c.differences) out.number(d);
        out.boolean(c.dark_pool_better);
        out.end_row();
    }
    return out.content();
}

std::vector<CellType> comparison_detailed_cell_types() {
    std::vector<CellType> types(kArrivalCellTypes.begin(), kArrivalCellTypes.end());
    types.insert(types.end(), kExecutionMetricCellTypes.begin(), kExecutionMetricCellTypes.end());
    types.insert(types.end(), kExecutionMetricCellTypes.begin(), kExecutionMetricCellTypes.end());
    types.insert(types.end(), kComparedMetrics.size(), CellType::kNumber);
    types.push_back(CellType::kBoolean);
    return types;
}

std::string comparison_summary_csv(std::span<const MetricSummaryRow> rows) {
    std::vector<std::string> names{"metric_name", "metric_group"};
    for (const std::string_view side : {"real", "sim", "diff"}) {
        for (const std::string_view stat : {"mean", "median", "std", "min", "max", "q25", "q75"}) {
            names.push_back(std::string(side) + "_" + std::string(stat));
        }
    }
    names.push_back("n_orders");
    const std::vector<std::string_view> columns(names.begin(), names.end());
    CsvWriter out(columns);
    for (const MetricSummaryRow& r : rows) {
        out.text(r.metric_name).text(r.metric_group);
        write_summary(out, r.real);
        write_summary(out, r.sim);
        write_summary(out, r.diff);
        out.integer(static_cast<int64_t>(r.n_orders));
        out.end_row();
    }
    return out.content();
}

std::string statistical_tests_csv(std::span<const PairedTestRow> rows) {
    static constexpr std::array<std::string_view, 16> columns{
        "metric_name",        "n_pairs",
        "paired_t_statistic", "paired_t_pvalue",
        "wilcoxon_statistic", "wilcoxon_pvalue",
        "pearson_r",          "pearson_pvalue",
        "spearman_rho",       "spearman_pvalue",
        "cohens_d",           "mean_diff",
        "mean_diff_ci_lower", "mean_diff_ci_upper",
        "significance",       "interpretation"};
    CsvWriter out(columns);
    for (const PairedTestRow& r : rows) {
        out.text(r.metric_name)
            .integer(static_cast<int64_t>(r.n_pairs))
            .number(r.paired_t_statistic)
            .number(r.paired_t_pvalue)
            .number(r.wilcoxon_statistic)
            .number(r.wilcoxon_pvalue)
            .number(r.pearson_r)
            .number(r.pearson_pvalue)
            .number(r.spearman_rho)
            .number(r.spearman_pvalue)
            .number(r.cohens_d)
            .number(r.mean_diff)
            .number(r.mean_diff_ci_lower)
            .number(r.mean_diff_ci_upper)
            .text(r.significance)
            .text(r.interpretation);
        out.end_row();
    }
    return out.content();
}

std::string quantile_comparison_csv(std::span<const QuantileRow> rows) {
    static constexpr std::array<std::string_view, 5> columns{
        "metric_name", "percentile", "real_value", "sim_value", "difference"};
    CsvWriter out(columns);
    for (const QuantileRow& r : rows) {
        out.text(r.metric_name)
            .integer(r.percentile)
            .number(r.real_value)
            .number(r.sim_value)
            .number(r.difference);
        out.end_row();
    }
    return out.content();
}

}  // namespace mdp::analyzers
