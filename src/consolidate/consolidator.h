#pragma once
// Phase 3 (SPEC 4): consolidates the results of every completed partition of an output
// directory into <output>/consolidated/. Goes over the registry's partitions in key order (date,
// then security), reading each completed partition's result record once (from the packs the
// registry points at, src/results; never a CSV): records are read and decoded on every thread
// of the current oneTBB arena, and consumed in key order by one thread that writes the tables.
// Memory holds the per-order difference values the statistics need (difference_samples.h), a
// few counters per security, and a few records per thread: nothing per partition.
//
// Partitions that are not completed (pending, running, failed) and completed ones whose record
// cannot be read are skipped and named in partitions.csv, report.html and the summary. The output
// depends only on the registry and the records, never on time or paths: rerunning gives
// byte-identical files, also after a crash in the middle (consolidated_directory.h).
//
//   registry::PartitionRegistry reg(registry::PartitionRegistry::path_in(dir));
//   reg.load();
//   const auto summary = consolidate::consolidate(reg, dir, {});

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "consolidate/pairwise_rule.h"
#include "consolidate/report_data.h"
#include "registry/partition_registry.h"

namespace mdp::consolidate {

struct ConsolidationOptions {
    // Also write the consolidated tables into this SQLite database (replaced atomically;
    // sqlite_export.h).
    std::optional<std::filesystem::path> sqlite;
    // Polled between partitions, between tables and every few thousand rows of the SQLite export;
    // when set, consolidation throws Interrupted and leaves the previous consolidated/ untouched.
    const std::atomic<bool>* stop_requested = nullptr;
    // Called after each partition is read: (partitions done, partitions in the registry).
    std::function<void(uint64_t, uint64_t)> on_progress;
    // Called with a one-line notice before a long step (a pairwise table of millions of rows).
    std::function<void(const std::string&)> on_notice;
    // Which pairs of securities cross_security_pairwise.csv compares.
    PairwiseRule pairwise;
    // How many partitions report.html lists by name at most, per list.
    size_t listed_partitions = 25;
    // The program's name, version and commit, for the report's provenance.
    std::string program;
};

struct ConsolidationSummary {
    std::filesystem::path directory;  // <output>/consolidated
    ReportData report;
    // Partitions not consolidated, as "<key> <status>: <reason>", the first ones in key order.
    std::vector<std::string> not_included;
    size_t not_included_total = 0;
    size_t sweep_rows = 0;    // rows of sweep_comparison.csv
    size_t from_cache = 0;    // partitions taken from the previous consolidation (consolidation_cache.h)
    size_t sample_bytes = 0;  // memory of the difference samples
    bool sqlite_written = false;
};

// Throws IoError when an output cannot be written and Interrupted when asked to stop.
ConsolidationSummary consolidate(const registry::PartitionRegistry& registry,
                                 const std::filesystem::path& output_dir,
                                 const ConsolidationOptions& options = {});

// Whether this build can write SQLite databases.
bool sqlite_export_available();

}  // namespace mdp::consolidate
