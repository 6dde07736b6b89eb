#pragma once
// Everything SPEC section 3 computes for one partition, typed: what analyze_partition returns
// and the only thing the SPEC 3.6 files (partition_files.h) and the compact record consolidation
// reads (src/results) are made from. Nothing in it is text.

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "analyzers/centre_point_orders.h"
#include "analyzers/dark_pool_simulation.h"
#include "analyzers/metric_summary.h"
#include "analyzers/order_comparison.h"
#include "analyzers/paired_tests.h"
#include "analyzers/unmatched_analysis.h"
#include "analyzers/unmatched_report.h"
#include "analyzers/validation_report.h"

namespace mdp::analyzers {

struct PartitionResults {
    // The partition's Centre Point orders and simulated fills: `matched` and `unexecuted` point
    // into the first, `matched_fills` into the second. Both live on the heap so that moving the
    // results keeps those pointers valid.
    std::unique_ptr<const CentrePointOrders> orders;
    std::unique_ptr<const DarkPoolSimulation> simulation;

    ValidationFacts facts;                             // counts and the headline
    std::vector<OrderComparison> matched;              // set A, by orderid
    std::vector<std::span<const SimulatedFill>> matched_fills;  // parallel to `matched`
    std::vector<MetricSummaryRow> summary;             // per compared metric (SPEC 3.4)
    std::vector<PairedTestRow> tests;                  // per compared metric (SPEC 3.5)
    std::vector<QuantileRow> quantiles;
    std::vector<UnexecutedOrder> unexecuted;           // set B, by orderid
    std::vector<UnmatchedDiagnosis> diagnoses;         // set B's diagnoses (SPEC 3.7)

    // The counts the registry keeps per partition: cp_orders, sweeps, qualifying, matched,
    // unmatched, real_fills, simulated_fills, order_events, trade_rows.
    std::map<std::string, int64_t> counts() const;
};

}  // namespace mdp::analyzers
