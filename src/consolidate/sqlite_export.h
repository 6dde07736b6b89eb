#pragma once
// The optional SQLite export (`--sqlite FILE`): every consolidated CSV becomes a table of the
// same name (sweep_comparison, pooled_tests, per_security_tests, cross_security_anova,
// cross_security_pairwise, root_causes, partitions) with the CSV's columns. Cells keep their
// values: empty -> NULL, integers -> INTEGER, other numbers -> REAL, true/false -> 1/0, the rest
// TEXT. The database is built beside FILE and renamed over it when complete, so FILE is always
// either the previous export or the new one. Example queries: docs/consolidation.md.

#include <atomic>
#include <filesystem>

namespace mdp::consolidate {

// The tables exported, in this order (each from <name>.csv).
inline constexpr const char* kSqliteTables[] = {
    "partitions",  "sweep_comparison",     "pooled_tests",           "per_security_tests",
    "root_causes", "cross_security_anova", "cross_security_pairwise"};

// Reads the CSVs of `consolidated_dir` and writes `database`. Throws IoError when the database
// cannot be written, std::runtime_error when this build has no SQLite, Interrupted when
// *stop_requested becomes true (checked every few thousand rows; `database` is left as it was).
void export_sqlite(const std::filesystem::path& consolidated_dir, const std::filesystem::path& database,
                   const std::atomic<bool>* stop_requested = nullptr);

}  // namespace mdp::consolidate
