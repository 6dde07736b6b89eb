#pragma once
// The one writer of a partition's SPEC 3.6 files: renders them from its typed results (the
// same bytes whatever asks for them: the process phase for small runs, `export` from a stored
// record) and writes them below a stats/ directory.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/partition_results.h"

namespace mdp::analyzers {

struct PartitionFile {
    std::string_view path;  // relative to the partition's stats/ directory
    std::string content;
};

// Relative paths below a partition's stats/ directory.
inline constexpr std::string_view kDetailedFile = "matched/sweep_order_comparison_detailed.csv";
inline constexpr std::string_view kUnmatchedFile = "unmatched/unmatched_orders_analysis.csv";
inline constexpr std::string_view kValidationFile = "matched/sweep_order_validation.json";

// The nine files, in a fixed order (the detailed comparison first).
std::vector<PartitionFile> render_partition_files(const PartitionResults& results);

// Writes `files` below `stats_dir` (directories created as needed). Throws IoError.
void write_partition_files(const std::vector<PartitionFile>& files, const std::filesystem::path& stats_dir);

}  // namespace mdp::analyzers
