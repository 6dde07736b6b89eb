#pragma once
// The matched/ files of SPEC 3.6 as text: the per-order comparison of set A, the per-metric
// summary, the paired tests and the quantile comparison. Rows arrive already computed and
// ordered; this module only lays them out (through CsvWriter).

#include <span>
#include <string>
#include <vector>

#include "analyzers/csv_writer.h"
#include "analyzers/metric_summary.h"
#include "analyzers/order_comparison.h"
#include "analyzers/paired_tests.h"

namespace mdp::analyzers {

// matched/sweep_order_comparison_detailed.csv (rows in the given order: by orderid).
std::string comparison_detailed_csv(std::span<const OrderComparison> orders);
// Its columns' names and types.
std::vector<std::string> comparison_detailed_columns();
std::vector<CellType> comparison_detailed_cell_types();

// matched/sweep_order_comparison_summary.csv
std::string comparison_summary_csv(std::span<const MetricSummaryRow> rows);

// matched/sweep_order_statistical_tests.csv
std::string statistical_tests_csv(std::span<const PairedTestRow> rows);

// matched/sweep_order_quantile_comparison.csv
std::string quantile_comparison_csv(std::span<const QuantileRow> rows);

}  // namespace mdp::analyzers
