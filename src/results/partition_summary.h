#pragma once
// What consolidation needs of one analysed partition, typed: the headline numbers, the 11
// differences of every set-A order (SPEC 3.4 metric order) and the root-cause counts of set B.
// Made from the analyzers' PartitionResults when the partition is analysed; stored in its
// result record (partition_record.h), so consolidation never reads a CSV.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "analyzers/metric_catalog.h"
#include "analyzers/partition_results.h"
#include "analyzers/stats/result.h"

namespace mdp::results {

inline constexpr size_t kMetricCount = analyzers::kComparedMetrics.size();
using Differences = std::array<double, kMetricCount>;

// The partition-level headline of sweep_order_validation.json (NaN where it holds null).
struct PartitionHeadline {
    int64_t n_pairs = 0;
    double mean_real_exec_cost_arrival_bps = stats::kNaN;
    double mean_sim_exec_cost_arrival_bps = stats::kNaN;
    double mean_saving_bps = stats::kNaN;
    double saving_paired_t_pvalue = stats::kNaN;
    friend bool operator==(const PartitionHeadline&, const PartitionHeadline&) = default;
};

struct PartitionSummary {
    PartitionHeadline headline;
    std::vector<Differences> differences;        // per set-A order, in the detailed file's order
    std::map<std::string, int64_t> root_causes;  // set B: root-cause code -> orders
};

// Every value is the one the SPEC files show (a difference of -0.0, which the detailed CSV
// writes as "0", is +0.0; a headline value that is not finite, which the validation JSON writes
// as null, is NaN), so results computed from the summary equal those computed from the files.
PartitionSummary summarize(const analyzers::PartitionResults& results);

}  // namespace mdp::results
