#pragma once
// The small-run rule (docs/design/storage.md, section 4): a partition's SPEC 3.6 files are a
// view of its result record. A researcher with a small run finds them under
// partitions/<date>/<security>/stats/ as always; a big run does not pay a dozen file creations
// per partition for them, and `export` writes them for any partition on request.

#include <cstdint>
#include <filesystem>
#include <vector>
#include <string_view>

#include "analyzers/partition_files.h"
#include "registry/partition_registry.h"

namespace mdp::app {

inline constexpr size_t kViewsMaxPartitions = 1000;
inline constexpr uint64_t kViewsMaxInputBytes = uint64_t{1} << 30;

// `mode` is --partition-files: "always", "never", or "auto" (at most kViewsMaxPartitions
// partitions and kViewsMaxInputBytes of partition rows in the run).
bool stats_views_wanted(std::string_view mode, const registry::PartitionRegistry& registry);

// Writes a partition's SPEC 3.6 files as its stats/ view below `partition_dir`: into
// stats.partial/, renamed over stats/ only when every file is written, so a view is either
// complete or absent. Throws IoError.
void write_stats_view(const std::filesystem::path& partition_dir, const std::vector<analyzers::PartitionFile>& files);

inline constexpr const char* kStatsDirectory = "stats";
inline constexpr const char* kStatsStagingDirectory = "stats.partial";

}  // namespace mdp::app
