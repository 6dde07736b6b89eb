#include "analyzers/partition_files.h"

#include "analyzers/comparison_report.h"
#include "analyzers/output_file.h"
#include "analyzers/simulation_report.h"
#include "analyzers/unmatched_report.h"
#include "analyzers/validation_report.h"

namespace mdp::analyzers {

std::vector<PartitionFile> render_partition_files(const PartitionResults& results) {
    std::vector<PartitionFile> files;
    files.reserve(9);
    files.push_back({kDetailedFile, comparison_detailed_csv(results.matched)});
    files.push_back({"matched/sweep_order_comparison_summary.csv", comparison_summary_csv(results.summary)});
    files.push_back({"matched/sweep_order_statistical_tests.csv", statistical_tests_csv(results.tests)});
    files.push_back({"matched/sweep_order_quantile_comparison.csv", quantile_comparison_csv(results.quantiles)});
    files.push_back({kValidationFile, validation_json(results.facts)});
    files.push_back({"unmatched/sweep_order_unexecuted_in_dark.csv", unexecuted_in_dark_csv(results.unexecuted)});
    files.push_back({kUnmatchedFile, unmatched_analysis_csv(results.diagnoses)});
    files.push_back({"unmatched/unmatched_summary.json", unmatched_summary_json(results.facts.key, results.diagnoses)});
    files.push_back({"simulation/simulated_fills.csv", simulated_fills_csv(results.matched_fills)});
    return files;
}

void write_partition_files(const std::vector<PartitionFile>& files, const std::filesystem::path& stats_dir) {
    for (const PartitionFile& file : files) write_output_file(stats_dir / file.path, file.content);
}

}  // namespace mdp::analyzers
