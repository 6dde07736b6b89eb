#pragma once
// Everything the user asked for on the command line (and through the environment), before
// system sizing fills in what they left to auto-detection.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "extract/extraction_options.h"
#include "export_command.h"
#include "status_report.h"

namespace mdp::app {

enum class Phase { kAll, kExtract, kProcess, kAggregate, kStatus, kResetFailed, kExport, kSystemInfo };

enum class ProgressStyle { kAuto, kBar, kPlain, kNone };

struct PipelineSettings {
    Phase phase = Phase::kAll;
    // As given: files or directories (a directory stands for its files, sorted by name).
    std::vector<std::filesystem::path> orders;
    std::vector<std::filesystem::path> trades;
    std::vector<std::filesystem::path> nbbo;
    std::filesystem::path output;
    // The inputs the run reads, in order (orders, then trades, then NBBO; directories expanded),
    // resolved by RunDirectory::begin_run (from the registry when resuming without inputs).
    std::vector<extract::InputSpec> inputs;

    std::optional<size_t> workers;        // flag > SWEEP_WORKERS > auto
    std::optional<size_t> chunk_rows;     // flag > SWEEP_CHUNK_SIZE > auto
    std::optional<uint64_t> memory_budget_bytes;

    bool resume = false;
    bool restart = false;
    bool append = false;  // add the inputs given to the run in `output` (docs/cli.md, "--append")
    uint32_t max_retries = 3;
    uint32_t retry_delay_ms = 1000;

    std::string timezone = "Australia/Sydney";
    std::vector<std::string> columns;
    uint64_t max_rejects = 0;
    size_t max_line_bytes = 1 << 20;
    std::string nbbo_source = "order";
    // Whether process writes each partition's SPEC 3.6 files as a stats/ view: auto (small runs
    // only, partition_views.h), always or never. Results are in the packs either way.
    std::string partition_files = "auto";

    uint64_t checkpoint_every_bytes = 1ULL << 30;
    double checkpoint_every_seconds = 30;
    ProgressStyle progress = ProgressStyle::kAuto;

    std::optional<std::filesystem::path> sqlite;  // also export the consolidated tables here
    std::string pairwise = "top:50";              // consolidate::PairwiseRule::parse text

    StatusQuery status_query;  // the `status` subcommand's filters and format
    ExportQuery export_query;  // the `export` subcommand's selection and destination
};

}  // namespace mdp::app
