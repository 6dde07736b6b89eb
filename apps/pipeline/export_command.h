#pragma once
// The `export` command: writes the SPEC 3.6 files of completed partitions from their result
// records (docs/design/storage.md, section 4), byte-identical to what `process` writes as a
// stats/ view for small runs. By default into the run itself (partitions/<date>/<security>/stats/,
// under the run's lock, as `process` would), or with --to into another directory
// (<to>/<date>/<security>/stats/, reading the run without its lock, like `status`).

#include <filesystem>
#include <iosfwd>
#include <optional>

#include "registry/partition_entry.h"

namespace mdp::app {

struct ExportQuery {
    registry::PartitionFilter filter;  // --date, --security (completed partitions only)
    std::optional<std::filesystem::path> to;
};

// Returns the exit code: 0 when every selected partition was exported, 4 when some completed
// partition's record could not be read (each named on `err`).
int export_partition_files(const std::filesystem::path& output, const ExportQuery& query, std::ostream& out,
                           std::ostream& err);

}  // namespace mdp::app
