#pragma once
// One completed partition's stats/ files (SPEC 3.6) as consolidation needs them: the rows of
// matched/sweep_order_comparison_detailed.csv (their text, to be copied, and their 11 difference
// columns, parsed), the root-cause count of unmatched/unmatched_orders_analysis.csv, and the
// headline numbers of matched/sweep_order_validation.json. A partition is read whole (its files
// are small) so a malformed one is rejected before any of it reaches the consolidated files.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/metric_catalog.h"
#include "analyzers/stats/result.h"

namespace mdp::consolidate {

inline constexpr size_t kMetricCount = analyzers::kComparedMetrics.size();
using Differences = std::array<double, kMetricCount>;

// The partition-level headline of sweep_order_validation.json (NaN where it holds null).
struct PartitionHeadline {
    int64_t n_pairs = 0;
    double mean_real_exec_cost_arrival_bps = stats::kNaN;
    double mean_sim_exec_cost_arrival_bps = stats::kNaN;
    double mean_saving_bps = stats::kNaN;
    double saving_paired_t_pvalue = stats::kNaN;
};

struct PartitionStats {
    void clear();

    std::string detailed_text;             // the whole detailed CSV
    std::string_view header;               // its header line
    std::vector<std::string_view> rows;    // its data lines, without line ends
    std::vector<Differences> differences;  // per row, in SPEC 3.4 metric order
    std::map<std::string, int64_t> root_causes;
    PartitionHeadline headline;
};

// Relative paths below a partition's stats/ directory.
inline constexpr std::string_view kDetailedFile = "matched/sweep_order_comparison_detailed.csv";
inline constexpr std::string_view kUnmatchedFile = "unmatched/unmatched_orders_analysis.csv";
inline constexpr std::string_view kValidationFile = "matched/sweep_order_validation.json";

// Reads `stats_dir` (a partition's stats/) into `out`, replacing what it held (its buffers are
// reused from partition to partition; `rows` point into `detailed_text`). Throws InputError
// naming the file (and line) when a file is missing or malformed, and IoError when it cannot be
// read; `out` is then unspecified.
void read_partition_stats(const std::filesystem::path& stats_dir, PartitionStats& out);

}  // namespace mdp::consolidate
