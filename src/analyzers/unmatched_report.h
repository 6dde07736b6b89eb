#pragma once
// The unmatched/ files of SPEC 3.6 / 3.7 as text: set B's real execution, the root-cause
// diagnosis per order, and the root-cause summary document.

#include <span>
#include <string>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/csv_writer.h"
#include "analyzers/execution_metrics.h"
#include "analyzers/unmatched_analysis.h"
#include "common/partition_key.h"

namespace mdp::analyzers {

struct UnexecutedOrder {
    const CpOrder* order = nullptr;
    ExecutionMetrics real;
};

// unmatched/sweep_order_unexecuted_in_dark.csv (rows in the given order: by orderid).
std::string unexecuted_in_dark_csv(std::span<const UnexecutedOrder> orders);

// unmatched/unmatched_orders_analysis.csv (rows in the given order: by orderid).
std::string unmatched_analysis_csv(std::span<const UnmatchedDiagnosis> rows);
// Its columns' names and types.
std::vector<std::string> unmatched_analysis_columns();
std::vector<CellType> unmatched_analysis_cell_types();

// unmatched/unmatched_summary.json
std::string unmatched_summary_json(const PartitionKey& key,
                                   std::span<const UnmatchedDiagnosis> rows);

}  // namespace mdp::analyzers
