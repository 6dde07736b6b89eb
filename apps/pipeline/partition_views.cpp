#include "partition_views.h"

namespace mdp::app {

bool stats_views_wanted(std::string_view mode, const registry::PartitionRegistry& registry) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const registry::RegistrySummary summary = registry.summary();
    uint64_t bytes = 0;
    for (const auto& [role, counts] : summary.inputs) bytes += static_cast<uint64_t>(counts.bytes);
    return summary.total <= kViewsMaxPartitions && bytes <= kViewsMaxInputBytes;
}

void write_stats_view(const std::filesystem::path& partition_dir, const std::vector<analyzers::PartitionFile>& files) {
    const std::filesystem::path staging = partition_dir / kStatsStagingDirectory;
    const std::filesystem::path final_stats = partition_dir / kStatsDirectory;
    std::filesystem::remove_all(staging);  // left by an interrupted attempt
    analyzers::write_partition_files(files, staging);
    std::filesystem::remove_all(final_stats);  // an earlier view, or one whose completion was never recorded
    std::filesystem::rename(staging, final_stats);
}

}  // namespace mdp::app
