#pragma once
// The optional SQLite export (`--sqlite FILE`): every consolidated CSV becomes a table of the
// same name (sweep_comparison, pooled_tests, per_security_tests, cross_security_anova,
// cross_security_pairwise, root_causes, partitions) with the CSV's columns. Cells keep their
// values: empty -> NULL, integers -> INTEGER, other numbers -> REAL, true/false -> 1/0, the rest
// TEXT; plus `runs`, the partitions' run metadata from the registry. The database is built
// beside FILE and renamed over it when complete, so FILE is always either the previous export or
// the new one. Example queries: docs/consolidation.md.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/partition_key.h"

namespace mdp::consolidate {

// The tables exported, in this order (each from <name>.csv).
inline constexpr const char* kSqliteTables[] = {
    "partitions",  "sweep_comparison",     "pooled_tests",           "per_security_tests",
    "root_causes", "cross_security_anova", "cross_security_pairwise"};

// One row of the `runs` table: a partition's run metadata (INTEGRATION 3), which stays out of
// consolidated/ so that its files do not depend on how often a run was interrupted.
struct PartitionRunRow {
    PartitionKey key;
    std::string status;
    uint32_t attempts = 0;
    double duration_sec = 0;                  // of the last finished attempt
    std::optional<std::string> started_at;    // ISO 8601 UTC, of the last attempt
    std::optional<std::string> completed_at;  // ISO 8601 UTC
    std::optional<std::string> error;         // the last one, one line
};

// Reads the CSVs of `consolidated_dir` and writes `database`, with the table `runs` (date,
// security, status, attempts, duration_sec, started_at, completed_at, error) from `runs`.
// Throws IoError when the database cannot be written, std::runtime_error when this build has no
// SQLite, Interrupted when *stop_requested becomes true (checked every few thousand rows;
// `database` is left as it was).
void export_sqlite(const std::filesystem::path& consolidated_dir, const std::filesystem::path& database,
                   const std::vector<PartitionRunRow>& runs, const std::atomic<bool>* stop_requested = nullptr);

}  // namespace mdp::consolidate
